"""Per-item descriptives of importance, competence and their gap.

Every item is analysed on its *pairwise-complete* respondents: those who rated both the
importance and their current competence of that item. A respondent who skipped one of
the two ratings of an item is left out of that item only, never out of the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Summary:
    """Location and spread of one variable; ``nan`` where undefined (``sd`` needs n >= 2)."""

    n: int
    mean: float
    sd: float
    median: float


@dataclass(frozen=True, slots=True)
class ItemDescriptives:
    """Summaries of importance, competence and gap over the same respondents."""

    n: int
    importance: Summary
    competence: Summary
    gap: Summary


def complete_pairs(
    importance: npt.ArrayLike, competence: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Keep the respondents who rated both importance and competence of the item.

    :param importance: 1-D ratings, ``nan`` where missing.
    :param competence: 1-D ratings of the same respondents, ``nan`` where missing.
    :returns: the two arrays restricted to rows where neither is ``nan`` (float64).
    :raises ValueError: on arrays of different shapes, not 1-D, or holding infinities.
    """
    imp = np.asarray(importance, dtype=np.float64)
    comp = np.asarray(competence, dtype=np.float64)
    if imp.ndim != 1 or imp.shape != comp.shape:
        raise ValueError("importance and competence must be 1-D arrays of equal length")
    missing = np.isnan(imp) | np.isnan(comp)
    if missing.any():  # copies only when something is missing
        imp, comp = imp[~missing], comp[~missing]
    if np.isinf(imp).any() or np.isinf(comp).any():
        raise ValueError("ratings must be finite numbers or nan (missing)")
    return imp, comp


def summarise(values: FloatArray) -> Summary:
    """Mean, sample SD (``ddof=1``) and median of ``values`` (no missing values).

    .. math:: \\bar x = \\frac{1}{n}\\sum x_i, \\quad
              s = \\sqrt{\\tfrac{1}{n-1}\\sum (x_i - \\bar x)^2}
    """
    n = int(values.size)
    if n == 0:
        return Summary(0, float("nan"), float("nan"), float("nan"))
    sd = float(np.std(values, ddof=1)) if n >= 2 else float("nan")
    return Summary(n, float(np.mean(values)), sd, float(np.median(values)))


def describe_item(importance: npt.ArrayLike, competence: npt.ArrayLike) -> ItemDescriptives:
    """Descriptives of one item; gap = importance - competence, per respondent.

    All three summaries use the same pairwise-complete respondents (see
    :func:`complete_pairs`), so ``gap.mean == importance.mean - competence.mean``.
    """
    imp, comp = complete_pairs(importance, competence)
    return ItemDescriptives(int(imp.size), summarise(imp), summarise(comp), summarise(imp - comp))
