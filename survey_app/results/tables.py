"""The typed results every page, export and document shows: a priority table's rows.

A frozen dataclass per row (:class:`ItemResult`) and per table (:class:`PriorityTable`,
:class:`GroupTable`); :meth:`PriorityTable.split` is the one small-item rule. Computed by
:mod:`.priorities`; JSON only at the edges (:meth:`ItemResult.as_dict`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class FgdEvidence:
    sessions: int
    points: int
    votes: int


Interval = tuple[float | None, float | None]
#: Fields that are intervals: lists in JSON.
INTERVALS = ("mwds_ci", "share_in_need_ci", "estimated_headcount_ci")
#: What a suppressed item (too few answered it) may still show.
IDENTITY = ("code", "name", "label", "group")


@dataclass(frozen=True)
class ItemResult:
    """One competency item's row of the priority table: its statistics and its rank.

    Not :class:`survey_app.analysis.PriorityRow` (the ranking of the evidence alone):
    this is what a reader sees. ``None`` where a figure is undefined (NaN, infinite).
    """

    code: str
    name: str
    label: str
    group: str | None
    #: Respondents who rated both importance and competence.
    n: int
    importance_mean: float | None
    importance_sd: float | None
    competence_mean: float | None
    competence_sd: float | None
    gap_mean: float | None
    gap_sd: float | None
    gap_median: float | None
    mwds: float | None
    mwds_ci: Interval
    ci_method: str
    wilcoxon_p: float | None
    #: Holm (or the chosen method) over all items.
    p_adjusted: float | None
    rank_biserial: float | None
    t_p: float | None
    cohen_dz: float | None
    rank: int
    ipa_quadrant: str | None
    lff_quadrant: str | None
    share_in_need: float | None
    share_in_need_ci: Interval
    estimated_headcount: float | None
    #: ``None`` without a population.
    estimated_headcount_ci: Interval | None
    fgd_sessions: int | None
    fgd_points: int | None
    disagreement: bool
    ci_overlaps_above: bool

    def as_dict(self) -> dict[str, Any]:
        """The row as JSON: every field in this order, intervals as lists."""
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in INTERVALS:
            row[key] = None if row[key] is None else list(row[key])
        return row

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> ItemResult:
        """The inverse of :meth:`as_dict` (a table stored as JSON)."""
        values: dict[str, Any] = dict(row)
        for key in INTERVALS:
            values[key] = None if values[key] is None else tuple(values[key])
        return cls(**values)

    def suppressed_dict(self) -> dict[str, Any]:
        """:meth:`as_dict` with every figure blanked: the identity of the item only."""
        return {key: value if key in IDENTITY else None for key, value in self.as_dict().items()}


@dataclass(frozen=True)
class Split:
    """A table's items as a reader may see them (see :meth:`PriorityTable.split`)."""

    #: Answered by at least ``min_cell`` respondents, in rank order.
    shown: list[ItemResult]
    #: Answered by fewer: only their :data:`IDENTITY` may be shown; by code.
    suppressed: list[ItemResult]

    @property
    def ordered(self) -> list[ItemResult]:
        """Every item, the suppressed ones last: where they stand would hint at them."""
        return self.shown + self.suppressed


@dataclass(frozen=True)
class PriorityTable:
    #: In rank order.
    rows: list[ItemResult]
    provenance: dict[str, Any]
    n: int

    def split(self, min_cell: int) -> Split:
        """What may be shown and what must be suppressed: an item answered by fewer than
        ``min_cell`` respondents shows no figure. The one small-item rule of every page,
        export and document."""
        shown = [row for row in self.rows if row.n >= min_cell]
        small = sorted((row for row in self.rows if row.n < min_cell), key=lambda r: r.code)
        return Split(shown, small)


@dataclass(frozen=True)
class GroupTable:
    value: str
    n: int | None
    suppressed: bool
    reason: str | None
    table: PriorityTable | None
