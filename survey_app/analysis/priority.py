"""One priority list from two kinds of evidence: the survey (MWDS) and the focus groups.

Every row carries the evidence, its rank, disagreement flags and the method's provenance,
so whoever drafts the policy can say why an item stands where it does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy import stats

Method = Literal["mwds_then_fgd", "weighted"]
Disagreement = Literal["high_in_fgd_low_in_survey", "high_in_survey_low_in_fgd"]

DEFAULT_WEIGHTS: Mapping[str, float] = {"survey": 0.7, "fgd": 0.3}
TIE_RULE = "unrounded MWDS, then FGD points, then mean importance (all descending), then code"
WEIGHTED_RULE = (
    "weighted score descending (z = standardised across items, population SD; "
    "no FGD evidence -> z = 0); ties: " + TIE_RULE
)


@dataclass(frozen=True, slots=True)
class ItemEvidence:
    """What the survey and the focus groups say about one item.

    ``fgd_points`` is ``None`` when the item was not put to any focus group (as opposed
    to 0 points: discussed, but nobody ranked it).
    """

    code: str
    mwds: float
    mwds_ci: tuple[float, float] | None = None
    mean_importance: float = 0.0
    fgd_points: int | None = None
    fgd_sessions: int | None = None
    fgd_votes: int = 0


@dataclass(frozen=True, slots=True)
class PriorityRow:
    """One ranked item; ``score`` is the weighted score (``None`` for the default method).

    ``ci_overlaps_above`` says whether this item's MWDS interval overlaps the one ranked
    just above (``None`` for the first row or when an interval is missing).
    """

    rank: int
    item: ItemEvidence
    score: float | None
    disagreement: Disagreement | None
    ci_overlaps_above: bool | None
    provenance: Mapping[str, object] = field(default_factory=dict)


def combine_priorities(
    items: Sequence[ItemEvidence],
    method: Method = "mwds_then_fgd",
    weights: Mapping[str, float] | None = None,
) -> list[PriorityRow]:
    r"""Rank items by survey and focus-group evidence, highest priority first.

    ``"mwds_then_fgd"`` (default): Borich MWDS descending on unrounded values; ties broken
    by FGD points, then mean importance, then code. ``"weighted"``:

    .. math:: \mathit{score} = w_{survey}\,z(\mathrm{MWDS}) + w_{fgd}\,z(\mathrm{points})

    with :math:`z` standardised across the items (population SD; 0 when all are equal),
    weights by default ``{"survey": 0.7, "fgd": 0.3}``; an item without FGD evidence
    gets :math:`z = 0` (neutral) for the FGD term. Ties in the score follow the default
    rule.

    A row is flagged when the item is in the top third by one source and the bottom third
    by the other (average ranks; FGD thirds among items with FGD evidence). Overlapping
    MWDS intervals with the row above mark ranks the survey cannot tell apart (a
    conservative reading: non-overlap implies a difference, overlap does not prove none).
    """
    if any(math.isnan(item.mwds) for item in items):
        raise ValueError("every item needs an MWDS; leave out the items that have none")
    used = _weights(method, weights)
    scores = _weighted_scores(items, used) if used is not None else None
    order = sorted(range(len(items)), key=lambda i: _sort_key(items[i], scores, i))
    flags = _disagreements(items)
    rule = TIE_RULE if used is None else WEIGHTED_RULE
    provenance = {"method": method, "weights": used, "tie_rule": rule}
    return [
        PriorityRow(
            rank=position + 1,
            item=items[i],
            score=None if scores is None else scores[i],
            disagreement=flags[i],
            ci_overlaps_above=_overlap(items[order[position - 1]], items[i]) if position else None,
            provenance=dict(provenance),
        )
        for position, i in enumerate(order)
    ]


def _weights(method: str, weights: Mapping[str, float] | None) -> dict[str, float] | None:
    if method == "mwds_then_fgd":
        if weights is not None:
            raise ValueError("weights apply only to method='weighted'")
        return None
    if method != "weighted":
        raise ValueError(f"unknown method {method!r}; use 'mwds_then_fgd' or 'weighted'")
    chosen = dict(DEFAULT_WEIGHTS if weights is None else weights)
    if set(chosen) != {"survey", "fgd"} or min(chosen.values()) < 0:
        raise ValueError("weights need non-negative 'survey' and 'fgd' entries, nothing else")
    return {key: float(value) for key, value in chosen.items()}


def _zscores(values: Sequence[float | None]) -> list[float]:
    """Standardise the known values; unknown ones get 0 (the mean)."""
    known = np.array([v for v in values if v is not None], dtype=np.float64)
    spread = float(known.std()) if len(known) else 0.0
    centre = float(known.mean()) if len(known) else 0.0
    return [0.0 if v is None or spread == 0 else (v - centre) / spread for v in values]


def _weighted_scores(items: Sequence[ItemEvidence], weights: Mapping[str, float]) -> list[float]:
    survey = _zscores([item.mwds for item in items])
    fgd = _zscores([item.fgd_points for item in items])
    return [weights["survey"] * s + weights["fgd"] * f for s, f in zip(survey, fgd, strict=True)]


def _sort_key(
    item: ItemEvidence, scores: Sequence[float] | None, index: int
) -> tuple[float, float, float, float, str]:
    points = -math.inf if item.fgd_points is None else float(item.fgd_points)
    score = 0.0 if scores is None else scores[index]
    return (-score, -item.mwds, -points, -item.mean_importance, item.code)


def _thirds(values: Sequence[float]) -> list[Literal["top", "middle", "bottom"]]:
    """Top / middle / bottom third by descending value, ties at their average rank."""
    n = len(values)
    ranks = stats.rankdata([-v for v in values]) if n else np.array([])
    return ["top" if r <= n / 3 else "bottom" if r > 2 * n / 3 else "middle" for r in ranks]


def _disagreements(items: Sequence[ItemEvidence]) -> list[Disagreement | None]:
    survey = _thirds([item.mwds for item in items])
    points = {
        i: float(item.fgd_points) for i, item in enumerate(items) if item.fgd_points is not None
    }
    fgd = dict(zip(points, _thirds(list(points.values())), strict=True))
    flags: list[Disagreement | None] = [None] * len(items)
    for i, third in fgd.items():
        if third == "top" and survey[i] == "bottom":
            flags[i] = "high_in_fgd_low_in_survey"
        elif third == "bottom" and survey[i] == "top":
            flags[i] = "high_in_survey_low_in_fgd"
    return flags


def _overlap(above: ItemEvidence, below: ItemEvidence) -> bool | None:
    """Whether two MWDS intervals overlap; ``None`` if either is missing or ``nan``."""
    upper, lower = _interval(above), _interval(below)
    if upper is None or lower is None:
        return None
    return lower[0] <= upper[1] and upper[0] <= lower[1]


def _interval(item: ItemEvidence) -> tuple[float, float] | None:
    ci = item.mwds_ci
    return None if ci is None or math.isnan(ci[0]) or math.isnan(ci[1]) else ci
