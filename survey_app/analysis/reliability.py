"""Internal consistency of a multi-item scale: Cronbach's alpha with a Feldt interval.

Pure numpy/scipy: a respondents x items matrix (``NaN`` = no answer) goes in, a small
frozen :class:`Alpha` comes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

Deletion = Literal["listwise", "pairwise"]
FeldtN = Literal["respondents", "analysed"]
FloatMatrix = npt.NDArray[np.float64]


class InsufficientDataError(ValueError):
    """The data cannot support the statistic (too few items, respondents or variance)."""


@dataclass(frozen=True, slots=True)
class Alpha:
    """Cronbach's alpha with its Feldt confidence interval.

    ``n`` counts respondents with at least one answer, ``n_complete`` those who answered
    every item (the rows that listwise deletion keeps), ``k`` the items.
    """

    alpha: float
    ci_low: float
    ci_high: float
    n: int
    k: int
    deletion: Deletion
    n_complete: int
    confidence: float


def cronbach_alpha(
    matrix: npt.ArrayLike,
    deletion: Deletion = "listwise",
    confidence: float = 0.95,
    *,
    feldt_n: FeldtN = "respondents",
) -> Alpha:
    r"""Cronbach's (1951) alpha of an ``n x k`` matrix, ``NaN`` marking a missing answer.

    .. math::

        \alpha = \frac{k}{k-1}\left(1 - \frac{\sum_i \sigma^2_i}{\sum_{i,j} \sigma_{ij}}\right)

    where :math:`\sigma_{ij}` is the sample covariance matrix (``ddof=1``) of the items;
    :math:`\sum_{i,j}\sigma_{ij}` is the variance of the total score when nothing is
    missing. ``deletion="listwise"`` keeps only respondents who answered every item;
    ``deletion="pairwise"`` computes each :math:`\sigma_{ij}` from the respondents who
    answered both items *i* and *j* (as ``pandas.DataFrame.cov``, pingouin's default and
    R's ``psych::alpha(use="pairwise")``).

    The Feldt, Woodruff & Salih (1987, formula 6) interval, with :math:`\gamma = 1 -`
    ``confidence`` and F quantiles on :math:`n-1` and :math:`(n-1)(k-1)` degrees of freedom:

    .. math::

        \left[\,1 - (1-\alpha)\,F_{1-\gamma/2},\; 1 - (1-\alpha)\,F_{\gamma/2}\,\right]

    With ``feldt_n="respondents"`` (the default) *n* counts every respondent with at least
    one answer, in both deletion modes: this is what pingouin and ``psych::alpha`` do, and
    it reproduces their published intervals. ``feldt_n="analysed"`` uses the complete cases
    after listwise deletion instead, a wider and more honest interval when many rows are
    dropped (it changes nothing for pairwise deletion).

    References: Cronbach, L. J. (1951). Coefficient alpha and the internal structure of
    tests. *Psychometrika* 16(3), 297-334. Feldt, L. S., Woodruff, D. J., & Salih, F. A.
    (1987). Statistical inference for coefficient alpha. *Applied Psychological
    Measurement* 11(1), 93-103.

    :raises InsufficientDataError: fewer than 2 items, fewer than 2 usable respondents (or
        item pairs answered together), or a total score without variance.
    :raises ValueError: a non-2-D matrix, infinite values, or an unknown option.
    """
    data = _answered_rows(_as_matrix(matrix))
    _check_options(deletion, confidence, feldt_n)
    complete = data[~np.isnan(data).any(axis=1)]
    listwise = deletion == "listwise"
    cov = _complete_covariance(complete) if listwise else _pairwise_covariance(data)
    alpha = _alpha_from_covariance(cov)
    n_ci = len(complete) if listwise and feldt_n == "analysed" else len(data)
    low, high = feldt_interval(alpha, n_ci, data.shape[1], confidence)
    return Alpha(
        alpha=alpha,
        ci_low=low,
        ci_high=high,
        n=len(data),
        k=data.shape[1],
        deletion=deletion,
        n_complete=len(complete),
        confidence=confidence,
    )


def feldt_interval(alpha: float, n: int, k: int, confidence: float = 0.95) -> tuple[float, float]:
    r"""Feldt et al. (1987) interval for alpha from ``n`` respondents and ``k`` items.

    :math:`1 - (1-\alpha)F(1-\gamma/2;\,n-1,\,(n-1)(k-1))` to
    :math:`1 - (1-\alpha)F(\gamma/2;\,n-1,\,(n-1)(k-1))`, with :math:`\gamma = 1 -`
    ``confidence``.
    """
    if n < 2 or k < 2:
        raise InsufficientDataError("the Feldt interval needs n >= 2 and k >= 2")
    gamma = 1.0 - confidence
    df1, df2 = n - 1, (n - 1) * (k - 1)
    upper_q = float(stats.f.ppf(1.0 - gamma / 2.0, df1, df2))
    lower_q = float(stats.f.ppf(gamma / 2.0, df1, df2))
    return 1.0 - (1.0 - alpha) * upper_q, 1.0 - (1.0 - alpha) * lower_q


def _as_matrix(matrix: npt.ArrayLike) -> FloatMatrix:
    data = np.asarray(matrix, dtype=np.float64)
    if data.ndim != 2:
        raise ValueError(f"expected a respondents x items matrix, got {data.ndim} dimension(s)")
    if np.isinf(data).any():
        raise ValueError("the matrix contains infinite values")
    if data.shape[1] < 2:
        raise InsufficientDataError("alpha needs at least 2 items")
    return data


def _answered_rows(data: FloatMatrix) -> FloatMatrix:
    """Drop respondents who answered no item at all: they carry no information."""
    return data[~np.isnan(data).all(axis=1)]


def _check_options(deletion: str, confidence: float, feldt_n: str) -> None:
    if deletion not in ("listwise", "pairwise"):
        raise ValueError(f"unknown deletion {deletion!r}; use 'listwise' or 'pairwise'")
    if feldt_n not in ("respondents", "analysed"):
        raise ValueError(f"unknown feldt_n {feldt_n!r}; use 'respondents' or 'analysed'")
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must lie strictly between 0 and 1")


def _complete_covariance(complete: FloatMatrix) -> FloatMatrix:
    if len(complete) < 2:
        raise InsufficientDataError("alpha needs at least 2 respondents who answered every item")
    return np.atleast_2d(np.cov(complete, rowvar=False, ddof=1))


def _pairwise_covariance(data: FloatMatrix) -> FloatMatrix:
    r"""Covariances from pairwise-complete observations, ``ddof=1``.

    For items *i*, *j* and the :math:`n_{ij}` rows answering both,
    :math:`\sigma_{ij} = (\sum x_i x_j - \sum x_i \sum x_j / n_{ij}) / (n_{ij} - 1)`,
    every sum over those rows (equal to ``pandas.DataFrame.cov``).
    """
    answered = (~np.isnan(data)).astype(np.float64)
    values = np.nan_to_num(data, nan=0.0)
    pairs = answered.T @ answered
    if (pairs < 2).any():
        raise InsufficientDataError("some pair of items has fewer than 2 respondents in common")
    sum_i = values.T @ answered  # [i, j]: sum of item i over rows answering j
    cross = values.T @ values
    cov: FloatMatrix = (cross - sum_i * sum_i.T / pairs) / (pairs - 1.0)
    return cov


def _alpha_from_covariance(cov: FloatMatrix) -> float:
    k = cov.shape[0]
    total = float(cov.sum())
    if total <= 0.0:
        raise InsufficientDataError("the total score has no variance")
    return float(k / (k - 1) * (1.0 - float(np.trace(cov)) / total))
