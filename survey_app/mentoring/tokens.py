"""Personal links of mentors and mentees: a random token, only its hash at rest.

A participant has no account; the coordinator sends them a link with a token of 160
random bits. The database keeps its SHA-256 and an expiry, so a copy of the database
opens no link. A lookup by hash through a unique index compares no secret in Python,
so its timing tells nothing about how much of a guess was right.

Wrong tokens are counted per client address like wrong invitation codes
(``SURVEY_APP_CODE_*``); past the limit a wrong token raises :class:`LinkLocked`
(answered 429 by the app-wide handler in ``enrolment_views``). A right token is always
accepted: 160 bits cannot be guessed, the limit only keeps noise down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for

from .. import audit, ratelimit
from ..clock import utcnow
from ..extensions import db
from .models import Participant

#: Bytes of randomness of a token (base64url: 27 characters).
TOKEN_BYTES = 20


class LinkLocked(Exception):
    """Too many wrong personal links from this address in the window."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def issue_token(participant: Participant, valid_days: int = 180) -> str:
    """A new personal link token for ``participant``; any earlier one stops working.

    The token is returned once, to be shown to the coordinator; only its hash is kept.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    participant.token_hash = token_hash(token)
    participant.token_expires_at = utcnow() + dt.timedelta(days=valid_days)
    db.session.flush()
    audit.record("mentoring.link_issue", "mentoring_participant", participant.id, days=valid_days)
    return token


def revoke_token(participant: Participant) -> None:
    participant.token_hash = None
    participant.token_expires_at = None
    db.session.flush()
    audit.record("mentoring.link_revoke", "mentoring_participant", participant.id)


def participant_for_token(token: str) -> Participant | None:
    """The participant of a valid link; ``None`` for a wrong, revoked or expired one.

    In a request, a wrong token counts against the client address and raises
    :class:`LinkLocked` past ``SURVEY_APP_CODE_ATTEMPTS`` in the window.
    """
    participant = _lookup(token)
    if participant is None and has_request_context():
        _count_wrong()
    return participant


def _lookup(token: str) -> Participant | None:
    if not token or len(token) > 100:
        return None
    participant = db.session.scalar(
        sa.select(Participant).where(Participant.token_hash == token_hash(token))
    )
    if participant is None or participant.token_expires_at is None:
        return None
    return participant if participant.token_expires_at > utcnow() else None


def _count_wrong() -> None:
    limit = ratelimit.Limit.from_config("SURVEY_APP_CODE")
    key = ratelimit.bucket("mentoring-link", ratelimit.client_address())
    if ratelimit.count(key, limit) > limit.attempts:
        raise LinkLocked()


#: The endpoint of the participant's own page (the ``my_mentoring`` blueprint).
LINK_ENDPOINT = "my_mentoring.home"


def link_url(token: str, base_url: str | None = None) -> str:
    """The full personal link: from ``base_url`` (the CLI: ``SURVEY_APP_BASE_URL``) or
    else from the request's host, like invitation links."""
    if base_url is None:
        return url_for(LINK_ENDPOINT, token=token, _external=True)
    with current_app.test_request_context(base_url=base_url.rstrip("/") + "/"):
        return url_for(LINK_ENDPOINT, token=token, _external=True)
