"""Charts as SVG: plain data in, bytes out. No Flask, no database.

Figures are built on :class:`matplotlib.figure.Figure` with the Agg canvas; there is no
pyplot, so no figure state is left between requests. Matplotlib is not thread-safe and
its style lives in the global ``rcParams``, so every chart is drawn under one lock, in
``rc_context(RC)``. Text stays text (``svg.fonttype = 'none'``:
small files), and element ids come from a fixed salt with no date, so equal data gives
equal bytes (stable ETags). ``text.parse_math`` is off: a ``$`` is a dollar sign.

Numbers on the axes follow the reader's ``locale`` ("3,90" in Indonesian), as the tables
do; the IPA chart's item codes are moved apart by adjustText so that none hides another.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec

import matplotlib
from adjustText import adjust_text
from babel.numbers import get_decimal_symbol, get_minus_sign_symbol
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import ScalarFormatter

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

P = ParamSpec("P")

#: The app's blue (app.css --brand) first, then Okabe-Ito hues, which stay apart for
#: the common colour-vision deficiencies.
PALETTE = ("#0b4f8a", "#e69f00", "#56b4e9", "#009e73", "#505a66", "#d55e00", "#cc79a7")
#: Figure width in inches: at 10 pt the labels stay legible on a phone (about 360 px).
WIDTH = 5.0
#: Group names in a chart's legend (one name a row) wrap at this many characters.
LEGEND_WRAP = 60
INK, MUTED, LINE = "#1b1f24", "#505a66", "#b8c0ca"
RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "survey_app",
    "text.parse_math": False,
    "font.size": 10,
    "text.color": INK,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
}
QUADRANT_CORNERS = {
    "concentrate_here": (0.02, 0.98, "left", "top"),
    "keep_up_the_good_work": (0.98, 0.98, "right", "top"),
    "low_priority": (0.02, 0.02, "left", "bottom"),
    "possible_overkill": (0.98, 0.02, "right", "bottom"),
}
#: Quadrant names stay readable over a point or a crosshair.
BOX = {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 2}
_LOCK = threading.Lock()
#: No timestamps, so the same data gives the same bytes (and ETag); PNG at 200 dpi is
#: sharp when printed at the figure's width (5 inches).
SVG_OPTIONS: dict[str, Any] = {"metadata": {"Date": None}}
PNG_OPTIONS: dict[str, Any] = {"dpi": 200, "metadata": {"Software": None}}


def render(fmt: str, build: Callable[P, Figure], *args: P.args, **kwargs: P.kwargs) -> bytes:
    """Draw the figure ``build`` returns, under the lock and the house style, as ``fmt``
    (``svg`` for pages and HTML, ``png`` for Word, which cannot show SVG)."""
    buffer = io.BytesIO()
    options = SVG_OPTIONS if fmt == "svg" else PNG_OPTIONS
    with _LOCK, matplotlib.rc_context(RC):
        build(*args, **kwargs).savefig(buffer, format=fmt, **options)
    return buffer.getvalue()


def mwds_bars(
    codes: Sequence[str],
    mwds: Sequence[float],
    ci: Sequence[tuple[float, float]],
    xlabel: str,
    locale: str = "en",
) -> Figure:
    """Horizontal MWDS bars, the first item on top, with 95% CI whiskers."""
    fig = Figure(figsize=(WIDTH, 1.2 + 0.3 * len(codes)), layout="constrained")
    ax = fig.subplots()
    rows = list(range(len(codes)))
    below = [_whisker(m - low) for m, (low, _high) in zip(mwds, ci, strict=True)]
    above = [_whisker(high - m) for m, (_low, high) in zip(mwds, ci, strict=True)]
    ax.barh(rows, mwds, color=PALETTE[0], height=0.6)
    ax.errorbar(mwds, rows, xerr=[below, above], fmt="none", ecolor=INK, capsize=3, lw=1)
    _item_axis(ax, codes, xlabel, locale)
    return fig


def ipa_scatter(
    codes: Sequence[str],
    competence: Sequence[float],
    importance: Sequence[float],
    cuts: tuple[float, float],
    labels: Mapping[str, str],
    locale: str = "en",
) -> Figure:
    """Mean importance (y) against mean competence (x), split at ``cuts`` (x, y).

    ``labels``: the axis titles ``x`` and ``y``, and a name for each key of
    :data:`QUADRANT_CORNERS`. Item codes are pushed off the points, the quadrant names
    and each other, with a thin leader line where one had to move far.
    """
    fig = Figure(figsize=(WIDTH, 4.6), layout="constrained")
    ax = fig.subplots()
    ax.scatter(competence, importance, s=28, color=PALETTE[0], zorder=3)
    ax.margins(0.15)
    ax.axvline(cuts[0], color=MUTED, lw=1, ls="--")
    ax.axhline(cuts[1], color=MUTED, lw=1, ls="--")
    corners = [
        ax.text(x, y, labels[key], transform=ax.transAxes, ha=ha, va=va, color=MUTED, bbox=BOX)
        for key, (x, y, ha, va) in QUADRANT_CORNERS.items()
    ]
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    for axis in (ax.xaxis, ax.yaxis):
        _number_axis(axis, locale)
    _point_labels(ax, codes, competence, importance, corners)
    return fig


def _point_labels(
    ax: Axes,
    codes: Sequence[str],
    xs: Sequence[float],
    ys: Sequence[float],
    avoid: list[Text],
) -> None:
    """One label per point with a position, moved until no two overlap (deterministic)."""
    points = [(c, x, y) for c, x, y in zip(codes, xs, ys, strict=True) if _finite(x, y)]
    texts = [ax.text(x, y, code, fontsize=8, zorder=4) for code, x, y in points]
    if len(texts) < 2:
        return
    adjust_text(
        texts,
        x=[x for _code, x, _y in points],
        y=[y for _code, _x, y in points],
        objects=avoid,
        ax=ax,
        arrowprops={"arrowstyle": "-", "color": MUTED, "lw": 0.5},
        expand=(1.2, 1.4),
        force_text=(0.3, 0.5),
    )


def grouped_bars(
    codes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    xlabel: str,
    locale: str = "en",
) -> Figure:
    """Horizontal bars per item (the first on top), one bar per named series (a group)."""
    size = 0.8 / max(len(series), 1)
    names = [textwrap.fill(name, LEGEND_WRAP) for name, _values in series]
    height = 1.8 + len(codes) * (0.2 + 0.16 * len(series)) + _legend_height(names)
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    ax = fig.subplots()
    for index, ((_name, values), name) in enumerate(zip(series, names, strict=True)):
        rows = [i - 0.4 + size * (index + 0.5) for i in range(len(codes))]
        color = PALETTE[index % len(PALETTE)]
        ax.barh(rows, values, height=size, label=name, color=color, edgecolor="white")
    _item_axis(ax, codes, xlabel, locale)
    fig.legend(loc="outside upper left", frameon=False)
    return fig


def _legend_height(names: Sequence[str]) -> float:
    """Inches the legend above the bars needs: long group names wrap onto more lines."""
    return 0.22 * sum(name.count("\n") + 1 for name in names)


def message(text: str) -> Figure:
    """An image that only says ``text`` (a suppressed or empty chart)."""
    fig = Figure(figsize=(WIDTH, 0.8))
    fig.text(0.5, 0.5, text, ha="center", va="center", wrap=True)
    return fig


def _item_axis(ax: Axes, codes: Sequence[str], xlabel: str, locale: str) -> None:
    ax.set_yticks(range(len(codes)), list(codes))
    ax.invert_yaxis()
    ax.axvline(0, color=MUTED, lw=0.8)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color=LINE, lw=0.5)
    _number_axis(ax.xaxis, locale)


class LocaleFormatter(ScalarFormatter):
    """Matplotlib's tick labels with the decimal sign and minus of ``locale``.

    Matplotlib's own ``axes.formatter.use_locale`` reads the process-wide C locale, which
    a web server shares between requests; this asks Babel, as the tables do.
    """

    def __init__(self, locale: str) -> None:
        super().__init__(useOffset=False)
        self.decimal = get_decimal_symbol(locale)
        self.minus = get_minus_sign_symbol(locale)

    def __call__(self, x: float, pos: int | None = None) -> str:
        text = str(super().__call__(x, pos))
        return text.replace(".", self.decimal).replace("\N{MINUS SIGN}", self.minus)


def _number_axis(axis: Axis, locale: str) -> None:
    axis.set_major_formatter(LocaleFormatter(locale))


def _finite(*values: float) -> bool:
    return all(math.isfinite(value) for value in values)


def _whisker(length: float) -> float:
    return max(0.0, length) if math.isfinite(length) else 0.0
