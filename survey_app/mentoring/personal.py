"""What a participant reaches through their personal link: their pairs and sessions.

No account: the token in the path is the key (see :mod:`.tokens`). A wrong, revoked or
expired token gets the same "link not valid" page (404), counted per client address
like wrong invitation codes; past the limit, 429. The partner's name and OPD are shown,
not their contact: the coordinator introduces the pair, and a participant's contact is
given for the coordinator only (privacy notice).
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.exceptions import NotFound

from .models import Pair, PairStatus, Participant, SessionLog
from .sessions import pair_codes, sessions_of
from .statements import pairs_of, partner_of
from .tokens import participant_for_token

#: Pairs a participant sees: accepted ones, and dissolved ones (their sessions stay).
VISIBLE = (PairStatus.ACCEPTED, PairStatus.DISSOLVED)


class LinkInvalid(NotFound):
    """The personal link is wrong, revoked or expired."""


@dataclass(frozen=True)
class PairView:
    pair: Pair
    partner: Participant | None
    codes: list[str]
    sessions: list[SessionLog]

    @property
    def open(self) -> bool:
        return self.pair.status == PairStatus.ACCEPTED


def participant_or_404(token: str) -> Participant:
    participant = participant_for_token(token)
    if participant is None:
        raise LinkInvalid()
    return participant


def pair_views(participant: Participant) -> list[PairView]:
    pairs = pairs_of(participant, VISIBLE)
    sessions = sessions_of([p.id for p in pairs])
    return [
        PairView(
            pair,
            partner_of(pair, participant),
            pair_codes(pair),
            [s for s in sessions if s.pair_id == pair.id],
        )
        for pair in pairs
    ]


def own_pair(participant: Participant, pair_id: int) -> Pair:
    """One of the participant's own pairs, or 404 (never another pair's)."""
    for pair in pairs_of(participant, VISIBLE):
        if pair.id == pair_id:
            return pair
    raise NotFound()
