"""Preferred forms of development, counted among the respondents in need of each item.

A respondent is in need of an item when the gap, importance - competence, is at least
``threshold`` (1 by default): the rule of :func:`survey_app.analysis.estimate_demand`,
after Borich (1980), "A needs assessment model for conducting follow-up studies",
*Journal of Teacher Education*, 31(3), 39-42. A missing rating (NaN) is never in need.

The counts add up over chunks of respondents (:meth:`FormCounts.plus`), so a campaign
is counted in one pass with flat memory: per chunk, ``need.T @ chose``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class FormCounts:
    """Counts of ``items`` x ``forms`` (each form one column of ``chose``)."""

    #: Respondents who chose at least one form.
    answered: int
    #: (forms,): respondents who chose each form.
    overall: IntArray
    #: (items,): respondents in need of each item who chose at least one form.
    in_need: IntArray
    #: (items, forms): respondents in need of the item who chose the form.
    by_need: IntArray

    @classmethod
    def zero(cls, items: int, forms: int) -> FormCounts:
        return cls(
            0,
            np.zeros(forms, dtype=np.int64),
            np.zeros(items, dtype=np.int64),
            np.zeros((items, forms), dtype=np.int64),
        )

    def plus(self, other: FormCounts) -> FormCounts:
        return FormCounts(
            self.answered + other.answered,
            self.overall + other.overall,
            self.in_need + other.in_need,
            self.by_need + other.by_need,
        )


def in_need(
    importance: npt.ArrayLike, competence: npt.ArrayLike, threshold: float = 1.0
) -> npt.NDArray[np.bool_]:
    """(respondents, items): whether importance - competence >= ``threshold``."""
    gap = np.asarray(importance, dtype=np.float64) - np.asarray(competence, dtype=np.float64)
    return np.asarray(gap >= threshold)


def count_forms(need: npt.ArrayLike, chose: npt.ArrayLike) -> FormCounts:
    """Count ``chose`` (respondents, forms; 1 = chosen) overall and among those in
    ``need`` (respondents, items) of each item who answered (chose at least one form)."""
    needs = np.asarray(need, dtype=bool)
    picks = np.asarray(chose, dtype=np.int64)
    answered = np.asarray(picks.any(axis=1))
    return FormCounts(
        int(answered.sum()),
        picks.sum(axis=0),
        (needs & answered[:, None]).sum(axis=0).astype(np.int64),
        needs.T.astype(np.int64) @ picks,
    )
