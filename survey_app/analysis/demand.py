"""How many civil servants need training on an item: a share and, given N, a headcount.

Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. *JASA*, 22(158), 209-212. Cochran, W. G. (1977). *Sampling Techniques*
(3rd ed.), section 3.2-3.3. Korn, E. L., & Graubard, B. I. (1998). Confidence intervals
for proportions with small expected number of positive counts estimated from survey data.
*Survey Methodology*, 24(2), 193-201 (the effective sample size in a binomial interval).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import special

from .descriptives import complete_pairs


@dataclass(frozen=True, slots=True)
class Demand:
    """Share of respondents with gap >= ``threshold``, with a Wilson interval.

    The ``headcount`` fields and ``fpc`` are ``None`` unless a ``population`` was given.
    """

    n: int
    k: int
    threshold: float
    share: float
    ci_low: float
    ci_high: float
    confidence: float
    population: int | None = None
    fpc: float | None = None
    headcount: float | None = None
    headcount_low: float | None = None
    headcount_high: float | None = None


def wilson_interval(share: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson (1927) score interval for a proportion ``share`` observed on ``n`` trials.

    .. math:: \\frac{\\hat p + \\frac{z^2}{2n} \\pm
              z\\sqrt{\\frac{\\hat p(1-\\hat p)}{n} + \\frac{z^2}{4n^2}}}{1 + \\frac{z^2}{n}}

    ``n`` may be fractional (an effective sample size) or ``inf`` (no sampling error:
    the interval is the point). ``n == 0`` gives ``(nan, nan)``.
    """
    if n <= 0:
        return math.nan, math.nan
    if math.isinf(n):
        return share, share
    z = float(special.ndtri(0.5 + confidence / 2))
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def finite_population_correction(n: int, population: int) -> float:
    """:math:`\\mathrm{fpc} = \\sqrt{(N - n)/(N - 1)}` (Cochran 1977, 3.2); 0 when n = N."""
    if not 1 <= n <= population:
        raise ValueError("need 1 <= n <= population")
    return 0.0 if n == population else math.sqrt((population - n) / (population - 1))


def estimate_demand(
    importance: npt.ArrayLike,
    competence: npt.ArrayLike,
    *,
    threshold: float = 1.0,
    population: int | None = None,
    confidence: float = 0.95,
) -> Demand:
    """Share of respondents whose gap (importance - competence) is at least ``threshold``.

    The interval is Wilson's. Given the ``population`` size N, the headcount is
    :math:`\\hat p N` and its interval is the Wilson interval computed with the
    effective sample size :math:`n_\\mathrm{eff} = n / \\mathrm{fpc}^2 = n(N-1)/(N-n)`,
    so that its variance term :math:`\\hat p(1-\\hat p)/n_\\mathrm{eff}` is the
    without-replacement variance of Cochran (1977, 3.2), times N and clipped to the
    counts the sample makes certain: :math:`[k,\\ N - (n - k)]`. n = N gives the point
    k; N -> infinity gives the plain Wilson interval times N. A population smaller than
    n contradicts the data (the stated N is wrong or out of date), so no headcount is
    estimated then: the headcount fields stay ``None``.
    """
    imp, comp = complete_pairs(importance, competence)
    n = int(imp.size)
    k = int(np.count_nonzero(imp - comp >= threshold))
    share = k / n if n else math.nan
    low, high = wilson_interval(share, n, confidence)
    demand = Demand(n, k, threshold, share, low, high, confidence)
    if population is None or not 1 <= n <= population:
        return demand
    return _with_headcount(demand, population)


def _with_headcount(demand: Demand, population: int) -> Demand:
    """Add the headcount of ``demand`` in a population of ``population`` people."""
    n, k, share = demand.n, demand.k, demand.share
    fpc = finite_population_correction(n, population)
    n_eff = math.inf if fpc == 0 else n / fpc**2
    low, high = wilson_interval(share, n_eff, demand.confidence)
    return replace(
        demand,
        population=population,
        fpc=fpc,
        headcount=share * population,
        headcount_low=max(float(k), low * population),
        headcount_high=min(float(population - (n - k)), high * population),
    )
