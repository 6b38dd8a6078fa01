"""Respondent-facing messages for answer errors and rejected codes, translated."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..questionnaire import FieldError, Form

FIELD_MESSAGES = {
    "required": _l("Please answer this question."),
    "tampered": _l("This answer was not sent in the expected form. Please answer again."),
    "invalid_choice": _l("Please choose one of the options shown."),
    "too_many": _l("Please choose at most %(limit)s options."),
    "not_integer": _l("Please enter a whole number, for example 12."),
    "not_number": _l("Please enter a number, for example 2.5."),
    "out_of_range": _l("Please enter a value between %(min)s and %(max)s."),
    "out_of_range_min": _l("Please enter a value of at least %(min)s."),
    "out_of_range_max": _l("Please enter a value of at most %(max)s."),
    "too_long": _l("Please shorten your answer to at most %(limit)s characters."),
    "pattern": _l("This answer is not in the expected format."),
    "not_date": _l("Please enter a date as YYYY-MM-DD."),
    "both_dimensions": _l("Please rate both importance and your current mastery."),
    "both_moments": _l("Please rate both before the training and now."),
    "ranking_gap": _l("Please fill the choices in order, starting with Choice 1."),
    "ranking_repeat": _l("Each item can be ranked only once."),
    "ranking_incomplete": _l("Please rank %(count)s items."),
    "constraint": _l("This answer is not accepted."),
}

CODE_MESSAGES = {
    "missing": _l("Please enter the invitation code you received."),
    "invalid": _l("This code is not valid for this survey. Check it and try again."),
    "invalid_resume": _l("This resume code is not valid or has expired. Check it and try again."),
    "used": _l("This invitation code has already been used to submit a response."),
    "locked": _l(
        "Too many wrong codes from your network. Check that you typed your code exactly as "
        "you received it: a correct code is still accepted. Otherwise, please wait "
        "%(minutes)s minutes."
    ),
}

TOO_MANY_DRAFTS = _l(
    "Many surveys have just been started from your network. To protect the service, "
    "please try again in %(minutes)s minutes. If you saved your answers earlier, you can "
    "continue now with your resume code."
)

WELCOME_BACK = _l(
    "Welcome back! Your answers are restored and you continue where you left off. "
    "Your resume code has now been used: to stop again later, choose "
    "“Save and continue later” for a new code."
)


#: Kinds whose question may carry its own message (``constraint_message``, ``pattern_message``).
_OWN_MESSAGE_KINDS = frozenset({"constraint", "pattern"})


def field_message(error: FieldError, form: Form, language: str) -> str:
    if error.kind in _OWN_MESSAGE_KINDS and error.params.get("message"):
        return form.text(error.params["message"], language)
    kind = error.kind
    if kind == "out_of_range" and None in (error.params.get("min"), error.params.get("max")):
        kind += "_max" if error.params.get("min") is None else "_min"
    template = FIELD_MESSAGES.get(kind, FIELD_MESSAGES["tampered"])
    params = {k: "" if v is None else v for k, v in error.params.items() if k != "message"}
    return str(template) % params if params else str(template)


def too_many_drafts_message() -> str:
    minutes = max(1, int(current_app.config["SURVEY_APP_DRAFT_WINDOW_SECONDS"]) // 60)
    return str(TOO_MANY_DRAFTS) % {"minutes": minutes}


def code_message(reason: str) -> str:
    message = str(CODE_MESSAGES.get(reason, CODE_MESSAGES["invalid"]))
    if reason == "locked":
        minutes = max(1, int(current_app.config["SURVEY_APP_CODE_WINDOW_SECONDS"]) // 60)
        return message % {"minutes": minutes}
    return message
