"""A campaign series as a trend: per competency (matched by code) and wave, the MWDS
with its CI and the mean gap, and per consecutive pair of waves whether the need was
reduced, persists or grew.

Each wave is read once (:func:`~survey_app.results.service.analyse`); its priority table
is split by the one small-item rule (:meth:`~survey_app.results.tables.PriorityTable.split`)
and each consecutive pair is compared on the same datasets by
:func:`~survey_app.results.waves.compare_datasets`, Holm-adjusted across the items the
two waves share, as the two-wave page does. A wave's version that lacks an item makes
the cell *absent* (never zero); a wave below its minimum cell size, or an item answered
by too few, makes it *suppressed*: no figure at all.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..results.priorities import competencies
from ..results.service import Analysis, analyse
from ..results.tables import Interval, ItemResult
from ..results.waves import Waves, compare_datasets
from .models import CampaignSeries

#: Needs drawn on the trend chart by default: the latest wave's top ranks.
TOP = 8


class State(enum.StrEnum):
    SHOWN = "shown"
    #: The wave's questionnaire version has no item with this code.
    ABSENT = "absent"
    #: Too few respondents (in the wave, or for the item): no figures.
    SUPPRESSED = "suppressed"


class Status(enum.StrEnum):
    REDUCED = "reduced"
    PERSISTS = "persists"
    GREW = "grew"
    ABSENT = "absent"
    SUPPRESSED = "suppressed"


FLAGS = {"need_reduced": Status.REDUCED, "grew": Status.GREW, "persists": Status.PERSISTS}


class TrendError(ValueError):
    """A series that cannot show a trend (fewer than two waves)."""


@dataclass(frozen=True)
class Cell:
    """One competency in one wave; figures only when ``state`` is shown."""

    state: State
    n: int | None = None
    mwds: float | None = None
    mwds_ci: Interval = (None, None)
    gap: float | None = None
    rank: int | None = None


@dataclass(frozen=True)
class PairStatus:
    """The change from one wave to the next; ``p_adjusted`` (Holm) when compared."""

    status: Status
    p_adjusted: float | None = None
    gap_change: float | None = None


@dataclass(frozen=True)
class TrendWave:
    slug: str
    title: str
    n: int
    min_cell: int

    @property
    def suppressed(self) -> bool:
        return self.n < self.min_cell


@dataclass(frozen=True)
class TrendRow:
    code: str
    label: str
    #: One per wave, in wave order.
    cells: tuple[Cell, ...]
    #: One per consecutive pair of waves (``len(cells) - 1``).
    pairs: tuple[PairStatus, ...]


@dataclass(frozen=True)
class Trend:
    slug: str
    title: str
    waves: tuple[TrendWave, ...]
    #: The latest wave's ranked needs first, then the rest by code.
    rows: tuple[TrendRow, ...]

    def top(self, count: int = TOP) -> list[TrendRow]:
        """The ``count`` highest-ranked needs of the latest wave that may be shown (a wave
        still below its minimum cell size is skipped); none if no wave may be."""
        for index in reversed(range(len(self.waves))):
            ranked = [row for row in self.rows if row.cells[index].rank is not None]
            if ranked:
                return sorted(ranked, key=lambda row: row.cells[index].rank or 0)[:count]
        return []


def series_trend(series: CampaignSeries, language: str) -> Trend:
    """Read every wave of ``series`` once and line its competencies up by code."""
    campaigns = series.campaigns
    if len(campaigns) < 2:
        raise TrendError(series.slug)
    analyses = [analyse(campaign, None, language) for campaign in campaigns]
    cells = [wave_cells(analysis) for analysis in analyses]
    pairs = [
        pair_statuses(_compare(before, after, language), cells[i], cells[i + 1])
        for i, (before, after) in enumerate(pairwise(analyses))
    ]
    labels = _labels(analyses, language)
    rows = tuple(
        TrendRow(
            code,
            labels[code],
            tuple(wave.get(code, Cell(State.ABSENT)) for wave in cells),
            tuple(pair.get(code, PairStatus(Status.ABSENT)) for pair in pairs),
        )
        for code in _order(cells, labels)
    )
    return Trend(series.slug, series.title, tuple(_wave(a) for a in analyses), rows)


def wave_cells(analysis: Analysis) -> dict[str, Cell]:
    """A cell for each competency code of the wave's version (absent ones have none)."""
    codes = [item.code for item in competencies(analysis.form)]
    if analysis.table is None:
        return {code: Cell(State.SUPPRESSED) for code in codes}
    shown = {row.code: _shown(row) for row in analysis.table.split(analysis.min_cell).shown}
    return {code: shown.get(code, Cell(State.SUPPRESSED)) for code in codes}


def pair_statuses(
    waves: Waves, before: dict[str, Cell], after: dict[str, Cell]
) -> dict[str, PairStatus]:
    """The status of each code both waves ask about; a suppressed side hides the test."""
    compared = {row.code: row for row in waves.rows}
    statuses = {}
    for code in before.keys() & after.keys():
        row = compared.get(code)
        hidden = State.SUPPRESSED in (before[code].state, after[code].state)
        if hidden or row is None:
            statuses[code] = PairStatus(Status.SUPPRESSED)
        else:
            statuses[code] = PairStatus(FLAGS[row.flag], row.p_adjusted, row.result.gap_change)
    return statuses


def _compare(before: Analysis, after: Analysis, language: str) -> Waves:
    threshold = max(before.min_cell, after.min_cell)
    return compare_datasets(before.data, after.data, threshold, language)


def _shown(row: ItemResult) -> Cell:
    return Cell(State.SHOWN, row.n, row.mwds, row.mwds_ci, row.gap_mean, row.rank)


def _wave(analysis: Analysis) -> TrendWave:
    campaign = analysis.campaign
    return TrendWave(
        campaign.slug, campaign.title or campaign.slug, analysis.data.n, analysis.min_cell
    )


def _labels(analyses: Sequence[Analysis], language: str) -> dict[str, str]:
    """Each code's label in the newest version that asks about it."""
    labels: dict[str, str] = {}
    for analysis in analyses:
        for item in competencies(analysis.form):
            labels[item.code] = analysis.form.text(item.label, language)
    return labels


def _order(cells: Sequence[dict[str, Cell]], labels: dict[str, str]) -> list[str]:
    """The latest wave's ranks first (as its table), then every other code by code."""
    latest = cells[-1]
    ranked = sorted(
        (c for c in latest if latest[c].rank is not None), key=lambda c: latest[c].rank or 0
    )
    return ranked + sorted(set(labels) - set(ranked))
