"""The trend table as rows (built once), written as CSV or XLSX by the reports' writers.

A suppressed cell is blank and the row's note says why; an absent one says "absent" in
each of its columns, so nobody reads a missing item as a zero.
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise

from flask_babel import gettext as _

from ..reports.outputs import Output
from ..reports.responses import Cell as Value
from ..reports.responses import Table
from ..reports.workbook import Sheet, write_workbook
from ..reports.writers import csv_text
from .trends import Cell, PairStatus, State, Status, Trend, TrendRow

FORMATS = ("csv", "xlsx")
#: Figures per wave, then per pair of waves.
WAVE_COLUMNS = 5
PAIR_COLUMNS = 2


def status_labels() -> dict[Status, str]:
    """The statuses as readers see them (pages, files, the chart's legend)."""
    return {
        Status.REDUCED: _("Need reduced"),
        Status.PERSISTS: _("Need persists"),
        Status.GREW: _("Need grew"),
        Status.ABSENT: _("absent"),
        Status.SUPPRESSED: _("suppressed"),
    }


def trend_output(trend: Trend, fmt: str) -> Output:
    """The trend table of ``trend`` as ``csv`` or ``xlsx`` (texts in the current locale)."""
    columns, rows = trend_columns(trend), [trend_cells(trend, row) for row in trend.rows]
    name = f"{trend.slug}-trend"
    if fmt == "xlsx":
        sheet = Sheet(_("Trend"), columns, rows)
        return Output(f"{name}.xlsx", build=partial(write_workbook, [sheet]))
    return Output(f"{name}.csv", csv_text(Table(columns, iter(rows))))


def trend_columns(trend: Trend) -> list[str]:
    columns = [_("Code"), _("Competency")]
    for wave in trend.waves:
        columns += [
            f"{wave.slug}: n",
            f"{wave.slug}: MWDS",
            f"{wave.slug}: {_('95% CI low')}",
            f"{wave.slug}: {_('95% CI high')}",
            f"{wave.slug}: {_('Mean gap')}",
        ]
    for before, after in pairwise(trend.waves):
        pair = f"{before.slug} → {after.slug}"
        columns += [f"{pair}: {_('Status')}", f"{pair}: {_('p (Holm)')}"]
    return [*columns, _("Note")]


def trend_cells(trend: Trend, row: TrendRow) -> list[Value]:
    values: list[Value] = [row.code, row.label]
    for cell in row.cells:
        values += _wave_values(cell)
    for pair in row.pairs:
        values += _pair_values(pair)
    return [*values, note(trend, row)]


def note(trend: Trend, row: TrendRow) -> str | None:
    """Which waves hide this row's figures, and why; ``None`` when none does."""
    hidden = [
        wave.slug
        for wave, cell in zip(trend.waves, row.cells, strict=True)
        if cell.state is State.SUPPRESSED
    ]
    if not hidden:
        return None
    text = _(
        "Suppressed to protect anonymity (too few responses or answers): %(waves)s.",
        waves=", ".join(hidden),
    )
    return str(text)


def _wave_values(cell: Cell) -> list[Value]:
    if cell.state is State.ABSENT:
        return [_("absent")] * WAVE_COLUMNS
    if cell.state is State.SUPPRESSED:
        return [None] * WAVE_COLUMNS
    low, high = cell.mwds_ci
    return [cell.n, _round(cell.mwds), _round(low), _round(high), _round(cell.gap)]


def _pair_values(pair: PairStatus) -> list[Value]:
    if pair.status is Status.SUPPRESSED:
        return [None] * PAIR_COLUMNS
    return [status_labels()[pair.status], _round(pair.p_adjusted, 4)]


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
