"""The priority table: every competency item's statistics, ranked, with its provenance.

Builds the rows of ``flask analyze priorities`` (and the dashboard) from a
:class:`~.dataset.Dataset`, so the database and the offline CSV give identical results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..analysis import (
    ItemEvidence,
    ItemStats,
    combine_priorities,
    compare_items,
    complete_pairs,
    item_stats,
    suppress,
)
from ..analysis.crossing import suppress_crossed
from ..analysis.multiplicity import AdjustMethod
from ..analysis.priority import Method
from ..analysis.suppression import Suppression
from ..questionnaire import Form
from ..questionnaire.types.scale import Competency
from .dataset import Dataset
from .tables import FgdEvidence, GroupTable, ItemResult, PriorityTable

SEED = 20_260_101
#: Above this many respondents an item's MWDS interval is the normal-theory (delta-method)
#: one: at that size it matches the bootstrap closely and costs nothing (statistics.md).
MAX_BOOTSTRAP_N = 2_000


def competencies(form: Form) -> list[Competency]:
    return [q for q in form.questions.values() if isinstance(q, Competency)]


def priority_table(
    data: Dataset,
    *,
    language: str = "id",
    population: int | None = None,
    fgd: Mapping[str, FgdEvidence] | None = None,
    p_adjust: AdjustMethod = "holm",
    method: Method = "mwds_then_fgd",
) -> PriorityTable:
    """Rank the competency items of ``data`` (the whole campaign or one subgroup)."""
    items = competencies(data.form)
    stats = [_stats(data, item, index, population) for index, item in enumerate(items)]
    comparison = compare_items(stats, p_adjust=p_adjust, scale=_scale(data.form, items))
    evidence = [_evidence(item, s, fgd) for item, s in zip(items, stats, strict=True)]
    ranked = combine_priorities(evidence, method)
    by_code = {row.item.code: row for row in ranked}
    rows = [
        _row(data.form, item, s, comparison, index, by_code[item.code], language)
        for index, (item, s) in enumerate(zip(items, stats, strict=True))
    ]
    rows.sort(key=lambda row: row.rank)
    provenance = (
        {
            **dict(ranked[0].provenance),
            "p_adjust": p_adjust,
            "seed": SEED,
            "missing_data": "pairwise-complete respondents per item",
        }
        if ranked
        else {}
    )
    return PriorityTable(rows, provenance, data.n)


def _stats(data: Dataset, item: Competency, index: int, population: int | None) -> ItemStats:
    """Respondents go in a canonical order first: the seeded bootstrap then depends only
    on the answers, not on storage order, so the database and a CSV export agree exactly."""
    importance, competence = canonical_pairs(
        data.column(f"{item.name}/importance"), data.column(f"{item.name}/competence")
    )
    return item_stats(
        importance,
        competence,
        seed=SEED + index,
        population=population,
        max_bootstrap_n=MAX_BOOTSTRAP_N,
    )


def canonical_pairs(
    importance: np.ndarray, competence: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The complete (importance, competence) pairs sorted by importance, then competence.

    Ratings on a scale are small integers, so the sorted pairs are rebuilt from the counts
    of each (importance, competence) cell: one linear pass instead of a sort. Other values
    fall back to :func:`numpy.lexsort`; both give the same arrays.
    """
    imp, comp = complete_pairs(importance, competence)
    if imp.size == 0 or not (_small_integers(imp) and _small_integers(comp)):
        order = np.lexsort((comp, imp))
        return imp[order], comp[order]
    low_i, low_c = imp.min(), comp.min()
    span = int(comp.max() - low_c) + 1
    counts = np.bincount(((imp - low_i) * span + (comp - low_c)).astype(np.intp))
    cells = np.flatnonzero(counts)
    repeats = counts[cells]
    return (
        np.repeat(cells // span + low_i, repeats).astype(np.float64),
        np.repeat(cells % span + low_c, repeats).astype(np.float64),
    )


def _small_integers(values: np.ndarray) -> bool:
    return bool(np.ptp(values) <= 1_000 and np.array_equal(values, np.round(values)))


def _scale(form: Form, items: list[Competency]) -> tuple[float, float]:
    points = form.spec.scales[items[0].scale].values() if items else [1, 5]
    return float(min(points)), float(max(points))


def _evidence(
    item: Competency, s: ItemStats, fgd: Mapping[str, FgdEvidence] | None
) -> ItemEvidence:
    found = (fgd or {}).get(item.code)
    mwds = s.borich.mwds if math.isfinite(s.borich.mwds) else -math.inf
    return ItemEvidence(
        code=item.code,
        mwds=mwds,
        mwds_ci=(s.borich.ci_low, s.borich.ci_high),
        mean_importance=s.descriptives.importance.mean if s.descriptives.n else 0.0,
        fgd_points=found.points if found else None,
        fgd_sessions=found.sessions if found else None,
        fgd_votes=found.votes if found else 0,
    )


def _row(
    form: Form,
    item: Competency,
    s: ItemStats,
    comparison: Any,
    index: int,
    ranked: Any,
    language: str,
) -> ItemResult:
    d, b, t, demand = s.descriptives, s.borich, s.tests, s.demand
    return ItemResult(
        code=item.code,
        name=item.name,
        label=form.text(item.label, language),
        group=item.group,
        n=d.n,
        importance_mean=_num(d.importance.mean),
        importance_sd=_num(d.importance.sd),
        competence_mean=_num(d.competence.mean),
        competence_sd=_num(d.competence.sd),
        gap_mean=_num(d.gap.mean),
        gap_sd=_num(d.gap.sd),
        gap_median=_num(d.gap.median),
        mwds=_num(b.mwds),
        mwds_ci=(_num(b.ci_low), _num(b.ci_high)),
        ci_method=b.ci_method,
        wilcoxon_p=_num(t.wilcoxon_p),
        p_adjusted=_num(comparison.wilcoxon_p_adjusted[index]),
        rank_biserial=_num(t.rank_biserial),
        t_p=_num(t.t_p),
        cohen_dz=_num(t.cohen_dz),
        rank=ranked.rank,
        ipa_quadrant=comparison.ipa.points[index].quadrant,
        lff_quadrant=comparison.lff.points[index].quadrant,
        share_in_need=_num(demand.share),
        share_in_need_ci=(_num(demand.ci_low), _num(demand.ci_high)),
        estimated_headcount=_num(demand.headcount),
        estimated_headcount_ci=None
        if demand.headcount is None
        else (_num(demand.headcount_low), _num(demand.headcount_high)),
        fgd_sessions=ranked.item.fgd_sessions,
        fgd_points=ranked.item.fgd_points,
        disagreement=ranked.disagreement,
        ci_overlaps_above=ranked.ci_overlaps_above,
    )


def _num(value: float | None) -> float | None:
    """JSON-friendly: NaN and infinities become null."""
    return None if value is None or not math.isfinite(value) else float(value)


def group_tables(
    data: Dataset,
    question: str,
    min_cell: int,
    *,
    table: Callable[[Dataset], PriorityTable] | None = None,
    **options: Any,
) -> list[GroupTable]:
    """One priority table per value of a report group; small groups are suppressed,
    with complementary suppression so no hidden group can be recovered by subtraction.

    ``table`` computes a group's table (default: :func:`priority_table` with ``options``;
    the dashboard passes its cached one)."""
    compute = table or (lambda subset: priority_table(subset, **options))
    codes = data.groups[question]
    counts = group_counts(data, question)
    hidden = hidden_groups(data, question, min_cell)
    return [
        GroupTable(value, None, True, hidden.reasons[value], None)
        if value in hidden.hidden
        else GroupTable(
            value,
            counts[value],
            False,
            None,
            compute(data.subset(codes == value)),
        )
        for value in counts
    ]


def group_counts(data: Dataset, question: str, mask: np.ndarray | None = None) -> dict[str, int]:
    """Respondents per value of a report group (within ``mask`` when given), in form order."""
    codes = data.groups[question] if mask is None else data.groups[question][mask]
    return {value: int(np.sum(codes == value)) for value in data.form.report_group_values[question]}


def hidden_groups(
    data: Dataset, question: str, min_cell: int, within: tuple[str, str] | None = None
) -> Suppression:
    """The values of ``question`` to hide, primary and complementary: the one rule of the
    dashboard, the exports and the policy draft (the total is public).

    ``within = (other, value)`` breaks down only the respondents with ``other = value``:
    a two-way breakdown, so the crossed rule (:func:`survey_app.analysis.crossing.
    suppress_crossed`) decides over the whole ``other`` x ``question`` table, whose
    margins are public too.
    """
    if within is None:
        return suppress(group_counts(data, question), min_cell=min_cell, total=data.n)
    other, value = within
    table = {
        row: group_counts(data, question, data.groups[other] == row)
        for row in data.form.report_group_values[other]
    }
    crossed = suppress_crossed(table, min_cell)
    hidden = crossed.in_row(value)
    return Suppression(hidden, {b: crossed.reasons[(value, b)] for b in hidden})
