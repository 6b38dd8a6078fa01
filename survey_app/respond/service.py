"""The respondent's path: start, answer page by page, save for later, resume, submit.

Every function flushes and never commits: the request commits once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import ratelimit
from ..campaigns.models import Access, Campaign, Invitation, Status
from ..clock import local_today
from ..codes import code_hash, looks_like_code, new_code
from ..extensions import db
from ..questionnaire import Form, PageResult, first_incomplete_section, read_section
from ..questionnaire.types import RawAnswers
from ..versions.service import form_of
from .models import Draft, Response, SubmissionReceipt


class CampaignUnavailable(Exception):
    def __init__(self, reason: str, campaign: Campaign | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown", "not_open" or "closed"
        self.campaign = campaign


class CodeRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "missing", "invalid", "used" or "locked"


class Incomplete(Exception):
    def __init__(self, page: int) -> None:
        super().__init__(page)
        self.page = page


def find_campaign(slug: str) -> Campaign | None:
    return db.session.scalar(sa.select(Campaign).where(Campaign.slug == slug))


def open_campaign(slug: str) -> tuple[Campaign, Form]:
    """The campaign and its form, if it takes answers now; one query when the form is cached."""
    campaign = find_campaign(slug)
    if campaign is None:
        raise CampaignUnavailable("unknown")
    if (status := campaign.status()) is not Status.OPEN:
        raise CampaignUnavailable(status.value, campaign)
    return campaign, form_of(campaign.version)


def _expiry() -> dt.date:
    return local_today() + dt.timedelta(days=int(current_app.config["SURVEY_APP_RESUME_DAYS"]))


def start(campaign: Campaign, code: str | None) -> Draft:
    """A new draft; token campaigns first check the invitation code."""
    invitation = _usable_invitation(campaign, code) if campaign.access is Access.TOKEN else None
    draft = Draft(
        campaign_id=campaign.id,
        invitation_id=invitation.id if invitation else None,
        answers={},
        expires_on=_expiry(),
    )
    db.session.add(draft)
    db.session.flush()
    return draft


def _usable_invitation(campaign: Campaign, code: str | None) -> Invitation:
    if not code or not code.strip():
        raise CodeRejected("missing")
    scope, limit = f"invitation:{campaign.id}", ratelimit.Limit.from_config("SURVEY_APP_CODE")
    if ratelimit.is_locked_out(scope, limit):
        raise CodeRejected("locked")
    invitation = None
    if looks_like_code(code):
        invitation = db.session.scalar(
            sa.select(Invitation).filter_by(campaign_id=campaign.id, code_hash=code_hash(code))
        )
    if invitation is None or invitation.used:
        ratelimit.record_failure(scope, limit)
        raise CodeRejected("invalid" if invitation is None else "used")
    return invitation


def find_draft(campaign: Campaign, draft_id: str | None) -> Draft | None:
    """The session's draft for this campaign, unless it expired or was submitted."""
    try:
        key = uuid.UUID(draft_id or "")
    except ValueError:
        return None
    draft = db.session.get(Draft, key)
    if draft is None or draft.campaign_id != campaign.id or draft.expires_on < local_today():
        return None
    return draft


def save_page(draft: Draft, form: Form, page: int, raw: RawAnswers) -> PageResult:
    """Keep every valid answer of the page, even when others need correcting."""
    result = read_section(form, form.sections[page], raw, draft.answers)
    if result.answers != draft.answers:
        draft.answers = result.answers
        db.session.flush()
    return result


def save_for_later(draft: Draft) -> str:
    """A fresh one-time resume code; only its hash is kept, and it replaces any earlier one."""
    code = new_code()
    draft.resume_code_hash = code_hash(code)
    draft.expires_on = _expiry()
    db.session.flush()
    return code


def resume(campaign: Campaign, code: str) -> Draft:
    scope, limit = f"resume:{campaign.id}", ratelimit.Limit.from_config("SURVEY_APP_CODE")
    if ratelimit.is_locked_out(scope, limit):
        raise CodeRejected("locked")
    draft = None
    if looks_like_code(code):
        draft = db.session.scalar(sa.select(Draft).filter_by(resume_code_hash=code_hash(code)))
    if draft is None or draft.campaign_id != campaign.id or draft.expires_on < local_today():
        ratelimit.record_failure(scope, limit)
        raise CodeRejected("invalid_resume")
    return draft


def already_submitted(key: str) -> bool:
    return db.session.get(SubmissionReceipt, _key_hash(key)) is not None


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def submit(campaign: Campaign, form: Form, draft: Draft, key: str) -> bool:
    """Store the response once per key; False when this key was already submitted.

    The receipt goes first: a concurrent double submit waits on its unique key and
    then stores nothing. The invitation is spent without a time and without a link.
    """
    if str(draft.submission_key) != key:
        raise CodeRejected("invalid")
    if (page := first_incomplete_section(form, draft.answers)) is not None:
        raise Incomplete(page)
    with db.session.begin_nested():  # all or nothing, even when the invitation is gone
        if not _record_receipt(campaign, key):
            return False
        if draft.invitation_id is not None:
            _spend_invitation(draft.invitation_id)
        db.session.add(_response(campaign, form, draft))
        db.session.delete(draft)
        db.session.flush()
    return True


def _record_receipt(campaign: Campaign, key: str) -> bool:
    try:
        with db.session.begin_nested():
            db.session.add(SubmissionReceipt(key_hash=_key_hash(key), campaign_id=campaign.id))
    except IntegrityError:
        return False
    return True


def _spend_invitation(invitation_id: int) -> None:
    spent = db.session.execute(
        sa.update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.used.is_(False))
        .values(used=True)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise CodeRejected("used")


def _response(campaign: Campaign, form: Form, draft: Draft) -> Response:
    return Response(
        id=uuid.uuid4(),
        campaign_id=campaign.id,
        submitted_on=local_today(),
        answers=dict(draft.answers),
        numeric=form.numeric_vector(draft.answers),
        group_codes=form.group_codes(draft.answers),
    )
