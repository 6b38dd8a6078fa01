"""Per-item statistics of the Borich design: descriptives, MWDS, tests, quadrants, demand.

Expected values are hand-computed in the comments, taken from the cited publication, or
recomputed independently from the formula (never from the module under test).
"""

from __future__ import annotations

import inspect
import itertools
import math
import time

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from survey_app.analysis import (
    adjust_pvalues,
    borich_score,
    compare_items,
    compare_waves,
    complete_pairs,
    describe_item,
    estimate_demand,
    finite_population_correction,
    gap_tests,
    ipa_quadrants,
    item_stats,
    lff_quadrants,
    mwds,
    rank_items,
    wilson_interval,
)

FloatArray = npt.NDArray[np.float64]
NAN = math.nan
# Borich example: gaps [2, 0, 3, 0]; mean importance 4.25, mean gap 1.25.
IMP = [5.0, 4.0, 5.0, 3.0]
COMP = [3.0, 4.0, 2.0, 3.0]

ratings = st.integers(1, 5).map(float)
#: scipy >= 1.15 calls the bootstrap's generator ``rng``, older releases ``random_state``.
SEED_KEYWORD = "rng" if "rng" in inspect.signature(stats.bootstrap).parameters else "random_state"


def likert(seed: int, n: int, shift: int = 1) -> tuple[FloatArray, FloatArray]:
    """Random 1-5 importance, and competence about ``shift`` points lower."""
    rng = np.random.default_rng(seed)
    imp = rng.integers(1, 6, n).astype(np.float64)
    comp = np.clip(imp - rng.integers(shift - 2, shift + 2, n), 1, 5).astype(np.float64)
    return imp, comp


# --- descriptives and MWDS ----------------------------------------------------------


def test_borich_hand_example() -> None:
    score = borich_score(IMP, COMP, seed=1)
    assert score.mwds == 5.3125  # 4.25 * 1.25
    assert (score.n, score.mean_importance, score.mean_gap) == (4, 4.25, 1.25)
    assert type(score.mwds) is float and type(score.ci_low) is float


@pytest.mark.parametrize(
    ("imp", "comp", "expected"),
    [
        ([4, 4, 4], [4, 3, 2], 4.0),  # gaps 0, 1, 2: 4 * 1
        ([2, 3], [4, 4], -3.75),  # gaps -2, -1: 2.5 * -1.5 (over-qualified)
        ([1, 5], [1, 1], 6.0),  # gaps 0, 4: 3 * 2
    ],
)
def test_mwds_hand_values(imp: list[float], comp: list[float], expected: float) -> None:
    assert mwds(imp, comp) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_mwds_is_mean_of_weighted_discrepancies(seed: int) -> None:
    rng = np.random.default_rng(seed)
    imp, comp = rng.uniform(1, 5, 97), rng.uniform(1, 5, 97)
    weighted = [(i - c) * float(np.mean(imp)) for i, c in zip(imp, comp, strict=True)]
    assert mwds(imp, comp) == pytest.approx(sum(weighted) / len(weighted), rel=1e-12)
    assert mwds(imp, comp) == pytest.approx(np.mean(imp) * np.mean(imp - comp), rel=1e-12)


def test_pairwise_deletion_uses_respondents_who_rated_both() -> None:
    imp = [5.0, NAN, 4.0, 5.0, 3.0, 2.0]
    comp = [3.0, 1.0, 4.0, 2.0, 3.0, NAN]
    described = describe_item(imp, comp)
    assert described.n == 4
    assert described.importance.mean == 4.25  # not the 5-respondent mean 3.8
    assert described.gap.mean == described.importance.mean - described.competence.mean
    assert (described.gap.median, described.gap.sd) == (1.0, 1.5)
    assert mwds(imp, comp) == 5.3125
    assert gap_tests(imp, comp).n == estimate_demand(imp, comp).n == 4


def test_descriptives_of_tiny_items() -> None:
    single = describe_item([3.0], [2.0])
    assert single.gap.mean == 1.0 and math.isnan(single.gap.sd)
    empty = describe_item([NAN], [1.0])
    assert empty.n == 0 and math.isnan(empty.importance.mean)
    assert math.isnan(mwds([NAN], [NAN]))


@pytest.mark.parametrize(
    ("imp", "comp"),
    [([1.0, 2.0], [1.0]), ([[1.0]], [[1.0]]), ([math.inf], [1.0])],
)
def test_complete_pairs_rejects_bad_input(imp: list[float], comp: list[float]) -> None:
    with pytest.raises(ValueError):
        complete_pairs(imp, comp)


@given(st.lists(ratings, min_size=1, max_size=60))
def test_mwds_is_zero_when_importance_equals_competence(values: list[float]) -> None:
    assert mwds(values, values) == 0.0
    score = borich_score(values, values, n_resamples=50)
    assert score.mwds == 0.0
    assert (len(values) < 2 and score.ci_method == "none") or score.ci_low == score.ci_high == 0


# --- the confidence interval of MWDS ------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_bootstrap_interval_contains_estimate(seed: int) -> None:
    imp, comp = likert(seed, 60)
    score = borich_score(imp, comp, seed=seed)
    assert score.ci_method == "bca"
    assert score.ci_low < score.mwds < score.ci_high


def test_bootstrap_is_reproducible_for_a_seed() -> None:
    imp, comp = likert(7, 80)
    assert borich_score(imp, comp, seed=3) == borich_score(imp, comp, seed=3)
    assert borich_score(imp, comp, seed=3) != borich_score(imp, comp, seed=4)


def test_bootstrap_interval_narrows_with_n() -> None:
    widths = []
    for n in (50, 800):
        score = borich_score(*likert(11, n), seed=2)
        widths.append(score.ci_high - score.ci_low)
    assert widths[1] < widths[0] / 2  # about 1/4 = sqrt(50/800) in theory


@pytest.mark.parametrize(("seed", "n"), [(1, 12), (2, 40), (3, 150)])
def test_bca_matches_scipy_bca_with_the_same_resamples(seed: int, n: int) -> None:
    # Our closed-form jackknife must reproduce scipy's O(n^2) BCa exactly.
    imp, comp = likert(seed, n)
    ours = borich_score(imp, comp, seed=seed, n_resamples=999)
    theirs = stats.bootstrap(
        (imp, comp),
        lambda i, c, axis: np.mean(i, axis=axis) * np.mean(i - c, axis=axis),
        n_resamples=999,
        vectorized=True,
        paired=True,
        method="BCa",
        **{SEED_KEYWORD: np.random.default_rng(seed)},
    ).confidence_interval
    assert (ours.ci_low, ours.ci_high) == pytest.approx((theirs.low, theirs.high), rel=1e-9)


def test_percentile_option() -> None:
    imp, comp = likert(5, 40)
    score = borich_score(imp, comp, method="percentile", seed=5)
    assert score.ci_method == "percentile" and score.ci_low < score.ci_high
    with pytest.raises(ValueError):
        borich_score(imp, comp, method="studentized")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("imp", "comp"),
    [([3.0, 4.0, 5.0], [3.0, 4.0, 5.0]), ([4.0, 4.0, 4.0, 4.0], [3.0, 3.0, 3.0, 3.0])],
)
def test_degenerate_bootstrap_falls_back_to_the_point(imp: list[float], comp: list[float]) -> None:
    score = borich_score(imp, comp)
    assert (score.ci_low, score.ci_high, score.ci_method) == (score.mwds, score.mwds, "percentile")


def test_fewer_than_two_respondents_have_no_interval() -> None:
    score = borich_score([4.0, NAN], [2.0, 3.0])
    assert score.mwds == 8.0 and score.ci_method == "none"
    assert math.isnan(score.ci_low) and math.isnan(score.ci_high)


def test_large_n_uses_the_delta_method_close_to_the_bootstrap() -> None:
    imp, comp = likert(21, 3000)
    boot = borich_score(imp, comp, seed=1)
    normal = borich_score(imp, comp, max_bootstrap_n=1000)
    assert (boot.ci_method, normal.ci_method) == ("bca", "normal")
    assert normal.mwds - normal.ci_low == pytest.approx(normal.ci_high - normal.mwds)
    width = boot.ci_high - boot.ci_low
    assert normal.ci_high - normal.ci_low == pytest.approx(width, rel=0.1)
    assert normal.ci_low == pytest.approx(boot.ci_low, abs=0.1 * width)


# --- ranking --------------------------------------------------------------------------


def test_rank_items_descending_with_tie_rule() -> None:
    mwds_values = [2.0, 5.0, 2.0, NAN, 2.0, 7.5]
    importance = [4.0, 3.0, 4.5, 5.0, 4.0, 2.0]
    # 7.5 -> 1, 5.0 -> 2; three ties at 2.0: importance 4.5 first, then 4.0 in input order.
    assert rank_items(mwds_values, importance) == [4, 2, 3, 6, 5, 1]


def test_rank_items_uses_unrounded_values() -> None:
    assert rank_items([3.14159, 3.14161], [5.0, 1.0]) == [2, 1]


def test_rank_items_needs_equal_lengths() -> None:
    with pytest.raises(ValueError):
        rank_items([1.0, 2.0], [1.0])


@given(st.data())
def test_ranks_invariant_to_permuting_respondents(data: st.DataObject) -> None:
    n, m = data.draw(st.integers(2, 25)), data.draw(st.integers(2, 6))
    rows = st.lists(st.lists(ratings, min_size=m, max_size=m), min_size=n, max_size=n)
    imp, comp = np.array(data.draw(rows)), np.array(data.draw(rows))
    order = data.draw(st.permutations(range(n)))

    def ranks(i: FloatArray, c: FloatArray) -> list[int]:
        scores = [mwds(i[:, j], c[:, j]) for j in range(m)]
        return rank_items(scores, [float(np.mean(i[:, j])) for j in range(m)])

    assert ranks(imp, comp) == ranks(imp[order], comp[order])


# --- paired tests of the gap -------------------------------------------------------

SMALL_IMP = [5.0, 4.0, 5.0, 3.0, 4.0, 5.0, 2.0, 4.0, 5.0, 3.0]
SMALL_COMP = [3.0, 4.0, 2.0, 3.0, 2.0, 4.0, 3.0, 2.0, 3.0, 3.0]  # gaps 2,0,3,0,2,1,-1,2,2,0


def test_gap_tests_match_scipy_on_a_small_example() -> None:
    result = gap_tests(SMALL_IMP, SMALL_COMP)
    gap = np.subtract(SMALL_IMP, SMALL_COMP)
    w = stats.wilcoxon(gap, zero_method="pratt", method="approx")
    t = stats.ttest_rel(SMALL_IMP, SMALL_COMP)
    assert (result.n, result.n_zero, result.t_df) == (10, 3, 9)
    assert (result.wilcoxon_statistic, result.wilcoxon_p) == (w.statistic, w.pvalue)
    assert (result.t_statistic, result.t_p) == pytest.approx((t.statistic, t.pvalue))
    # |gap| ranks: three zeros 2, ones 4.5, twos 7.5, three 10. R+ = 4*7.5 + 4.5 + 10 = 44.5,
    # R- = 4.5, so r = 40 / 49.
    assert result.rank_biserial == pytest.approx(40 / 49)
    assert result.cohen_dz == pytest.approx(1.1 / np.std(gap, ddof=1))


def test_gap_tests_of_all_zero_gaps() -> None:
    result = gap_tests([3.0, 4.0, 5.0], [3.0, 4.0, 5.0])
    assert (result.wilcoxon_p, result.t_p) == (1.0, 1.0)
    assert (result.rank_biserial, result.cohen_dz, result.t_statistic) == (0.0, 0.0, 0.0)


def test_gap_tests_with_constant_nonzero_gap() -> None:
    result = gap_tests([4.0, 5.0, 3.0, 4.0], [3.0, 4.0, 2.0, 3.0])
    assert result.rank_biserial == 1.0 and 0 < result.wilcoxon_p < 1
    assert math.isnan(result.t_p) and math.isnan(result.cohen_dz)


@pytest.mark.parametrize("imp", [[], [4.0]])
def test_gap_tests_need_two_respondents(imp: list[float]) -> None:
    result = gap_tests(imp, [3.0] * len(imp))
    assert math.isnan(result.wilcoxon_p) and math.isnan(result.t_p)
    assert math.isnan(result.rank_biserial) and math.isnan(result.cohen_dz)


# --- multiplicity --------------------------------------------------------------------


def test_holm_and_bh_by_hand() -> None:
    p = [0.01, 0.04, 0.03, 0.005]
    # Holm: sorted 0.005*4, 0.01*3, 0.03*2, 0.04*1 -> 0.02, 0.03, 0.06, max(0.04, 0.06).
    assert adjust_pvalues(p) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    # BH: m*p/j = 0.02, 0.02, 0.04, 0.04 (sorted), running minimum from the top.
    assert adjust_pvalues(p, "bh") == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_adjust_pvalues_caps_at_one_and_passes_nan() -> None:
    # m = 3 non-missing: 0.2 * 3 = 0.6, 0.6 * 2 = 1.2 -> 1, max(0.7 * 1, 1) = 1.
    adjusted = adjust_pvalues([0.6, NAN, 0.2, 0.7], "holm")
    assert math.isnan(adjusted[1])
    assert [adjusted[i] for i in (0, 2, 3)] == pytest.approx([1.0, 0.6, 1.0])
    assert adjust_pvalues([]) == []
    with pytest.raises(ValueError):
        adjust_pvalues([1.5])
    with pytest.raises(ValueError):
        adjust_pvalues([0.5], "bonferroni")  # type: ignore[arg-type]


pvalue_lists = st.lists(st.floats(0, 1, allow_subnormal=False), min_size=1, max_size=40)


@given(pvalue_lists, st.sampled_from(["holm", "bh"]))
def test_adjusted_pvalues_are_monotone_and_not_below_raw(p: list[float], method: str) -> None:
    adjusted = adjust_pvalues(p, method)  # type: ignore[arg-type]
    assert all(a >= r - 1e-12 and a <= 1.0 for a, r in zip(adjusted, p, strict=True))
    pairs = sorted(zip(p, adjusted, strict=True))
    assert all(a1 <= a2 + 1e-12 for (_, a1), (_, a2) in itertools.pairwise(pairs))


@given(pvalue_lists)
def test_holm_is_at_least_bh(p: list[float]) -> None:
    holm, bh = adjust_pvalues(p, "holm"), adjust_pvalues(p, "bh")
    assert all(h >= b - 1e-12 for h, b in zip(holm, bh, strict=True))


# --- quadrants ----------------------------------------------------------------------

# One item per IPA quadrant; item means of importance 3.75, of competence 3.25.
QUAD_IMP = [4.5, 4.5, 3.0, 3.0]
QUAD_COMP = [2.5, 4.0, 2.5, 4.0]


def test_ipa_quadrants_at_the_means() -> None:
    grid = ipa_quadrants(QUAD_IMP, QUAD_COMP)
    assert (grid.x_cut, grid.y_cut) == (3.25, 3.75)
    assert [p.quadrant for p in grid.points] == [
        "concentrate_here",
        "keep_up_the_good_work",
        "low_priority",
        "possible_overkill",
    ]
    assert not any(p.on_crosshair for p in grid.points)


def test_ipa_points_on_the_midpoint_crosshair_go_to_the_attention_side() -> None:
    grid = ipa_quadrants(QUAD_IMP, QUAD_COMP, crosshair="midpoint")
    assert (grid.x_cut, grid.y_cut) == (3.0, 3.0)
    # Importance 3.0 lies on the line: counted as high importance.
    assert [p.quadrant for p in grid.points][2:] == ["concentrate_here", "keep_up_the_good_work"]
    assert [p.on_crosshair for p in grid.points] == [False, False, True, True]
    on_x = ipa_quadrants([4.0], [3.0], crosshair="midpoint").points[0]
    assert (on_x.quadrant, on_x.on_crosshair) == ("concentrate_here", True)  # low performance


def test_lff_quadrants() -> None:
    gaps = [2.0, 0.5, 1.5, -1.0]  # mean 0.75
    grid = lff_quadrants(QUAD_IMP, gaps)
    assert (grid.x_cut, grid.y_cut) == (3.75, 0.75)
    assert [p.quadrant for p in grid.points] == ["focus", "maintain", "watch", "low_priority"]


def test_quadrants_skip_items_without_data() -> None:
    grid = lff_quadrants([*QUAD_IMP, NAN], [2.0, 0.5, 1.5, -1.0, NAN])
    assert (grid.x_cut, grid.y_cut) == (3.75, 0.75)
    assert grid.points[-1].quadrant is None
    with pytest.raises(ValueError):
        ipa_quadrants([1.0], [])
    with pytest.raises(ValueError):
        ipa_quadrants([1.0], [2.0], crosshair="median")  # type: ignore[arg-type]


# --- demand -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    # Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    # comparison of seven methods. Statistics in Medicine 17, 857-872, Table II, method 3
    # (score interval without continuity correction), four decimals.
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_against_newcombe_1998(k: int, n: int, low: float, high: float) -> None:
    ours = wilson_interval(k / n, n)
    assert ours == pytest.approx((low, high), abs=5e-5)
    scipy_ci = stats.binomtest(k, n).proportion_ci(method="wilson")
    assert ours == pytest.approx((scipy_ci.low, scipy_ci.high), abs=1e-12)


def test_wilson_interval_closed_form_at_90_percent() -> None:
    p, n, z = 0.3, 50, stats.norm.ppf(0.95)
    root = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    expected = ((p + z**2 / (2 * n) - root), (p + z**2 / (2 * n) + root))
    scaled = tuple(v / (1 + z**2 / n) for v in expected)
    assert wilson_interval(p, n, 0.90) == pytest.approx(scaled, rel=1e-12)


def test_demand_share_and_threshold() -> None:
    demand = estimate_demand(IMP, COMP)  # gaps 2, 0, 3, 0
    assert (demand.n, demand.k, demand.share) == (4, 2, 0.5)
    assert demand.headcount is None
    assert estimate_demand(IMP, COMP, threshold=3).k == 1
    assert (demand.ci_low, demand.ci_high) == wilson_interval(0.5, 4)


def test_headcount_collapses_when_everyone_answered() -> None:
    demand = estimate_demand(IMP, COMP, population=4)
    assert demand.fpc == 0.0
    assert demand.headcount == demand.headcount_low == demand.headcount_high == 2.0


def test_headcount_tends_to_plain_wilson_for_a_huge_population() -> None:
    imp, comp = likert(4, 300)
    plain = estimate_demand(imp, comp)
    population = 10**12
    big = estimate_demand(imp, comp, population=population)
    assert big.headcount == pytest.approx(plain.share * population)
    assert big.headcount_low is not None and big.headcount_high is not None
    assert big.headcount_low / population == pytest.approx(plain.ci_low, rel=1e-6)
    assert big.headcount_high / population == pytest.approx(plain.ci_high, rel=1e-6)


def test_headcount_fpc_narrows_the_interval() -> None:
    imp, comp = likert(4, 300)
    plain = estimate_demand(imp, comp)
    small = estimate_demand(imp, comp, population=600)
    assert small.fpc == pytest.approx(math.sqrt(300 / 599))
    assert small.headcount_low is not None and small.headcount_high is not None
    width = (small.headcount_high - small.headcount_low) / 600
    assert width < plain.ci_high - plain.ci_low
    # Effective n = 300 * 599 / 300 = 599 in Wilson's formula.
    low, high = wilson_interval(plain.share, 599)
    assert (small.headcount_low, small.headcount_high) == pytest.approx((low * 600, high * 600))


def test_headcount_is_clipped_to_what_the_sample_makes_certain() -> None:
    demand = estimate_demand([5.0] * 9 + [3.0], [1.0] * 9 + [3.0], population=11)
    assert demand.k == 9
    assert demand.headcount_low is not None and demand.headcount_high is not None
    assert 9 <= demand.headcount_low <= demand.headcount_high <= 10


def test_population_smaller_than_sample_gives_no_headcount() -> None:
    # A stated N below the number of answers is out of date: the share stands, no headcount.
    demand = estimate_demand(IMP, COMP, population=3)
    assert (demand.n, demand.k, demand.share) == (4, 2, 0.5)
    assert demand.headcount is None and demand.headcount_low is None
    with pytest.raises(ValueError):
        finite_population_correction(4, 3)
    assert finite_population_correction(1, 2) == 1.0


# --- waves --------------------------------------------------------------------------


def test_wave_where_the_gap_clearly_shrinks() -> None:
    before = likert(1, 120, shift=2)
    after = likert(2, 120, shift=0)
    result = compare_waves(*before, *after)
    assert result.flag == "need_reduced"
    assert result.gap_change < 0 and result.rank_biserial < 0 and result.p_value < 0.001
    gap0, gap1 = before[0] - before[1], after[0] - after[1]
    u = stats.mannwhitneyu(gap0, gap1, method="asymptotic")
    assert (result.u_statistic, result.p_value) == (u.statistic, u.pvalue)
    assert result.rank_biserial == pytest.approx(1 - 2 * u.statistic / (120 * 120))
    assert compare_waves(*after, *before).flag == "grew"


def test_identical_waves_persist() -> None:
    wave = likert(3, 80)
    result = compare_waves(*wave, *wave)
    assert (result.flag, result.rank_biserial, result.gap_change) == ("persists", 0.0, 0.0)
    assert result.p_value == pytest.approx(1.0)


def test_wave_edge_cases() -> None:
    same = compare_waves([4.0, 4.0], [3.0, 3.0], [5.0], [4.0])
    assert (same.p_value, same.flag) == (1.0, "persists")
    empty = compare_waves([NAN], [3.0], [5.0], [4.0])
    assert empty.n_before == 0 and math.isnan(empty.p_value) and empty.flag == "persists"


# --- across items -----------------------------------------------------------------------


def test_compare_items_puts_it_together() -> None:
    items = [item_stats(*likert(seed, 60, shift=seed % 3), seed=seed) for seed in range(6)]
    result = compare_items(items, p_adjust="bh")
    assert sorted(result.ranks) == list(range(1, 7))
    top = result.ranks.index(1)
    assert items[top].borich.mwds == max(item.borich.mwds for item in items)
    raw = [item.tests.wilcoxon_p for item in items]
    assert list(result.wilcoxon_p_adjusted) == adjust_pvalues(raw, "bh")
    assert len(result.ipa.points) == len(result.lff.points) == 6


@pytest.mark.slow
def test_thirty_items_of_200k_respondents_in_under_ten_seconds() -> None:
    rng = np.random.default_rng(0)
    imp = rng.integers(1, 6, (200_000, 30)).astype(np.float64)
    comp = rng.integers(1, 6, (200_000, 30)).astype(np.float64)
    imp[rng.random(imp.shape) < 0.02] = np.nan
    start = time.perf_counter()
    items = [item_stats(imp[:, j], comp[:, j], seed=j) for j in range(30)]
    elapsed = time.perf_counter() - start
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert all(item.borich.ci_method == "normal" for item in items)
