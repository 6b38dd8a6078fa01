"""The coordinator's overview of a round: progress per accepted pair, silent pairs,
withdrawals.

A pair is **silent** when its last session (or, with none, its acceptance) lies
``round.silent_after_weeks`` weeks or more before today. Withdrawals are counted from
the audit log (``mentoring.withdraw``): the participant's data is gone, only the fact
that someone withdrew remains.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from ..audit import AuditEvent
from ..extensions import db
from .credit import CreditStatement
from .models import MentoringRound, Pair, PairStatus, SessionLog
from .statements import pair_credit


@dataclass(frozen=True)
class PairProgress:
    pair: Pair
    sessions: int
    last_session: dt.date | None
    credit: CreditStatement
    silent: bool


@dataclass(frozen=True)
class Overview:
    round: MentoringRound
    pairs: tuple[PairProgress, ...]
    withdrawals: int

    @property
    def silent(self) -> int:
        return sum(p.silent for p in self.pairs)


def accepted_pairs(round_: MentoringRound) -> list[Pair]:
    query = (
        sa.select(Pair)
        .where(Pair.round_id == round_.id, Pair.status == PairStatus.ACCEPTED)
        .order_by(Pair.id)
    )
    return list(db.session.scalars(query))


def overview(round_: MentoringRound, today: dt.date) -> Overview:
    pairs = tuple(progress(pair, round_, today) for pair in accepted_pairs(round_))
    return Overview(round_, pairs, withdrawals(round_))


def progress(pair: Pair, round_: MentoringRound, today: dt.date) -> PairProgress:
    count, last = db.session.execute(
        sa.select(sa.func.count(SessionLog.id), sa.func.max(SessionLog.held_on)).where(
            SessionLog.pair_id == pair.id
        )
    ).one()
    return PairProgress(
        pair, int(count), last, pair_credit(pair, round_), is_silent(pair, last, round_, today)
    )


def is_silent(pair: Pair, last: dt.date | None, round_: MentoringRound, today: dt.date) -> bool:
    """No session for ``silent_after_weeks`` weeks, counted from acceptance if none yet."""
    since = last or (pair.accepted_at.date() if pair.accepted_at else today)
    return (today - since).days >= 7 * round_.silent_after_weeks


def withdrawals(round_: MentoringRound) -> int:
    query = sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "mentoring.withdraw",
        AuditEvent.target_type == "mentoring_round",
        AuditEvent.target_id == str(round_.id),
    )
    return int(db.session.scalar(query) or 0)
