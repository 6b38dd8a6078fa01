"""Cronbach's alpha for each competency group and each rated dimension."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..analysis import InsufficientDataError, cronbach_alpha
from ..analysis.reliability import Deletion
from ..questionnaire.types.scale import DIMENSIONS
from .dataset import Dataset
from .priorities import competencies

DELETIONS: tuple[Deletion, ...] = ("listwise", "pairwise")


def reliability_rows(data: Dataset) -> list[dict[str, Any]]:
    """One row per (group, dimension, deletion); the Feldt CI uses the analysed rows
    after listwise deletion (the honest interval), all respondents for pairwise."""
    by_group: dict[str, list[str]] = {}
    for item in competencies(data.form):
        by_group.setdefault(item.group, []).append(item.name)
    return [
        _row(data, group, names, dimension, deletion)
        for group, names in by_group.items()
        for dimension in DIMENSIONS
        for deletion in DELETIONS
    ]


def _row(
    data: Dataset, group: str, names: list[str], dimension: str, deletion: Deletion
) -> dict[str, Any]:
    matrix = np.column_stack([data.column(f"{name}/{dimension}") for name in names]).astype(
        np.float64
    )
    row: dict[str, Any] = {
        "group": group,
        "dimension": dimension,
        "deletion": deletion,
        "k": len(names),
    }
    try:
        alpha = cronbach_alpha(
            matrix,
            deletion,
            feldt_n="analysed" if deletion == "listwise" else "respondents",
        )
    except InsufficientDataError as exc:
        return {**row, "alpha": None, "ci": None, "n": None, "note": str(exc)}
    finite = [v if math.isfinite(v) else None for v in (alpha.alpha, alpha.ci_low, alpha.ci_high)]
    return {
        **row,
        "alpha": finite[0],
        "ci": finite[1:],
        "n": alpha.n_complete if deletion == "listwise" else alpha.n,
    }
