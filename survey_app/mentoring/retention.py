"""The end of a round's named data: deleted ``RETENTION_MONTHS`` after the round ends.

The enrolment notice promises it (``notice.py``): the JP records are kept that long for
BKPSDM, then the participants, their pairs, pair rules and session logs are deleted.
The round itself (title, dates, settings) stays: it names nobody.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from .. import audit
from ..clock import months_before
from ..extensions import db
from .models import MentoringRound, Pair, PairRule, Participant, SessionLog
from .notice import RETENTION_MONTHS


@dataclass(frozen=True)
class DueRound:
    slug: str
    round_id: int
    ended: dt.date
    participants: int

    def describe(self) -> str:
        ended = f"{self.ended:%Y-%m-%d}"
        return f"mentoring round {self.slug} (ended {ended}): {self.participants} participants"


def due_rounds(today: dt.date) -> list[DueRound]:
    """Rounds that ended at least ``RETENTION_MONTHS`` before ``today`` and still name anyone."""
    count = (
        sa.select(sa.func.count())
        .where(Participant.round_id == MentoringRound.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        sa.select(MentoringRound.slug, MentoringRound.id, MentoringRound.ends_on, count)
        .where(MentoringRound.ends_on <= months_before(today, RETENTION_MONTHS), count > 0)
        .order_by(MentoringRound.id)
    )
    return [DueRound(*row) for row in rows]


def erase(due: DueRound) -> None:
    """Delete the round's named rows in the caller's transaction and audit it (flushes)."""
    pairs = sa.select(Pair.id).where(Pair.round_id == due.round_id)
    for statement in (
        sa.delete(SessionLog).where(SessionLog.pair_id.in_(pairs)),
        sa.delete(Pair).where(Pair.round_id == due.round_id),
        sa.delete(PairRule).where(PairRule.round_id == due.round_id),
        sa.delete(Participant).where(Participant.round_id == due.round_id),
    ):
        db.session.execute(statement, execution_options={"synchronize_session": False})
    audit.record("retention.mentoring", "mentoring_round", due.slug, participants=due.participants)
    db.session.flush()
