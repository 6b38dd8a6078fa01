"""Section 3 of the evaluation report: did the targeted gaps close? The series' trend
chart (the page's chart, :func:`survey_app.monitoring.chart.trend_chart`) and its table.

The chart is drawn here, in the report's language, as SVG and PNG at once: the writers
run outside the report's locale, and the chart's labels must stay in its language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..monitoring.chart import chart_summary, trend_chart
from ..monitoring.table import status_labels
from ..monitoring.trends import Cell, PairStatus, State, Status, Trend, TrendRow
from .blocks import Block, Figure, Paragraph, Section, Table
from .evaluation_report_facts import ReportFacts
from .evaluation_report_training import p_text
from .numbers import count, interval, num
from .words import _


@dataclass(frozen=True)
class DrawnChart:
    """A chart already drawn in both formats (a :class:`~.blocks.Picture`)."""

    svg_bytes: bytes
    png_bytes: bytes

    def svg(self) -> bytes:
        return self.svg_bytes

    def png(self) -> bytes:
        return self.png_bytes


def gaps(facts: ReportFacts) -> Section:
    title = _("Whether the targeted gaps closed")
    trend = facts.period.trend
    if trend is None:
        return Section(3, title, [Paragraph(_("A trend needs at least two waves."), "note")])
    targeted = {code for a in facts.period.activities for code in a.competency_codes}
    drawn = _targeted(trend, targeted)
    blocks: list[Block] = [
        Paragraph(_waves_text(trend)),
        Figure(
            DrawnChart(trend_chart(drawn, "svg"), trend_chart(drawn, "png")),
            _caption(targeted_only=drawn is not trend),
            chart_summary(drawn),
        ),
        _trend_table(trend, targeted),
    ]
    return Section(3, title, blocks)


def _caption(*, targeted_only: bool) -> str:
    if targeted_only:
        return _(
            "MWDS per wave of the competencies the period's training targeted, with "
            "confidence intervals (95%); a line breaks where an item is absent or suppressed."
        )
    return _(
        "MWDS per wave of the highest needs of the latest wave that may be shown, "
        "with confidence intervals (95%); a line breaks where an item is absent or "
        "suppressed."
    )


def _targeted(trend: Trend, codes: set[str]) -> Trend:
    """The trend of the targeted competencies only (the page's chart of them); the whole
    trend when the period trained none of its competencies."""
    rows = tuple(row for row in trend.rows if row.code in codes)
    return replace(trend, rows=rows) if rows else trend


def _waves_text(trend: Trend) -> str:
    parts = [
        _("“%(title)s”: suppressed (fewer than %(k)s responses)", title=w.title, k=w.min_cell)
        if w.suppressed
        else _("“%(title)s” (n = %(n)s)", title=w.title, n=count(w.n))
        for w in trend.waves
    ]
    return _("The waves of the series: %(waves)s.", waves="; ".join(parts))


def _trend_table(trend: Trend, targeted: set[str]) -> Table:
    header = [_("Code"), _("Competency"), _("Trained")]
    header += [wave.title for wave in trend.waves] + [_("Change at the latest wave")]
    rows = [_trend_row(row, row.code in targeted) for row in trend.rows]
    note = _(
        "MWDS (95% CI) per wave; “absent”: the wave did not ask about it (not a zero); "
        "“suppressed”: too few responses or answers, no figure is shown."
    )
    return Table(_("Trend of every competency"), header, rows, note, "trend")


def _trend_row(row: TrendRow, trained: bool) -> list[str]:
    cells = [_cell_text(cell) for cell in row.cells]
    change = _pair_text(row.pairs[-1]) if row.pairs else ""
    return [row.code, row.label, _("yes") if trained else "", *cells, change]


def _cell_text(cell: Cell) -> str:
    if cell.state is State.ABSENT:
        return _("absent")
    if cell.state is State.SUPPRESSED:
        return _("suppressed")
    return f"{num(cell.mwds)} ({interval(cell.mwds_ci)})"


def _pair_text(pair: PairStatus) -> str:
    label = status_labels()[pair.status]
    if pair.status in (Status.ABSENT, Status.SUPPRESSED) or pair.p_adjusted is None:
        return str(label)
    return f"{label} (p = {p_text(pair.p_adjusted)})"
