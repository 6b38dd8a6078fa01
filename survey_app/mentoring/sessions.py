"""Session logs of a pair: checked, then stored; nothing is stored when a check fails.

A session is held on a day inside the round (not before it starts, not after it ends,
never in the future), lasts 1 to 600 minutes, works on at least one of the pair's
competency codes (the mentor's strengths and the mentee's wishes), and carries a note of
at most 1000 characters, which only the pair and the coordinator see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from .models import MentoringRound, Pair, PairStatus, Participant, SessionLog

MAX_MINUTES = 600
MAX_NOTE = 1000

MESSAGES = {
    "date_missing": _l("Enter the date of the session (YYYY-MM-DD)."),
    "date_future": _l("The session cannot be in the future."),
    "date_before": _l("The session cannot be before the round starts."),
    "date_after": _l("The session cannot be after the round ends."),
    "minutes": _l("Enter the duration in whole minutes, from 1 to 600."),
    "topics_missing": _l("Choose at least one topic."),
    "topics_unknown": _l("Choose topics from the pair's competency codes only."),
    "note_long": _l("The note can be at most 1000 characters long."),
    "pair_closed": _l("Sessions can only be logged for an accepted pair."),
}


class SessionRejected(Exception):
    """The entry has mistakes: ``errors`` maps a field to a message key of MESSAGES."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors

    def messages(self) -> dict[str, str]:
        return {field: str(MESSAGES[key]) for field, key in self.errors.items()}


@dataclass(frozen=True)
class SessionEntry:
    """What the form sent, as text: checked by :func:`log_session`."""

    held_on: str
    minutes: str
    topics: tuple[str, ...]
    note: str


def pair_codes(pair: Pair) -> list[str]:
    """The topics a session of this pair may have: both sides' codes, sorted."""
    codes: set[str] = set()
    for side in (pair.mentor, pair.mentee):
        if side is not None:
            codes.update(side.competency_codes)
    return sorted(codes)


def log_session(pair: Pair, by: Participant, entry: SessionEntry, today: dt.date) -> SessionLog:
    """Store the session, or raise :class:`SessionRejected` with every mistake found."""
    held_on, errors = _checked_date(pair, entry.held_on, today)
    minutes = _minutes(entry.minutes)
    if minutes is None:
        errors["minutes"] = "minutes"
    errors.update(_topic_errors(entry.topics, pair_codes(pair)))
    if len(entry.note.strip()) > MAX_NOTE:
        errors["note"] = "note_long"
    if pair.status != PairStatus.ACCEPTED:
        errors["pair"] = "pair_closed"
    if errors or held_on is None or minutes is None:
        raise SessionRejected(errors)
    log = SessionLog(
        pair_id=pair.id,
        held_on=held_on,
        minutes=minutes,
        topics=sorted(set(entry.topics)),
        note=entry.note.strip(),
        logged_by=by.role,
    )
    db.session.add(log)
    db.session.flush()
    return log


def _checked_date(pair: Pair, text: str, today: dt.date) -> tuple[dt.date | None, dict[str, str]]:
    try:
        held_on = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None, {"held_on": "date_missing"}
    round_ = pair_round(pair)
    if held_on > today:
        return held_on, {"held_on": "date_future"}
    if held_on < round_.starts_on:
        return held_on, {"held_on": "date_before"}
    if held_on > round_.ends_on:
        return held_on, {"held_on": "date_after"}
    return held_on, {}


def _minutes(text: str) -> int | None:
    text = text.strip()
    if not text.isdigit() or len(text) > 4:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_MINUTES else None


def _topic_errors(topics: tuple[str, ...], allowed: list[str]) -> dict[str, str]:
    if not topics:
        return {"topics": "topics_missing"}
    if not set(topics) <= set(allowed):
        return {"topics": "topics_unknown"}
    return {}


def pair_round(pair: Pair) -> MentoringRound:
    return db.session.get_one(MentoringRound, pair.round_id)


def sessions_of(pair_ids: list[int]) -> list[SessionLog]:
    """The sessions of these pairs, newest first."""
    if not pair_ids:
        return []
    query = (
        sa.select(SessionLog)
        .where(SessionLog.pair_id.in_(pair_ids))
        .order_by(SessionLog.held_on.desc(), SessionLog.id.desc())
    )
    return list(db.session.scalars(query))
