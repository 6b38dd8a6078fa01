"""Paired tests of an item's gap (importance - competence): Wilcoxon signed-rank and t.

Wilcoxon, F. (1945). Individual comparisons by ranking methods. *Biometrics Bulletin*,
1(6), 80-83. Pratt, J. W. (1959). Remarks on zeros and ties in the Wilcoxon signed rank
procedures. *JASA*, 54(287), 655-667. Kerby, D. S. (2014). The simple difference formula:
an approach to teaching nonparametric correlation. *Comprehensive Psychology*, 3, 11.IT.3.1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats

from .descriptives import FloatArray, complete_pairs

#: Zeros (respondents with no gap) stay in the ranking, their ranks are then dropped.
ZERO_METHOD = "pratt"


@dataclass(frozen=True, slots=True)
class GapTests:
    """Two-sided paired tests of H0 "no gap" for one item, with effect sizes.

    ``wilcoxon_statistic`` is scipy's, the smaller of the positive and negative rank
    sums; ``rank_biserial`` > 0 means importance exceeds competence (a training need).
    """

    n: int
    n_zero: int
    wilcoxon_statistic: float
    wilcoxon_p: float
    rank_biserial: float
    t_statistic: float
    t_df: int
    t_p: float
    cohen_dz: float


def gap_tests(importance: npt.ArrayLike, competence: npt.ArrayLike) -> GapTests:
    """Wilcoxon signed-rank (Pratt zeros, normal approximation) and paired t-test.

    Uses the pairwise-complete respondents. Conventions for degenerate items:

    * n < 2: every statistic, p-value and effect size is ``nan``;
    * every gap is 0: both statistics and effect sizes are 0 and both p-values 1.0
      (the data show no discrepancy at all);
    * every gap equal but not 0: the t statistic, its p and ``cohen_dz`` are ``nan``
      (zero variance); the Wilcoxon test is still defined.
    """
    imp, comp = complete_pairs(importance, competence)
    gap = imp - comp
    n, n_zero = int(gap.size), int(np.count_nonzero(gap == 0))
    if n < 2:
        nan = math.nan
        return GapTests(n, n_zero, nan, nan, nan, nan, max(n - 1, 0), nan, nan)
    if n_zero == n:
        return GapTests(n, n_zero, 0.0, 1.0, 0.0, 0.0, n - 1, 1.0, 0.0)
    w = stats.wilcoxon(gap, zero_method=ZERO_METHOD, method="approx")
    t_stat, t_p = _paired_t(imp, comp, gap)
    return GapTests(
        n,
        n_zero,
        float(w.statistic),
        float(w.pvalue),
        matched_rank_biserial(gap),
        t_stat,
        n - 1,
        t_p,
        cohen_dz(gap),
    )


def _paired_t(imp: FloatArray, comp: FloatArray, gap: FloatArray) -> tuple[float, float]:
    """:func:`scipy.stats.ttest_rel`, ``nan`` when the gap has no variance."""
    if np.ptp(gap) == 0:
        return math.nan, math.nan
    result = stats.ttest_rel(imp, comp)
    return float(result.statistic), float(result.pvalue)


def matched_rank_biserial(gap: FloatArray) -> float:
    """Matched-pairs rank-biserial correlation (Kerby 2014), with Pratt's ranks.

    .. math:: r = \\frac{R_+ - R_-}{R_+ + R_-}

    where :math:`R_\\pm` are the sums of the ranks of :math:`|g_i|` (average ranks for
    ties; zeros ranked too, as in Pratt 1959) over the positive and the negative gaps.
    r lies in [-1, 1]; ``nan`` when there is no non-zero gap.
    """
    ranks = stats.rankdata(np.abs(gap))
    plus = float(ranks[gap > 0].sum())
    minus = float(ranks[gap < 0].sum())
    total = plus + minus
    return (plus - minus) / total if total > 0 else math.nan


def cohen_dz(gap: FloatArray) -> float:
    """Cohen's :math:`d_z = \\bar g / s_g` (``ddof=1``); ``nan`` if n < 2 or :math:`s_g = 0`."""
    if gap.size < 2 or np.ptp(gap) == 0:
        return math.nan
    return float(np.mean(gap) / np.std(gap, ddof=1))
