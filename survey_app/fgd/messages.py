"""Messages for session-record errors, translated; shared kinds come from the survey's."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..questionnaire import FieldError, SessionForm
from ..respond.messages import field_message

SESSION_MESSAGES = {
    "speaker": _l("Choose who said this (P1, P2, ...)."),
    "too_many_points": _l("At most %(limit)s points in total."),
    "unchanged": _l("Nothing was changed."),
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
