"""The respondent's path: start, answer page by page, save for later, resume, submit.

Every function flushes and never commits: the request commits once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any, NoReturn

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from .. import ratelimit
from ..campaigns.asked import campaign_form
from ..campaigns.models import Access, Campaign, Invitation, Status
from ..clock import local_today
from ..codes import code_hash, looks_like_code, new_code
from ..extensions import db
from ..questionnaire import Form, PageResult, first_incomplete_section, read_section
from ..questionnaire.types import RawAnswers
from .models import Draft, Response, SubmissionReceipt


class CampaignUnavailable(Exception):
    def __init__(self, reason: str, campaign: Campaign | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown", "not_open" or "closed"
        self.campaign = campaign


class CodeRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "missing", "invalid", "invalid_resume", "used" or "locked"


class TooManyDrafts(Exception):
    def __init__(self, window_seconds: int) -> None:
        super().__init__(window_seconds)
        self.window_seconds = window_seconds


class Incomplete(Exception):
    def __init__(self, page: int) -> None:
        super().__init__(page)
        self.page = page


#: Built once: a statement's construction costs more than its cached compilation.
_BY_SLUG = sa.select(Campaign).where(Campaign.slug == sa.bindparam("slug"))
_WITH_DRAFT = (
    sa.select(Campaign, Draft)
    .outerjoin(Draft, sa.and_(Draft.id == sa.bindparam("draft"), Draft.campaign_id == Campaign.id))
    .where(Campaign.slug == sa.bindparam("slug"))
)


def find_campaign(slug: str) -> Campaign | None:
    return db.session.scalar(_BY_SLUG, {"slug": slug})


def open_campaign(slug: str) -> tuple[Campaign, Form]:
    """The campaign and its form, if it takes answers now; one query when the form is cached."""
    return _open(find_campaign(slug))


def open_with_draft(slug: str, draft_id: str | None) -> tuple[Campaign, Form, Draft | None]:
    """:func:`open_campaign` and the session's draft (unless expired or submitted), in
    one query."""
    key = _draft_key(draft_id)
    if key is None:
        return (*open_campaign(slug), None)
    row = db.session.execute(_WITH_DRAFT, {"slug": slug, "draft": key}).first()
    campaign, form = _open(None if row is None else row[0])
    draft = None if row is None else row[1]
    return campaign, form, draft if draft is not None and _usable(draft, campaign) else None


def _open(campaign: Campaign | None) -> tuple[Campaign, Form]:
    if campaign is None:
        raise CampaignUnavailable("unknown")
    if (status := campaign.status()) is not Status.OPEN:
        raise CampaignUnavailable(status.value, campaign)
    return campaign, campaign_form(campaign)


def _expiry() -> dt.date:
    return local_today() + dt.timedelta(days=int(current_app.config["SURVEY_APP_RESUME_DAYS"]))


def start(campaign: Campaign, code: str | None) -> Draft:
    """A new draft; token campaigns first check the invitation code.

    Raises TooManyDrafts when this address started ``SURVEY_APP_DRAFT_LIMIT`` drafts in
    the window: each draft is kept for days, so they cannot be made without end.
    """
    invitation = _usable_invitation(campaign, code) if campaign.access is Access.TOKEN else None
    limit = draft_limit()
    if ratelimit.count(ratelimit.bucket("drafts", ratelimit.client_address()), limit) > (
        limit.attempts
    ):
        raise TooManyDrafts(limit.window_seconds)
    draft = Draft(
        campaign_id=campaign.id,
        invitation_id=invitation.id if invitation else None,
        answers={},
        expires_on=_expiry(),
    )
    db.session.add(draft)
    db.session.flush()
    return draft


def draft_limit() -> ratelimit.Limit:
    return ratelimit.Limit.from_config("SURVEY_APP_DRAFT", "LIMIT")


def _usable_invitation(campaign: Campaign, code: str | None) -> Invitation:
    """A correct, unused code is always accepted; only wrong ones count (see _wrong_code)."""
    if not code or not code.strip():
        raise CodeRejected("missing")
    invitation = None
    if looks_like_code(code):
        invitation = db.session.scalar(
            sa.select(Invitation).filter_by(campaign_id=campaign.id, code_hash=code_hash(code))
        )
    if invitation is None or invitation.used:
        _wrong_code(f"invitation:{campaign.id}", "invalid" if invitation is None else "used")
    return invitation


def _wrong_code(scope: str, reason: str) -> NoReturn:
    """Count a wrong code for this address; past the limit the answer is "locked" (429).

    A valid code never reaches here, so an office behind one address keeps working
    while someone there mistypes: codes have 80 random bits, guessing is hopeless anyway.
    """
    limit = ratelimit.Limit.from_config("SURVEY_APP_CODE")
    failures = ratelimit.count(ratelimit.bucket(scope, ratelimit.client_address()), limit)
    raise CodeRejected("locked" if failures > limit.attempts else reason)


def _draft_key(draft_id: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(draft_id or "")
    except ValueError:
        return None


def _usable(draft: Draft, campaign: Campaign) -> bool:
    """Not another campaign's, not expired (a submitted draft no longer exists)."""
    return draft.campaign_id == campaign.id and draft.expires_on >= local_today()


def save_page(draft: Draft, form: Form, page: int, raw: RawAnswers) -> PageResult:
    """Keep every valid answer of the page, even when others need correcting."""
    result = read_section(form, form.sections[page], raw, draft.answers)
    if result.answers != draft.answers:
        draft.answers = result.answers
        db.session.flush()
    return result


def save_for_later(draft: Draft, page: int) -> str:
    """A fresh resume code for this draft, landing on ``page``; only its hash is kept.

    It replaces any earlier code.
    """
    code = new_code()
    draft.resume_code_hash = code_hash(code)
    draft.saved_page = page
    draft.expires_on = _expiry()
    db.session.flush()
    return code


def resume(campaign: Campaign, code: str) -> Draft:
    """Claim the draft of a resume code, once: the code is spent and the draft gets a new id.

    So whichever session held the draft before (the one that saved, or a second browser
    with the same code) can no longer reach it. One atomic UPDATE: two browsers racing
    with one code cannot both win. Saving again gives a new code.
    """
    new_id = _claim(campaign, code) if looks_like_code(code) else None
    if new_id is None:
        _wrong_code(f"resume:{campaign.id}", "invalid_resume")
    return db.session.get_one(Draft, new_id)


def _claim(campaign: Campaign, code: str) -> uuid.UUID | None:
    claimed = db.session.execute(
        sa.update(Draft)
        .where(
            Draft.resume_code_hash == code_hash(code),
            Draft.campaign_id == campaign.id,
            Draft.expires_on >= local_today(),
        )
        .values(id=uuid.uuid4(), resume_code_hash=None)
        .returning(Draft.id)
        .execution_options(synchronize_session=False)
    )
    return claimed.scalar_one_or_none()


def landing_page(form: Form, draft: Draft) -> int | None:
    """Where a resumed respondent continues: the page they saved on while it is shown,
    else the first page with a required question unanswered (``None``: the review)."""
    page = draft.saved_page
    sections = form.sections
    if (
        page is not None
        and 0 <= page < len(sections)
        and form.section_shown(sections[page], draft.answers)
    ):
        return page
    return first_incomplete_section(form, draft.answers)


def already_submitted(key: str) -> bool:
    return db.session.get(SubmissionReceipt, _key_hash(key)) is not None


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def submit(campaign: Campaign, form: Form, draft: Draft, key: str) -> None:
    """Store the response once per key; a key already submitted stores nothing.

    The receipt goes first: a concurrent double submit waits on its unique key and
    then stores nothing. The invitation is spent without a time and without a link;
    when it turns out to be spent already, a savepoint undoes the rest (only token
    campaigns pay for the savepoint's round trips).
    """
    if str(draft.submission_key) != key:
        raise CodeRejected("invalid")
    if (page := first_incomplete_section(form, draft.answers)) is not None:
        raise Incomplete(page)
    if draft.invitation_id is None:
        _store(campaign, form, draft, key)
        return
    with db.session.begin_nested():  # all or nothing, even when the invitation is gone
        _store(campaign, form, draft, key, draft.invitation_id)


def _store(
    campaign: Campaign, form: Form, draft: Draft, key: str, invitation_id: int | None = None
) -> None:
    """Receipt, invitation, response, draft gone: four statements, no ORM flush."""
    if not _record_receipt(campaign, key):
        return
    if invitation_id is not None:
        _spend_invitation(invitation_id)
    db.session.execute(sa.insert(Response).values(**_response(campaign, form, draft)))
    db.session.execute(sa.delete(Draft).where(Draft.id == draft.id))
    db.session.expunge(draft)


def _record_receipt(campaign: Campaign, key: str) -> bool:
    """Insert the key's receipt; False when it exists (no error, so no savepoint needed)."""
    values = {"key_hash": _key_hash(key), "campaign_id": campaign.id}
    insert = (
        postgresql.insert(SubmissionReceipt)
        if db.session.get_bind().dialect.name == "postgresql"
        else sqlite.insert(SubmissionReceipt)
    )
    statement = insert.values(values).on_conflict_do_nothing().returning(SubmissionReceipt.key_hash)
    return db.session.execute(statement).first() is not None


def _spend_invitation(invitation_id: int) -> None:
    spent = db.session.execute(
        sa.update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.used.is_(False))
        .values(used=True)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise CodeRejected("used")


def _response(campaign: Campaign, form: Form, draft: Draft) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "campaign_id": campaign.id,
        "submitted_on": local_today(),
        "answers": dict(draft.answers),
        "numeric": form.numeric_vector(draft.answers),
        "group_codes": form.group_codes(draft.answers),
    }
