"""JP statements: what a participant earned through mentoring, pair by pair.

The round's conversion (``jp_per_session``) and monthly cap (``max_sessions_per_month``,
per pair and calendar month) are applied by :func:`.credit.credit`. A mentor with three
mentees earns in each pair separately. Pairs dissolved later keep the JP of the sessions
logged before; a withdrawn partner shows as "withdrawn".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from ..extensions import db
from .credit import CreditStatement, credit
from .models import MentoringRound, Pair, PairStatus, Participant, ParticipantRole, SessionLog

#: Pairs whose sessions count: accepted ones and those dissolved after acceptance.
CREDITED = (PairStatus.ACCEPTED, PairStatus.DISSOLVED)


@dataclass(frozen=True)
class PairCredit:
    pair: Pair
    #: The other side, or ``None`` once they have withdrawn.
    partner: Participant | None
    credit: CreditStatement


@dataclass(frozen=True)
class Statement:
    participant: Participant
    round: MentoringRound
    pairs: tuple[PairCredit, ...]

    @property
    def total_jp(self) -> int:
        return sum(p.credit.total_jp for p in self.pairs)

    @property
    def total_sessions(self) -> int:
        return sum(p.credit.total_sessions for p in self.pairs)

    @property
    def credited_sessions(self) -> int:
        return sum(m.credited_sessions for p in self.pairs for m in p.credit.months)


def pairs_of(participant: Participant, statuses: Iterable[PairStatus] = CREDITED) -> list[Pair]:
    side = Pair.mentor_id if participant.role == ParticipantRole.MENTOR else Pair.mentee_id
    query = (
        sa.select(Pair)
        .where(side == participant.id, Pair.status.in_(list(statuses)))
        .order_by(Pair.id)
    )
    return list(db.session.scalars(query))


def partner_of(pair: Pair, participant: Participant) -> Participant | None:
    return pair.mentee if participant.role == ParticipantRole.MENTOR else pair.mentor


def pair_credit(pair: Pair, round_: MentoringRound) -> CreditStatement:
    """The pair's sessions under the round's conversion and monthly cap."""
    dates = db.session.scalars(sa.select(SessionLog.held_on).where(SessionLog.pair_id == pair.id))
    return credit(list(dates), round_.jp_per_session, round_.max_sessions_per_month)


def statement_for(participant: Participant) -> Statement:
    round_ = participant.round
    pairs = tuple(
        PairCredit(pair, partner_of(pair, participant), pair_credit(pair, round_))
        for pair in pairs_of(participant)
    )
    return Statement(participant, round_, pairs)


def month_label(month: object) -> str:
    """``2026-03`` for a month given as a date or as text."""
    text = month.isoformat() if hasattr(month, "isoformat") else str(month)
    return text[:7]
