"""Post-training evaluation (Kirkpatrick levels 1-3): reaction, learning and transfer.

Reaction and transfer items are summarised by a mean with a t interval and by the share
agreeing with a Wilson interval; learning by the retrospective before/now gain of each
targeted competency, tested with the paired Wilcoxon signed-rank test (exact conditional
null distribution for small groups) and adjusted across competencies with Holm's method.

Student (1908). The probable error of a mean. *Biometrika*, 6(1), 1-25. Wilson (1927),
see :mod:`.demand`. Wilcoxon (1945) and Pratt (1959), see :mod:`.gap_tests`. Streitberg,
B., & Röhmel, J. (1986). Exact distributions for permutation and rank tests: an
introduction to some recently published algorithms. *Statistical Software Newsletter*,
12(1), 10-17. Kerby (2014) for the rank-biserial correlation; Holm (1979).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import stats

from .demand import wilson_interval
from .descriptives import FloatArray, complete_pairs
from .gap_tests import ZERO_METHOD, matched_rank_biserial
from .multiplicity import adjust_pvalues

#: Up to this many non-zero differences the p-value comes from the exact distribution.
EXACT_MAX_NONZERO = 50


@dataclass(frozen=True, slots=True)
class MeanCI:
    """Mean of a rating with a t interval; ``nan`` when n == 0 (``low``/``high`` when n < 2)."""

    n: int
    mean: float
    low: float
    high: float
    confidence: float


@dataclass(frozen=True, slots=True)
class Share:
    """``k`` of ``n`` (agreeing, applying), with a Wilson score interval; ``nan`` if n == 0."""

    n: int
    k: int
    share: float
    low: float
    high: float
    confidence: float


@dataclass(frozen=True, slots=True)
class PairedGain:
    """Retrospective before/now gain of one competency, one-sided Wilcoxon signed-rank test.

    ``statistic`` is V = W+, the sum of Pratt ranks of the positive gains. ``method`` is
    ``"exact"`` (exact conditional null distribution, ties and zeros included, up to
    :data:`EXACT_MAX_NONZERO` non-zero gains), ``"normal"`` (normal approximation with tie
    and zero correction, above that) or ``"none"`` (no complete pair: every number ``nan``).
    """

    n: int
    n_nonzero: int
    mean_before: float
    mean_after: float
    mean_gain: float
    median_gain: float
    statistic: float
    p_value: float
    method: str
    effect: float
    p_adjusted: float


def mean_ci(values: npt.ArrayLike, confidence: float = 0.95) -> MeanCI:
    """Mean of the non-missing ``values`` with Student's t interval.

    .. math:: \\bar x \\pm t_{(1+c)/2,\\,n-1}\\, s/\\sqrt n

    A t interval rather than a bootstrap: it is deterministic, and percentile bootstrap
    intervals are too narrow in the small groups of one training (Hesterberg 2015). The
    interval is not clipped to the rating scale; all values equal give the point.
    """
    _check_confidence(confidence)
    x = _finite(values)
    n = int(x.size)
    if n == 0:
        return MeanCI(0, math.nan, math.nan, math.nan, confidence)
    mean = float(np.mean(x))
    if n < 2:
        return MeanCI(1, mean, math.nan, math.nan, confidence)
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * float(np.std(x, ddof=1))
    half /= math.sqrt(n)
    return MeanCI(n, mean, mean - half, mean + half, confidence)


def wilson(k: int, n: int, confidence: float = 0.95) -> Share:
    """Share k/n with the Wilson (1927) score interval (:func:`.demand.wilson_interval`).

    :raises ValueError: unless 0 <= k <= n.
    """
    _check_confidence(confidence)
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    share = k / n if n else math.nan
    low, high = wilson_interval(share, n, confidence)
    return Share(n, k, share, low, high, confidence)


def share_at_least(values: npt.ArrayLike, threshold: float, confidence: float = 0.95) -> Share:
    """Share of the non-missing ``values`` that are >= ``threshold`` (agreeing: >= 4 of 5)."""
    x = _finite(values)
    return wilson(int(np.count_nonzero(x >= threshold)), int(x.size), confidence)


def paired_gain(before: npt.ArrayLike, after: npt.ArrayLike) -> PairedGain:
    """Gain = after - before per respondent; H1: now > before (one-sided).

    Pairs with a missing rating are dropped. Zeros follow Pratt (1959): they are ranked
    with the others, then left out of both rank sums. Every gain 0 gives p = 1, effect 0.
    """
    b, a = complete_pairs(before, after)
    gain = a - b
    n, n_nonzero = int(gain.size), int(np.count_nonzero(gain))
    if n == 0:
        nan = math.nan
        return PairedGain(0, 0, nan, nan, nan, nan, nan, nan, "none", nan, nan)
    ranks = stats.rankdata(np.abs(gain))
    v = float(ranks[gain > 0].sum())
    p, method = _signed_rank_p(gain, ranks)
    effect = matched_rank_biserial(gain) if n_nonzero else 0.0
    means = float(np.mean(b)), float(np.mean(a)), float(np.mean(gain))
    median = float(np.median(gain))
    return PairedGain(n, n_nonzero, *means, median, v, p, method, effect, p)


def learning_gains(pairs: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]]) -> list[PairedGain]:
    """:func:`paired_gain` of each (before, after) pair, Holm-adjusted across the list.

    Competencies without a complete pair (p = ``nan``) are not counted in the family.
    """
    gains = [paired_gain(before, after) for before, after in pairs]
    adjusted = adjust_pvalues([g.p_value for g in gains], method="holm")
    return [replace(g, p_adjusted=p) for g, p in zip(gains, adjusted, strict=True)]


def _signed_rank_p(gain: FloatArray, ranks: FloatArray) -> tuple[float, str]:
    """One-sided p of W+ and the method used (see :class:`PairedGain`)."""
    nonzero = gain != 0
    if np.count_nonzero(nonzero) <= EXACT_MAX_NONZERO:
        return exact_signed_rank_sf(ranks[nonzero], float(ranks[gain > 0].sum())), "exact"
    result = stats.wilcoxon(
        gain, zero_method=ZERO_METHOD, alternative="greater", method="asymptotic"
    )
    return float(result.pvalue), "normal"


def exact_signed_rank_sf(ranks: npt.ArrayLike, observed: float) -> float:
    """P(W+ >= ``observed``) when each rank's sign is + or - with probability 1/2.

    The exact distribution conditional on the observed ranks (average ranks for ties,
    Pratt ranks with zeros), computed by the shift algorithm (Streitberg & Röhmel 1986)
    on doubled ranks, which are integers. Without ties and zeros the ranks are 1..n and
    this is Wilcoxon's exact table.

    :raises ValueError: if a doubled rank is not a positive integer.
    """
    doubled = np.asarray(ranks, dtype=np.float64) * 2
    steps = np.rint(doubled).astype(np.int64)
    if np.any(steps <= 0) or not np.allclose(doubled, steps):
        raise ValueError("ranks must be positive multiples of 1/2")
    counts = np.ones(1, dtype=np.float64)
    for step in steps:  # multiply the generating function by (1 + x^step) / 2
        grown = np.zeros(counts.size + step)
        grown[: counts.size] += counts
        grown[step:] += counts
        counts = grown / 2
    first = math.ceil(round(2 * observed, 6))
    return float(min(1.0, counts[first:].sum()))


def _finite(values: npt.ArrayLike) -> FloatArray:
    """1-D float64 ``values`` without ``nan``; infinities are rejected."""
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError("ratings must be a 1-D array")
    x = x[~np.isnan(x)]
    if np.isinf(x).any():
        raise ValueError("ratings must be finite numbers or nan (missing)")
    return x


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
