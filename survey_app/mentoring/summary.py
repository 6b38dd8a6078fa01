"""The programme's status in aggregate counts only, for the policy draft (read-only).

No name, OPD or pair leaves this module: the draft states how many rounds, accepted
pairs, logged sessions and credited JP there are, never who. The anonymous evaluation
is read elsewhere (``results/``); the two sides never meet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..extensions import db
from .credit import credit
from .models import MentoringRound, Pair, SessionLog
from .statements import CREDITED


@dataclass(frozen=True, slots=True)
class ProgrammeStatus:
    rounds: int
    #: Pairs accepted by a coordinator, including those dissolved later.
    accepted_pairs: int
    #: Sessions logged by any pair.
    sessions: int
    #: JP credited, pair by pair under each round's conversion and monthly cap, summed
    #: over the pairs (mentor and mentee each earn their pair's JP).
    jp: int


def programme_status() -> ProgrammeStatus:
    rounds = db.session.scalar(sa.select(sa.func.count(MentoringRound.id))) or 0
    accepted = db.session.scalar(sa.select(sa.func.count(Pair.id)).where(Pair.status.in_(CREDITED)))
    sessions = db.session.scalar(sa.select(sa.func.count(SessionLog.id))) or 0
    return ProgrammeStatus(int(rounds), int(accepted or 0), int(sessions), _credited_jp())


def _credited_jp() -> int:
    """Each credited pair's sessions through :func:`.credit.credit`, summed."""
    query = (
        sa.select(
            SessionLog.pair_id,
            SessionLog.held_on,
            MentoringRound.jp_per_session,
            MentoringRound.max_sessions_per_month,
        )
        .join(Pair, Pair.id == SessionLog.pair_id)
        .join(MentoringRound, MentoringRound.id == Pair.round_id)
        .where(Pair.status.in_(CREDITED))
    )
    dates: dict[int, list[date]] = defaultdict(list)
    conversion: dict[int, tuple[int, int]] = {}
    for pair_id, held_on, jp, cap in db.session.execute(query):
        dates[pair_id].append(held_on)
        conversion[pair_id] = (jp, cap)
    return sum(credit(days, *conversion[pair]).total_jp for pair, days in dates.items())
