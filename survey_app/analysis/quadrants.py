"""Placing items in quadrants: Importance-Performance Analysis and Locus for Focus.

Martilla, J. A., & James, J. C. (1977). Importance-performance analysis. *Journal of
Marketing*, 41(1), 77-79. Mink, O. G., Shultz, J. M., & Mink, B. P. (1991). *Developing and
managing open organizations*. Austin, TX: Somerset Consulting Group. Edwards, M. C., &
Briers, G. E. (1999). Assessing the inservice needs of entry-phase agriculture teachers in
Texas: a discrepancy model versus direct assessment. *Journal of Agricultural Education*,
40(3), 40-49.

A point exactly on a crosshair goes to the side that calls for more attention: higher
importance, lower performance, larger gap. ``on_crosshair`` marks such points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Crosshair = Literal["mean", "midpoint"]

#: (high importance, low performance) -> IPA quadrant.
IPA_QUADRANTS = {
    (True, True): "concentrate_here",
    (True, False): "keep_up_the_good_work",
    (False, True): "low_priority",
    (False, False): "possible_overkill",
}
#: (high importance, high gap) -> Locus-for-Focus quadrant (HH, HL, LH, LL).
LFF_QUADRANTS = {
    (True, True): "focus",
    (True, False): "maintain",
    (False, True): "watch",
    (False, False): "low_priority",
}


@dataclass(frozen=True, slots=True)
class QuadrantPoint:
    """One item on the grid; ``quadrant`` is ``None`` when x or y is ``nan``."""

    x: float
    y: float
    quadrant: str | None
    on_crosshair: bool


@dataclass(frozen=True, slots=True)
class QuadrantMap:
    """Items on a two-axis grid split at ``x_cut`` and ``y_cut``, in input order."""

    x_axis: str
    y_axis: str
    x_cut: float
    y_cut: float
    points: tuple[QuadrantPoint, ...]


def ipa_quadrants(
    mean_importance: Sequence[float],
    mean_competence: Sequence[float],
    *,
    crosshair: Crosshair = "mean",
    scale: tuple[float, float] = (1.0, 5.0),
) -> QuadrantMap:
    """Importance-Performance Analysis (Martilla & James 1977).

    x = mean competence (performance), y = mean importance, one point per item. The
    crosshairs are the unweighted means of the item means (``"mean"``, items without
    data ignored) or the midpoint of ``scale`` (``"midpoint"``, 3 on a 1-5 scale).
    High importance is :math:`y \\ge y^*`; low performance is :math:`x \\le x^*`.
    """
    x_cut = _cut(mean_competence, crosshair, scale)
    y_cut = _cut(mean_importance, crosshair, scale)
    points = tuple(
        _point(x, y, (x_cut, y_cut), IPA_QUADRANTS[(y >= y_cut, x <= x_cut)])
        for x, y in _pairs(mean_competence, mean_importance)
    )
    return QuadrantMap("mean_competence", "mean_importance", x_cut, y_cut, points)


def lff_quadrants(mean_importance: Sequence[float], mean_gap: Sequence[float]) -> QuadrantMap:
    """Locus for Focus (Mink, Shultz & Mink 1991; Edwards & Briers 1999).

    x = mean importance, y = mean gap (importance - competence); the crosshairs are the
    unweighted means over items. High importance is :math:`x \\ge x^*`, high gap
    :math:`y \\ge y^*`. Top right (HH) is ``"focus"``, the first training priority.
    """
    x_cut = _cut(mean_importance, "mean", (math.nan, math.nan))
    y_cut = _cut(mean_gap, "mean", (math.nan, math.nan))
    points = tuple(
        _point(x, y, (x_cut, y_cut), LFF_QUADRANTS[(x >= x_cut, y >= y_cut)])
        for x, y in _pairs(mean_importance, mean_gap)
    )
    return QuadrantMap("mean_importance", "mean_gap", x_cut, y_cut, points)


def _pairs(xs: Sequence[float], ys: Sequence[float]) -> list[tuple[float, float]]:
    if len(xs) != len(ys):
        raise ValueError("both coordinates need one value per item")
    return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]


def _cut(values: Sequence[float], crosshair: Crosshair, scale: tuple[float, float]) -> float:
    if crosshair == "midpoint":
        return (scale[0] + scale[1]) / 2
    if crosshair != "mean":
        raise ValueError(f"unknown crosshair {crosshair!r}; use 'mean' or 'midpoint'")
    finite = [v for v in map(float, values) if not math.isnan(v)]
    return float(np.mean(finite)) if finite else math.nan


def _point(x: float, y: float, cuts: tuple[float, float], quadrant: str) -> QuadrantPoint:
    """The point in ``quadrant``, or in none when a coordinate or a cut is ``nan``."""
    if math.isnan(x) or math.isnan(y) or math.isnan(cuts[0]) or math.isnan(cuts[1]):
        return QuadrantPoint(x, y, None, False)
    return QuadrantPoint(x, y, quadrant, x == cuts[0] or y == cuts[1])
