"""Focus-group sessions: create, save drafts, finalize, amend, and read them merged.

Flushes only; the request commits once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .. import audit
from ..auth.models import Role, User
from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import db
from ..questionnaire import FieldError, Form, SessionForm
from ..questionnaire.types import RawAnswers
from ..versions.models import Questionnaire, QuestionnaireVersion
from ..versions.service import form_of, latest_version, session_form_of
from .models import Amendment, FgdSession, SessionStatus
from .ranking import PARTIAL
from .record import RecordResult, candidates, read_record
from .values import typed_values

#: A draft's record keeps the form as last typed under this key (finalized records do not).
TYPED = "typed"
#: What a draft may still lack; finalizing needs it.
DRAFT_ALLOWS = frozenset({"required", *PARTIAL})


class SessionError(ValueError):
    """A request about a session that cannot be carried out; the message says why."""


class UnknownTarget(LookupError):
    """A posted campaign or form id that does not exist (a tampered form)."""


def session_form_versions() -> list[QuestionnaireVersion]:
    """The latest version of every focus-group form."""
    forms = db.session.scalars(sa.select(Questionnaire).where(Questionnaire.kind == "focus_group"))
    return [form.versions[-1] for form in forms if form.versions]


def forms_for(session: FgdSession) -> tuple[SessionForm, Form]:
    """The session form, and the survey whose competency codes its needs use."""
    form = session_form_of(session.version)
    survey_version = session.campaign.version
    if survey_version.questionnaire.form_id != form.spec.survey_form:
        survey_version = latest_version(form.spec.survey_form, kind="survey") or survey_version
    return form, form_of(survey_version)


def survey_of(campaign: Campaign) -> Form:
    return form_of(campaign.version)


def candidates_for(session: FgdSession, record: dict[str, Any]) -> list[str]:
    form, survey = forms_for(session)
    return candidates(form, survey, record)


def create_session_by_ids(
    campaign_id: int, version_id: int, facilitator: User, title: str
) -> FgdSession:
    """:func:`create_session` for posted ids; :class:`UnknownTarget` when one is unknown."""
    campaign = db.session.get(Campaign, campaign_id)
    version = db.session.get(QuestionnaireVersion, version_id)
    if campaign is None or version is None:
        raise UnknownTarget
    return create_session(campaign, version, facilitator, title)


def create_session(
    campaign: Campaign, version: QuestionnaireVersion, facilitator: User, title: str
) -> FgdSession:
    if version.questionnaire.kind != "focus_group":
        raise SessionError("choose a focus-group form")
    session = FgdSession(
        campaign=campaign,
        version=version,
        facilitator=facilitator,
        title=title.strip()[:200] or campaign.title,
        record={},
    )
    db.session.add(session)
    db.session.flush()
    audit.record("fgd.create", "fgd_session", session.id, campaign=campaign.slug)
    return session


def own_sessions(user: User) -> list[FgdSession]:
    query = (
        sa.select(FgdSession)
        .where(FgdSession.facilitator_id == user.id)
        .order_by(FgdSession.id.desc())
    )
    return list(db.session.scalars(query))


def readable_session(session_id: int, user: User) -> FgdSession | None:
    """The facilitator's own session, or any finalized one for a drafter; else None (404)."""
    session = db.session.get(FgdSession, session_id)
    if session is None:
        return None
    if session.facilitator_id == user.id:
        return session
    if user.has_role(Role.DRAFTER) and session.status is SessionStatus.FINAL:
        return session
    return None


def own_session(session_id: int, user: User) -> FgdSession | None:
    """The facilitator's own session, else None (404)."""
    session = db.session.get(FgdSession, session_id)
    return session if session is not None and session.facilitator_id == user.id else None


def save_draft(session: FgdSession, raw: RawAnswers) -> RecordResult:
    """Keep everything typed; report what is wrong, except what only finalizing needs."""
    result = _store(session, raw)
    audit.record("fgd.save", "fgd_session", session.id)
    return RecordResult(result.record, [e for e in result.errors if e.kind not in DRAFT_ALLOWS])


def prepare_finalize(session: FgdSession, raw: RawAnswers) -> RecordResult:
    """Save the draft as typed; its errors are what still stops finalizing (none: confirm)."""
    result = _store(session, raw)
    audit.record("fgd.save", "fgd_session", session.id)
    return result


def _store(session: FgdSession, raw: RawAnswers) -> RecordResult:
    _require(session, SessionStatus.DRAFT)
    form, survey = forms_for(session)
    result = read_record(form, survey, raw)
    session.record = {**result.record, TYPED: typed_values(raw)}
    db.session.flush()
    return result


def finalize(session: FgdSession, raw: RawAnswers) -> RecordResult:
    """Lock the record ``raw`` describes, unless anything is invalid, missing or partial;
    then it is only kept as a draft. The web confirms first (:mod:`.drafts`)."""
    result = _store(session, raw)
    if not result.errors:
        session.record = result.record
        session.status, session.finalized_at = SessionStatus.FINAL, utcnow()
        db.session.flush()
        audit.record("fgd.finalize", "fgd_session", session.id)
    return result


def amend(session: FgdSession, raw: RawAnswers, reason: str, author: User) -> RecordResult:
    """A correction of a finalized session; the original stays as it was."""
    _require(session, SessionStatus.FINAL)
    form, survey = forms_for(session)
    result = read_record(form, survey, raw)
    if not reason.strip():
        return RecordResult(
            result.record, [*result.errors, FieldError("amend", "reason", "required")]
        )
    changed = changed_parts(session.current_record, result.record)
    if result.errors or not changed:
        return RecordResult(
            result.record, result.errors or [FieldError("amend", "reason", "unchanged")]
        )
    session.amendments.append(
        Amendment(
            author_id=author.id, reason=reason.strip()[:500], record=result.record, changed=changed
        )
    )
    db.session.flush()
    audit.record("fgd.amend", "fgd_session", session.id, changed=changed)
    return result


def changed_parts(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Dotted paths of the parts that differ, e.g. ``prompts.hambatan.quotes``."""
    parts = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict) and isinstance(new, dict) and key != "ranking":
            parts += [f"{key}.{part}" for part in changed_parts(old, new)]
        elif old != new:
            parts.append(key)
    return parts


def _require(session: FgdSession, status: SessionStatus) -> None:
    if session.status is not status:
        raise SessionError(
            "this session is finalized; record a correction as an amendment"
            if session.status is SessionStatus.FINAL
            else "this session is not finalized yet"
        )


@dataclass
class NeedEvidence:
    #: Sessions in which a prompt tagged the need.
    sessions: int = 0
    #: Nominal-group points over all participants (rank: top k get k..1).
    points: int = 0
    #: Participants who picked it at all.
    votes: int = 0


def finalized_sessions(campaign: Campaign) -> list[FgdSession]:
    query = (
        sa.select(FgdSession)
        .where(FgdSession.campaign_id == campaign.id, FgdSession.status == SessionStatus.FINAL)
        .order_by(FgdSession.id)
    )
    return list(db.session.scalars(query))


def merged_needs(sessions: list[FgdSession]) -> dict[str, NeedEvidence]:
    """Per need: sessions that tagged it, nominal-group points and votes, over all sessions."""
    merged: dict[str, NeedEvidence] = {}
    for session in sessions:
        record = session.current_record
        tagged: Counter[str] = Counter()
        for prompt in record.get("prompts", {}).values():
            tagged.update(
                set(prompt.get("needs", [])) | {"+" + n for n in prompt.get("new_needs", [])}
            )
        for need in tagged:
            merged.setdefault(need, NeedEvidence()).sessions += 1
        for picks in record.get("ranking", {}).values():
            for pick in picks:
                evidence = merged.setdefault(pick["need"], NeedEvidence())
                evidence.points += int(pick["points"])
                evidence.votes += 1
    return dict(
        sorted(merged.items(), key=lambda item: (-item[1].points, -item[1].sessions, item[0]))
    )
