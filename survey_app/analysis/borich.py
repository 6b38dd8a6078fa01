"""Borich (1980) mean weighted discrepancy score (MWDS), its confidence interval, ranks.

Borich, G. D. (1980). A needs assessment model for conducting follow-up studies.
*Journal of Teacher Education*, 31(3), 39-42.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import special, stats

from .descriptives import FloatArray, complete_pairs

BootstrapMethod = Literal["bca", "percentile"]
CiMethod = Literal["bca", "percentile", "normal", "none"]

#: scipy >= 1.15 seeds resampling with ``rng``; older releases call it ``random_state``.
_SEED_KEYWORD = "rng" if "rng" in inspect.signature(stats.bootstrap).parameters else "random_state"
#: Resamples are drawn in batches of about this many values, to bound memory.
_BATCH_VALUES = 4_000_000
#: The counted bootstrap draws this many indices at a time: 512 KiB arrays, which the
#: allocator reuses; at 1 MiB and more each chunk faulted in fresh pages (3 times slower).
_CHUNK_VALUES = 1 << 16
#: Packed sums stay below this, far from int64 overflow and exact as float64 sums.
_PACKED_LIMIT = 1 << 52


@dataclass(frozen=True, slots=True)
class BorichScore:
    """MWDS of one item with its confidence interval.

    ``ci_method`` says how the interval was obtained: ``"bca"`` or ``"percentile"``
    (bootstrap), ``"normal"`` (delta method, for n above ``max_bootstrap_n``), or
    ``"none"`` (fewer than two respondents; the bounds are ``nan``).
    """

    n: int
    mwds: float
    mean_importance: float
    mean_gap: float
    ci_low: float
    ci_high: float
    ci_method: CiMethod
    confidence: float


def _statistic(imp: FloatArray, comp: FloatArray, axis: int = -1) -> FloatArray:
    """Vectorised MWDS: mean(importance) * mean(importance - competence) along ``axis``."""
    result: FloatArray = np.mean(imp, axis=axis) * np.mean(imp - comp, axis=axis)
    return result


def mwds(importance: npt.ArrayLike, competence: npt.ArrayLike) -> float:
    """Mean weighted discrepancy score of one item (Borich 1980).

    .. math:: \\mathrm{MWDS} = \\frac{1}{n}\\sum_{i=1}^{n} (I_i - C_i)\\,\\bar I
              = \\bar I \\cdot \\bar G

    over the n pairwise-complete respondents, with :math:`G_i = I_i - C_i`;
    ``nan`` when no respondent rated both.
    """
    imp, comp = complete_pairs(importance, competence)
    return float(_statistic(imp, comp)) if imp.size else float("nan")


def borich_score(
    importance: npt.ArrayLike,
    competence: npt.ArrayLike,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    method: BootstrapMethod = "bca",
    seed: int = 0,
    max_bootstrap_n: int = 20_000,
) -> BorichScore:
    """MWDS with a bootstrap (n <= ``max_bootstrap_n``) or delta-method interval.

    The bootstrap resamples respondents (pairs) with :func:`scipy.stats.bootstrap`
    (``paired=True, vectorized=True``), seeded by ``seed``. BCa (Efron 1987) uses the
    jackknife acceleration, computed here in closed form (O(n) instead of scipy's O(n^2));
    it falls back to the percentile interval when BCa is undefined (e.g. every gap equal,
    giving ``[mwds, mwds]``). Above ``max_bootstrap_n`` respondents the interval is
    :math:`\\mathrm{MWDS} \\pm z\\,\\mathrm{se}` with the delta-method standard error of
    :func:`delta_se`. Fewer than two respondents give ``(nan, nan)``.
    """
    if method not in ("bca", "percentile"):
        raise ValueError(f"unknown bootstrap method {method!r}; use 'bca' or 'percentile'")
    imp, comp = complete_pairs(importance, competence)
    n = int(imp.size)
    estimate = float(_statistic(imp, comp)) if n else math.nan
    used: CiMethod
    if n < 2:
        low, high, used = math.nan, math.nan, "none"
    elif n > max_bootstrap_n:
        half = float(special.ndtri(0.5 + confidence / 2)) * delta_se(imp, comp)
        low, high, used = estimate - half, estimate + half, "normal"
    else:
        low, high, used = _bootstrap_interval(
            imp, comp, estimate, confidence, n_resamples, method, seed
        )
    mean_imp = float(np.mean(imp)) if n else math.nan
    mean_gap = float(np.mean(imp - comp)) if n else math.nan
    return BorichScore(n, estimate, mean_imp, mean_gap, low, high, used, confidence)


def delta_se(imp: FloatArray, comp: FloatArray) -> float:
    """Delta-method standard error of :math:`\\bar I\\,\\bar G` (complete pairs, n >= 2).

    .. math:: \\psi_i = \\bar G (I_i - \\bar I) + \\bar I (G_i - \\bar G), \\quad
              \\mathrm{se} = \\mathrm{sd}(\\psi) / \\sqrt{n}

    (the influence function of the product of two means; sd with ``ddof=1``).
    """
    gap = imp - comp
    psi = np.mean(gap) * (imp - np.mean(imp)) + np.mean(imp) * (gap - np.mean(gap))
    return float(np.std(psi, ddof=1) / math.sqrt(imp.size))


def _bootstrap_interval(
    imp: FloatArray,
    comp: FloatArray,
    estimate: float,
    confidence: float,
    n_resamples: int,
    method: BootstrapMethod,
    seed: int,
) -> tuple[float, float, CiMethod]:
    """Bootstrap distribution (scipy's, see :func:`bootstrap_distribution`), then BCa or
    percentile bounds from it."""
    distribution = bootstrap_distribution(imp, comp, n_resamples, seed)
    if np.ptp(distribution) <= 1e-12 * max(1.0, abs(estimate)):
        return estimate, estimate, "percentile"  # constant up to rounding: no spread
    tail = (1 - confidence) / 2
    levels = (tail, 1 - tail)
    used: CiMethod = "percentile"
    if method == "bca" and (bca := bca_levels(imp, comp, estimate, distribution, tail)):
        levels, used = bca, "bca"
    low, high = np.quantile(distribution, levels)
    return float(low), float(high), used


def bootstrap_distribution(
    imp: FloatArray, comp: FloatArray, n_resamples: int, seed: int
) -> FloatArray:
    """The paired bootstrap MWDS values of :func:`scipy.stats.bootstrap` for ``seed``.

    scipy draws the resamples as ``default_rng(seed).integers(0, n, (B, n))`` (in
    batches, which continue one stream) and evaluates the vectorised statistic
    :math:`\\bar I^*_b \\bar G^*_b` on each row. When the ratings are integers, as on a
    rating scale, each sum :math:`\\sum_j I_{k_j}` is an integer that float64 holds
    exactly whatever the summation order, so :func:`_counted_distribution` gets the same
    values bit for bit from integer sums of the same draws, at a third of the cost.
    Other values go through scipy itself.
    """
    packed = _packed(imp, comp)
    if packed is None:
        result = stats.bootstrap(
            (imp, comp),
            _statistic,
            n_resamples=n_resamples,
            batch=max(1, _BATCH_VALUES // imp.size),
            vectorized=True,
            paired=True,
            method="percentile",
            **{_SEED_KEYWORD: np.random.default_rng(seed)},
        )
        return np.asarray(result.bootstrap_distribution, dtype=np.float64)
    return _counted_distribution(*packed, n_resamples, np.random.default_rng(seed))


def _packed(imp: FloatArray, comp: FloatArray) -> tuple[npt.NDArray[np.int64], int, int] | None:
    """Each respondent's importance and gap in one int64, :math:`I_j M + (G_j - \\min G)`,
    with ``M`` above any sum of the second part, so one sum of the packed values gives
    both sums; ``(packed, M, min G)``, or ``None`` unless the ratings are integers small
    enough for the sums to stay exact."""
    gap = imp - comp
    if not (np.array_equal(imp, np.round(imp)) and np.array_equal(comp, np.round(comp))):
        return None
    n, low = imp.size, float(gap.min())
    multiplier = n * int(gap.max() - low) + 1
    if n * float(np.abs(imp).max() + 1) * multiplier >= _PACKED_LIMIT:
        return None
    packed = imp.astype(np.int64) * multiplier + (gap - low).astype(np.int64)
    return packed, multiplier, int(low)


def _counted_distribution(
    packed: npt.NDArray[np.int64],
    multiplier: int,
    low: int,
    n_resamples: int,
    rng: np.random.Generator,
) -> FloatArray:
    """:math:`(S_I / n)(S_G / n)` per resample, from the packed sums of scipy's draws."""
    n = packed.size
    rows = max(1, _CHUNK_VALUES // n)
    sums = np.empty(n_resamples, dtype=np.int64)
    for start in range(0, n_resamples, rows):
        stop = min(start + rows, n_resamples)
        sums[start:stop] = packed[rng.integers(0, n, (stop - start, n))].sum(axis=1)
    imp_sums, gap_sums = np.divmod(sums, multiplier)
    result: FloatArray = (imp_sums / n) * ((gap_sums + n * low) / n)
    return result


def bca_levels(
    imp: FloatArray, comp: FloatArray, estimate: float, distribution: FloatArray, tail: float
) -> tuple[float, float] | None:
    """Quantile levels of the BCa interval (Efron 1987; Efron & Tibshirani 1993, 14.3).

    .. math:: \\hat z_0 = \\Phi^{-1}(\\#\\{\\theta^*_b < \\hat\\theta\\}/B \\text{, ties half}),
              \\quad \\hat a = \\frac{\\sum U_j^3}{6(\\sum U_j^2)^{3/2}},
              \\quad \\alpha_{1,2} = \\Phi\\Big(\\hat z_0 + \\frac{\\hat z_0 + z}{1 - \\hat a
              (\\hat z_0 + z)}\\Big), \\ z = \\mp z_{1-\\text{tail}}

    with :math:`U_j = \\bar\\theta_{(\\cdot)} - \\theta_{(j)}` from the leave-one-out MWDS
    :math:`\\theta_{(j)}`, obtained from leave-one-out means in closed form. The same
    formulas as :func:`scipy.stats.bootstrap` (``method="BCa"``). Returns ``None`` when
    BCa is undefined: constant jackknife values, or the estimate outside the distribution.
    """
    n = imp.size
    gap = imp - comp
    loo = (imp.sum() - imp) / (n - 1) * ((gap.sum() - gap) / (n - 1))
    u = loo.mean() - loo
    spread = float(np.sum(u**2))
    below = np.count_nonzero(distribution < estimate) + np.count_nonzero(distribution <= estimate)
    share = below / (2 * distribution.size)
    if spread == 0.0 or not 0.0 < share < 1.0:
        return None
    accel = float(np.sum(u**3)) / (6 * spread**1.5)
    z0 = float(special.ndtri(share))
    levels = []
    for z in (float(special.ndtri(tail)), float(special.ndtri(1 - tail))):
        levels.append(float(special.ndtr(z0 + (z0 + z) / (1 - accel * (z0 + z)))))
    return (levels[0], levels[1]) if all(map(math.isfinite, levels)) else None


def rank_items(mwds: Sequence[float], tie_break: Sequence[float]) -> list[int]:
    """Ranks of items by MWDS, largest first (1 = highest training priority).

    Unrounded MWDS values are compared. Ties are broken by the larger ``tie_break``
    (normally the item's mean importance), then by input order, so ranks are always
    1..m without gaps or repeats. Items whose MWDS is ``nan`` come last, in input order.
    """
    if len(mwds) != len(tie_break):
        raise ValueError("mwds and tie_break must have the same length")

    def key(i: int) -> tuple[tuple[bool, float], tuple[bool, float], int]:
        return (_descending(mwds[i]), _descending(tie_break[i]), i)

    ranks = [0] * len(mwds)
    for rank, index in enumerate(sorted(range(len(mwds)), key=key), start=1):
        ranks[index] = rank
    return ranks


def _descending(value: float) -> tuple[bool, float]:
    """Sort key: larger values first, ``nan`` after every number."""
    value = float(value)
    return (True, 0.0) if math.isnan(value) else (False, -value)
