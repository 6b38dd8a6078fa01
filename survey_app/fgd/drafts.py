"""A draft as last typed, and the confirmation step before it is finalized.

Finalizing locks a record for good, so the web asks twice: the "finalize" button saves
the draft and, when nothing stops it, shows a summary of what will be locked; only the
summary's own post, carrying the :func:`fingerprint` of the draft it showed, locks it.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from ..questionnaire import FieldError
from .models import FgdSession, SessionStatus
from .ranking import unranked
from .record import RecordResult, read_record
from .service import TYPED, SessionError, finalize, forms_for
from .values import Values, record_values


class StaleConfirmation(SessionError):
    """The draft changed after its confirmation page was shown."""


def draft_values(session: FgdSession) -> Values:
    """The draft's inputs as last typed (a draft saved before they were kept: its record)."""
    form, _survey = forms_for(session)
    return dict(session.record.get(TYPED) or record_values(form, session.record))


def final_errors(session: FgdSession) -> list[FieldError]:
    """What stops the stored draft from being finalized."""
    form, survey = forms_for(session)
    return read_record(form, survey, draft_values(session)).errors


def fingerprint(session: FgdSession) -> str:
    """A hash of the stored draft: a confirmation holds for this content only."""
    text = json.dumps(session.record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def unranked_participants(session: FgdSession) -> list[str]:
    """Participants present without a ranking: the summary names them before locking."""
    form, _survey = forms_for(session)
    record = session.record
    return unranked(form, record.get("details", {}), record.get("ranking", {}))


def confirm_finalize(session: FgdSession, shown: str) -> RecordResult:
    """Finalize the stored draft if it is still the one the confirmation page showed."""
    if session.status is not SessionStatus.DRAFT:
        raise SessionError("this session is finalized; record a correction as an amendment")
    if not hmac.compare_digest(shown.encode(), fingerprint(session).encode()):
        raise StaleConfirmation("the draft changed after the summary was shown")
    return finalize(session, draft_values(session))
