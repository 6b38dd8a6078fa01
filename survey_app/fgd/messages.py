"""Messages for session-record errors, translated; shared kinds come from the survey's."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..questionnaire import FieldError, SessionForm
from ..respond.messages import field_message

SESSION_MESSAGES = {
    "speaker": _l("Choose who said this (P1, P2, ...)."),
    "speaker_absent": _l(
        "%(speaker)s is not among the %(count)s participants present. Choose another speaker "
        "or correct the number of participants."
    ),
    "unchanged": _l("Nothing was changed."),
    "ranking_absent": _l(
        "%(participant)s: only %(count)s participants are present. Clear this row, or correct "
        "the number of participants in the session details."
    ),
    "ranking_repeat": _l(
        "%(participant)s: the same need is chosen more than once (choices %(places)s). "
        "Choose a different need for each place."
    ),
    "ranking_partial": _l(
        "%(participant)s: fill choices 1 to %(count)s in order, or leave the whole row empty "
        "if this participant did not rank."
    ),
    "ranking_points_left": _l(
        "%(participant)s: %(given)s of %(total)s points are given. Spread all the points, "
        "or leave the whole row empty if this participant did not rank."
    ),
    "too_many_points": _l("%(participant)s: at most %(limit)s points in total."),
    "points_without_need": _l("Choose a need for these points, or clear the points."),
}
#: Messages with their own wording on a session record.
OVERRIDES = {("amend", "required"): _l("Say why the record is corrected.")}


def error_messages(errors: list[FieldError], form: SessionForm, language: str) -> dict[str, str]:
    """Field name -> message, for showing each error next to its field."""
    return {error.field: _message(error, form, language) for error in errors}


def _message(error: FieldError, form: SessionForm, language: str) -> str:
    if (error.question, error.kind) in OVERRIDES:
        return str(OVERRIDES[(error.question, error.kind)])
    if error.kind in SESSION_MESSAGES:
        template = str(SESSION_MESSAGES[error.kind])
        return template % error.params if error.params else template
    return field_message(error, form.details, language)
