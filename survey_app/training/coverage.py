"""How far the training delivered covers a campaign's ranked needs: pure arithmetic.

No Flask, no database: ranked rows (:class:`~survey_app.results.tables.Split`) and
activity facts in, coverage rows out. A suppressed item (answered by fewer than the
campaign's minimum cell size) shows no figure at all, and it never counts among the top
needs: where it would stand is itself a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..results.tables import ItemResult, Split

#: The top needs whose lack of any training is highlighted.
TOP = 10


@dataclass(frozen=True)
class ActivityFacts:
    id: int
    title: str
    codes: tuple[str, ...]
    jp: int
    participants: int


@dataclass(frozen=True)
class CoverageRow:
    code: str
    label: str
    #: ``None`` for a suppressed item, and so every figure below.
    rank: int | None
    suppressed: bool
    activities: tuple[ActivityFacts, ...]
    jp: int | None
    participants: int | None
    estimated_headcount: float | None
    #: Participants trained per person estimated in need; ``None`` when unknown.
    share_trained: float | None
    #: A top need that no activity targets.
    untargeted_top: bool


@dataclass(frozen=True)
class Coverage:
    rows: list[CoverageRow]

    @property
    def untargeted(self) -> list[CoverageRow]:
        """The top needs nobody trains for, in rank order."""
        return [row for row in self.rows if row.untargeted_top]


def coverage(split: Split, activities: Sequence[ActivityFacts], top: int = TOP) -> Coverage:
    """A row per ranked need (shown ones in rank order, then the suppressed ones)."""
    shown = [
        _shown_row(item, _targeting(item, activities), i < top)
        for i, item in enumerate(split.shown)
    ]
    hidden = [_suppressed_row(item, _targeting(item, activities)) for item in split.suppressed]
    return Coverage(shown + hidden)


def _targeting(item: ItemResult, activities: Sequence[ActivityFacts]) -> tuple[ActivityFacts, ...]:
    return tuple(activity for activity in activities if item.code in activity.codes)


def _shown_row(item: ItemResult, targeting: tuple[ActivityFacts, ...], in_top: bool) -> CoverageRow:
    participants = sum(activity.participants for activity in targeting)
    return CoverageRow(
        code=item.code,
        label=item.label,
        rank=item.rank,
        suppressed=False,
        activities=targeting,
        jp=sum(activity.jp for activity in targeting),
        participants=participants,
        estimated_headcount=item.estimated_headcount,
        share_trained=share(participants, item.estimated_headcount),
        untargeted_top=in_top and not targeting,
    )


def _suppressed_row(item: ItemResult, targeting: tuple[ActivityFacts, ...]) -> CoverageRow:
    return CoverageRow(
        code=item.code,
        label=item.label,
        rank=None,
        suppressed=True,
        activities=targeting,
        jp=None,
        participants=None,
        estimated_headcount=None,
        share_trained=None,
        untargeted_top=False,
    )


def share(participants: int, headcount: float | None) -> float | None:
    """Participants per person in need; above 1 when more were trained than need it.

    Participants are counted per activity: one person trained twice counts twice.
    """
    if headcount is None or headcount <= 0:
        return None
    return participants / headcount
