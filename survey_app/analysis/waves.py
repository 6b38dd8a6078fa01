"""Monitoring: did an item's training need change between two survey waves?

The waves are independent, anonymous samples (nobody can be matched across waves), so
the comparison is between groups. Mann, H. B., & Whitney, D. R. (1947). On a test of
whether one of two random variables is stochastically larger than the other. *Annals of
Mathematical Statistics*, 18(1), 50-60. Kerby (2014) for the rank-biserial correlation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from .descriptives import FloatArray, complete_pairs

WaveFlag = Literal["need_reduced", "grew", "persists"]


@dataclass(frozen=True, slots=True)
class WaveComparison:
    """Change of one item from the ``before`` wave to the ``after`` wave.

    Changes are after - before. ``rank_biserial`` > 0 means gaps tend to be larger
    after (the need grew), < 0 smaller (the need shrank).
    """

    n_before: int
    n_after: int
    mean_competence_before: float
    mean_competence_after: float
    competence_change: float
    mean_gap_before: float
    mean_gap_after: float
    gap_change: float
    u_statistic: float
    p_value: float
    rank_biserial: float
    alpha: float
    flag: WaveFlag


def compare_waves(
    before_importance: npt.ArrayLike,
    before_competence: npt.ArrayLike,
    after_importance: npt.ArrayLike,
    after_competence: npt.ArrayLike,
    *,
    alpha: float = 0.05,
) -> WaveComparison:
    """Compare the gap of one item between two independent waves (Mann-Whitney U).

    The test is on the per-respondent gap (importance - competence), the quantity the
    training need is defined by; competence alone would call a need met when rising
    expectations kept the gap open. :func:`scipy.stats.mannwhitneyu`, two-sided,
    ``method="asymptotic"`` (normal approximation with tie correction and continuity
    correction: Likert gaps are heavily tied, which the exact method does not allow).

    .. math:: r = 1 - \\frac{2U_\\mathrm{before}}{n_1 n_2}
              = P(g_\\mathrm{after} > g_\\mathrm{before})
              - P(g_\\mathrm{after} < g_\\mathrm{before})

    Flag: ``"need_reduced"`` if p < ``alpha`` and r < 0, ``"grew"`` if p < ``alpha``
    and r > 0, else ``"persists"`` (also when a wave has no respondents).
    """
    imp0, comp0 = complete_pairs(before_importance, before_competence)
    imp1, comp1 = complete_pairs(after_importance, after_competence)
    gap0, gap1 = imp0 - comp0, imp1 - comp1
    u, p, r = _mann_whitney(gap0, gap1)
    flag: WaveFlag = "persists"
    if p < alpha and r != 0:
        flag = "need_reduced" if r < 0 else "grew"
    c0, c1, g0, g1 = (_mean(a) for a in (comp0, comp1, gap0, gap1))
    return WaveComparison(
        int(gap0.size), int(gap1.size), c0, c1, c1 - c0, g0, g1, g1 - g0, u, p, r, alpha, flag
    )


def _mann_whitney(before: FloatArray, after: FloatArray) -> tuple[float, float, float]:
    """U of the ``before`` sample, two-sided p and rank-biserial r; ``nan`` if a wave is empty."""
    n1, n2 = before.size, after.size
    if n1 == 0 or n2 == 0:
        return math.nan, math.nan, math.nan
    pooled = np.concatenate([before, after])
    if np.ptp(pooled) == 0:
        return n1 * n2 / 2, 1.0, 0.0
    result = stats.mannwhitneyu(before, after, alternative="two-sided", method="asymptotic")
    u = float(result.statistic)
    return u, float(result.pvalue), 1 - 2 * u / (n1 * n2)


def _mean(values: FloatArray) -> float:
    return float(np.mean(values)) if values.size else math.nan
