"""Agreement among raters who rank the same items: Kendall's coefficient of concordance W.

Used for focus-group (nominal group technique) rankings: do the participants agree on
which training needs come first?
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats

from .reliability import InsufficientDataError

FloatMatrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class KendallW:
    """Kendall's W with its chi-squared test (``df = items - 1``)."""

    w: float
    chi2: float
    df: int
    p: float
    raters: int
    items: int
    tie_corrected: bool


def kendall_w(ratings: npt.ArrayLike, tie_correction: bool = True) -> KendallW:
    r"""Kendall's coefficient of concordance for an ``m raters x n items`` matrix.

    Each rater's scores are ranked (1 = lowest score; ties get their average rank), so
    scores and ranks give the same result. With :math:`R_i` the rank sum of item *i*,
    :math:`S = \sum_i (R_i - \bar R)^2` and :math:`T_j = \sum (t^3 - t)` over the groups
    of *t* tied items of rater *j*:

    .. math::

        W = \frac{12\,S}{m^2 (n^3 - n) - m \sum_j T_j},
        \qquad \chi^2 = m (n - 1)\,W \sim \chi^2_{n-1}

    Without ``tie_correction`` the :math:`\sum_j T_j` term is dropped. With it, the
    chi-squared equals Friedman's statistic with the items as treatments and the raters as
    blocks (``scipy.stats.friedmanchisquare``).

    References: Kendall, M. G., & Babington Smith, B. (1939). The problem of *m* rankings.
    *Annals of Mathematical Statistics* 10(3), 275-287. Legendre, P. (2005). Species
    associations: the Kendall coefficient of concordance revisited. *Journal of
    Agricultural, Biological and Environmental Statistics* 10(2), 226-245. Checked against
    R's ``irr::kendall`` (``anxiety`` data set).

    :raises InsufficientDataError: fewer than 2 raters or items, or every rater tying
        every item.
    :raises ValueError: not a 2-D matrix, or a missing or infinite score.
    """
    scores = _as_ratings(ratings)
    ranks = np.vstack([stats.rankdata(row) for row in scores])
    ties = float(sum(_tie_term(row) for row in scores)) if tie_correction else 0.0
    return _concordance(ranks, ties, tie_correction)


def kendall_w_from_rankings(
    rankings: Mapping[str, Sequence[str]], candidates: Sequence[str], top: int
) -> KendallW | None:
    r"""Kendall's W for partial rankings: each participant orders only their top picks.

    ``rankings`` maps a participant to the candidates they ranked, best first (at most
    ``top`` of them); ``candidates`` lists every candidate put to the group. Convention:
    a participant who ranked *r* candidates gives them ranks 1…*r*, and the candidates they
    left out **share the average of the remaining ranks**, :math:`(r + 1 + n) / 2`, as one
    tied group. The tie-corrected W then treats "not in my top *r*" as a tie, so a group
    that agrees on the same top picks has W = 1. Participants who ranked nothing express
    no order and are left out. Returns ``None`` with fewer than 2 such participants or
    fewer than 2 candidates.

    :raises ValueError: a duplicate candidate, an unknown or repeated pick, or a ranking
        longer than ``top``.
    """
    _check_candidates(candidates, top)
    rows = [_ranks_for(picks, candidates, top) for picks in rankings.values() if picks]
    if len(rows) < 2 or len(candidates) < 2:
        return None
    return kendall_w(np.vstack(rows), tie_correction=True)


def _as_ratings(ratings: npt.ArrayLike) -> FloatMatrix:
    scores = np.asarray(ratings, dtype=np.float64)
    if scores.ndim != 2:
        raise ValueError(f"expected a raters x items matrix, got {scores.ndim} dimension(s)")
    if not np.isfinite(scores).all():
        raise ValueError("ratings must be complete: no NaN or infinite values")
    if scores.shape[0] < 2 or scores.shape[1] < 2:
        raise InsufficientDataError("Kendall's W needs at least 2 raters and 2 items")
    return scores


def _tie_term(row: FloatMatrix) -> float:
    """:math:`\\sum (t^3 - t)` over the tied groups of one rater."""
    _, sizes = np.unique(row, return_counts=True)
    return float((sizes.astype(np.float64) ** 3 - sizes).sum())


def _concordance(ranks: FloatMatrix, ties: float, tie_corrected: bool) -> KendallW:
    m, n = ranks.shape
    sums = ranks.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    denominator = m**2 * (n**3 - n) - m * ties
    if denominator <= 0:
        raise InsufficientDataError("every rater tied every item: W is undefined")
    w = 12.0 * s / denominator
    chi2 = m * (n - 1) * w
    return KendallW(
        w=w,
        chi2=chi2,
        df=n - 1,
        p=float(stats.chi2.sf(chi2, n - 1)),
        raters=m,
        items=n,
        tie_corrected=tie_corrected,
    )


def _check_candidates(candidates: Sequence[str], top: int) -> None:
    if len(set(candidates)) != len(candidates):
        raise ValueError("candidates must be unique")
    if top < 1:
        raise ValueError("top must be at least 1")


def _ranks_for(picks: Sequence[str], candidates: Sequence[str], top: int) -> FloatMatrix:
    """Ranks 1…r for the picks; the rest share the mean of ranks r+1…n."""
    if len(picks) > top:
        raise ValueError(f"a ranking lists {len(picks)} candidates, more than top={top}")
    if len(set(picks)) != len(picks) or not set(picks) <= set(candidates):
        raise ValueError(f"a ranking repeats a pick or names an unknown candidate: {picks!r}")
    n, r = len(candidates), len(picks)
    ranks = np.full(n, (r + 1 + n) / 2.0)
    position = {code: index for index, code in enumerate(candidates)}
    for rank, code in enumerate(picks, start=1):
        ranks[position[code]] = float(rank)
    return ranks
