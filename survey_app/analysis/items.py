"""Everything the report says about each competency item, and the comparison across items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy.typing as npt

from .borich import BootstrapMethod, BorichScore, borich_score, rank_items
from .demand import Demand, estimate_demand
from .descriptives import ItemDescriptives, describe_item
from .gap_tests import GapTests, gap_tests
from .multiplicity import AdjustMethod, adjust_pvalues
from .quadrants import Crosshair, QuadrantMap, ipa_quadrants, lff_quadrants


@dataclass(frozen=True, slots=True)
class ItemStats:
    """Per-item results, all on the item's pairwise-complete respondents."""

    descriptives: ItemDescriptives
    borich: BorichScore
    tests: GapTests
    demand: Demand


@dataclass(frozen=True, slots=True)
class ItemComparison:
    """Results across the items of a campaign, each tuple in input order."""

    ranks: tuple[int, ...]
    wilcoxon_p_adjusted: tuple[float, ...]
    t_p_adjusted: tuple[float, ...]
    p_adjust_method: str
    ipa: QuadrantMap
    lff: QuadrantMap


def item_stats(
    importance: npt.ArrayLike,
    competence: npt.ArrayLike,
    *,
    seed: int = 0,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    bootstrap_method: BootstrapMethod = "bca",
    max_bootstrap_n: int = 20_000,
    demand_threshold: float = 1.0,
    population: int | None = None,
) -> ItemStats:
    """Descriptives, Borich MWDS with its interval, gap tests and demand for one item.

    ``seed`` drives the bootstrap (give each item its own seed for independent
    resampling, e.g. the seed plus the item's position); see :func:`borich_score`.
    """
    return ItemStats(
        describe_item(importance, competence),
        borich_score(
            importance,
            competence,
            confidence=confidence,
            n_resamples=n_resamples,
            method=bootstrap_method,
            seed=seed,
            max_bootstrap_n=max_bootstrap_n,
        ),
        gap_tests(importance, competence),
        estimate_demand(
            importance,
            competence,
            threshold=demand_threshold,
            population=population,
            confidence=confidence,
        ),
    )


def compare_items(
    items: Sequence[ItemStats],
    *,
    p_adjust: AdjustMethod = "holm",
    ipa_crosshair: Crosshair = "mean",
    scale: tuple[float, float] = (1.0, 5.0),
) -> ItemComparison:
    """Ranks by MWDS (ties: mean importance, then input order), adjusted p, quadrants."""
    mean_imp = [item.descriptives.importance.mean for item in items]
    mean_comp = [item.descriptives.competence.mean for item in items]
    mean_gap = [item.descriptives.gap.mean for item in items]
    return ItemComparison(
        tuple(rank_items([item.borich.mwds for item in items], mean_imp)),
        tuple(adjust_pvalues([item.tests.wilcoxon_p for item in items], p_adjust)),
        tuple(adjust_pvalues([item.tests.t_p for item in items], p_adjust)),
        p_adjust,
        ipa_quadrants(mean_imp, mean_comp, crosshair=ipa_crosshair, scale=scale),
        lff_quadrants(mean_imp, mean_gap),
    )
