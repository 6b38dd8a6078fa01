"""Agreement of focus-group participants on their rankings: Kendall's W.

Per session, and over all finalized sessions with every participant of every session as
one rater. The candidates are the needs that appear in the rankings taken together; a
participant's unranked candidates share one tied rank
(:func:`survey_app.analysis.kendall_w_from_rankings`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import KendallW, kendall_w_from_rankings
from ..fgd.models import FgdSession
from ..versions.service import session_form_of

Rankings = dict[str, list[str]]


@dataclass(frozen=True)
class SessionAgreement:
    session: FgdSession
    #: ``None`` when W is undefined (fewer than 2 participants ranked, or 2 candidates).
    result: KendallW | None


def fgd_agreement(sessions: list[FgdSession]) -> tuple[list[SessionAgreement], KendallW | None]:
    """W of each session, and W of all sessions' participants pooled as raters."""
    rankings = [_rankings(session) for session in sessions]
    tops = [_top(session) for session in sessions]
    each = [
        SessionAgreement(session, _kendall(ranked, top))
        for session, ranked, top in zip(sessions, rankings, tops, strict=True)
    ]
    pooled = {
        f"{session.id}/{participant}": picks
        for session, ranked in zip(sessions, rankings, strict=True)
        for participant, picks in ranked.items()
    }
    return each, _kendall(pooled, max(tops, default=1))


def _rankings(session: FgdSession) -> Rankings:
    """Participant -> needs, best first (the record keeps them in rank order)."""
    ranking = session.current_record.get("ranking", {})
    return {participant: [pick["need"] for pick in picks] for participant, picks in ranking.items()}


def _top(session: FgdSession) -> int:
    spec = session_form_of(session.version).spec.ranking
    return spec.top if spec is not None else 1


def _kendall(rankings: Rankings, top: int) -> KendallW | None:
    candidates = list(dict.fromkeys(need for picks in rankings.values() for need in picks))
    return kendall_w_from_rankings(rankings, candidates, top)
