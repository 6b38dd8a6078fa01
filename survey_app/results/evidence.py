"""Focus-group evidence per need, for the priority table."""

from __future__ import annotations

from ..campaigns.models import Campaign
from ..fgd.service import finalized_sessions, merged_needs
from .tables import FgdEvidence


def fgd_evidence(campaign: Campaign) -> dict[str, FgdEvidence]:
    """Sessions, nominal-group points and votes per competency code (finalized sessions)."""
    merged = merged_needs(finalized_sessions(campaign))
    return {
        code: FgdEvidence(e.sessions, e.points, e.votes)
        for code, e in merged.items()
        if not code.startswith("+")
    }
