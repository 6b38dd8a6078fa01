"""The trend chart: MWDS per wave of the top needs of the latest wave shown, with 95% CI whiskers.

Drawn in the house style by :func:`survey_app.results.charts.render` (SVG for pages and
HTML, PNG for Word). A wave where an item is absent or suppressed has no point, so its
line breaks there: nothing is drawn as zero. :func:`chart_summary` is the text
alternative, read out instead of the picture.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from flask_babel import format_decimal
from flask_babel import gettext as _
from matplotlib.figure import Figure

from ..results import charts
from ..results.figures import locale
from .trends import TOP, Cell, State, Trend, TrendRow

#: One marker per line as well as one colour: the lines stay apart in grey print too.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Wave names on the x axis wrap at this many characters.
WAVE_WRAP = 18

Line = tuple[str, Sequence[float], Sequence[tuple[float, float]]]


def trend_chart(trend: Trend, fmt: str = "svg", top: int = TOP) -> bytes:
    """The chart of ``trend``'s top ``top`` needs as ``svg`` or ``png``."""
    rows = trend.top(top)
    if not rows:
        return charts.render(fmt, charts.message, _("No wave may be shown."))
    lines = [(row.code, *_points(row.cells)) for row in rows]
    waves = [wave.title for wave in trend.waves]
    label = _("MWDS with its %(level)s confidence interval", level="95%")
    return charts.render(fmt, trend_lines, waves, lines, label, locale())


def trend_lines(
    waves: Sequence[str], lines: Sequence[Line], ylabel: str, locale: str = "en"
) -> Figure:
    """One line per item across the waves (NaN: no point), whiskers for its CI."""
    fig = Figure(figsize=(charts.WIDTH, 3.4 + 0.25 * math.ceil(len(lines) / 4)))
    fig.set_layout_engine("constrained")
    ax = fig.subplots()
    for index, (code, values, ci) in enumerate(lines):
        xs = [x + _offset(index, len(lines)) for x in range(len(waves))]
        color = charts.PALETTE[index % len(charts.PALETTE)]
        marker = MARKERS[index % len(MARKERS)]
        ax.plot(xs, values, marker=marker, color=color, label=code, lw=1.4, ms=5)
        errors = [_whiskers(values, ci, low=True), _whiskers(values, ci, low=False)]
        ax.errorbar(xs, values, yerr=errors, fmt="none", ecolor=color, capsize=2, lw=0.8)
    ax.set_xticks(range(len(waves)), [textwrap.fill(w, WAVE_WRAP) for w in waves])
    ax.set_xlim(-0.5, len(waves) - 0.5)
    ax.axhline(0, color=charts.MUTED, lw=0.8)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color=charts.LINE, lw=0.5)
    ax.yaxis.set_major_formatter(charts.LocaleFormatter(locale))
    fig.legend(loc="outside upper left", ncols=4, frameon=False)
    return fig


def chart_summary(trend: Trend, top: int = TOP) -> str:
    """The chart in words: each drawn need's MWDS per wave, "—" where none is shown."""
    rows = trend.top(top)
    if not rows:
        return str(_("No wave may be shown."))
    waves = " → ".join(wave.title for wave in trend.waves)
    items = "; ".join(f"{row.code} {row.label}: {_values(row)}" for row in rows)
    text = _(
        "MWDS per wave (%(waves)s) of the top needs of the latest wave shown. %(items)s.",
        waves=waves,
        items=items,
    )
    return str(text)


def _values(row: TrendRow) -> str:
    return " → ".join(
        format_decimal(cell.mwds, "0.00") if _drawn(cell) else "—" for cell in row.cells
    )


def _points(cells: Sequence[Cell]) -> tuple[list[float], list[tuple[float, float]]]:
    values = [cell.mwds if _drawn(cell) and cell.mwds is not None else math.nan for cell in cells]
    ci = [(_nan(cell.mwds_ci[0]), _nan(cell.mwds_ci[1])) for cell in cells]
    return values, ci


def _drawn(cell: Cell) -> bool:
    return cell.state is State.SHOWN and cell.mwds is not None


def _whiskers(
    values: Sequence[float], ci: Sequence[tuple[float, float]], *, low: bool
) -> list[float]:
    lengths = [v - lo if low else hi - v for v, (lo, hi) in zip(values, ci, strict=True)]
    return [max(0.0, x) if math.isfinite(x) else 0.0 for x in lengths]


def _offset(index: int, count: int) -> float:
    """Lines side by side around each wave, so that equal values stay visible."""
    return (index - (count - 1) / 2) * 0.3 / max(count, 1)


def _nan(value: float | None) -> float:
    return math.nan if value is None else value
