"""Post-training evaluation statistics: mean CI, Wilson share, paired Wilcoxon gain, Holm.

Expected values are published (sources in tests/data/SOURCES-evaluation.md), hand-computed
in the comments, or computed independently by scipy (never by the module under test).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from survey_app.analysis import learning_gains, mean_ci, paired_gain, share_at_least, wilson
from survey_app.analysis.evaluation import EXACT_MAX_NONZERO, exact_signed_rank_sf

DATA = Path(__file__).parent / "data"
NAN = math.nan


def _columns(name: str, first: str, second: str) -> tuple[list[float], list[float]]:
    with (DATA / name).open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [float(r[first]) for r in rows], [float(r[second]) for r in rows]


# --- published reference values ----------------------------------------------------


def test_exact_wilcoxon_reproduces_hollander_wolfe() -> None:
    # Depression fell from the first to the second visit: the "gain" is first - second,
    # so the second visit plays "before". Published: V = 40, one-sided p = 10/512.
    first, second = _columns("wilcoxon_paired_depression.csv", "first_visit", "second_visit")
    gain = paired_gain(before=second, after=first)
    assert (gain.n, gain.n_nonzero, gain.statistic, gain.method) == (9, 9, 40.0, "exact")
    assert gain.p_value == 0.01953125
    assert gain.p_adjusted == gain.p_value
    # W- = 45 - 40 = 5, so r = (40 - 5) / 45 (Kerby 2014).
    assert gain.effect == pytest.approx(35 / 45, rel=1e-12)
    scipy_exact = stats.wilcoxon(first, second, alternative="greater", method="exact")
    assert gain.p_value == pytest.approx(float(scipy_exact.pvalue), rel=1e-12)


def test_five_of_five_improved_is_one_in_thirty_two() -> None:
    # Exact: P(all five signs +) = 1/32 = 0.03125. The normal approximation (gains
    # 1 2 2 4 1, ranks 1.5 3.5 3.5 5 1.5, Var = (330 - 12/2)/24 = 13.5) would say
    # z = 7.5 / sqrt(13.5) = 2.04, p = 0.021: too optimistic for a class of five.
    gain = paired_gain([2, 3, 2, 1, 3], [3, 5, 4, 5, 4])
    assert (gain.statistic, gain.p_value, gain.effect) == (15.0, 1 / 32, 1.0)
    normal = stats.wilcoxon([1, 2, 2, 4, 1], alternative="greater", method="asymptotic")
    assert float(normal.pvalue) < 0.025


def test_mean_ci_reproduces_student_sleep_interval() -> None:
    # Student (1908): paired differences drug2 - drug1; R's t.test gives the 95 % CI
    # [0.7001142, 2.4598858] around the mean 1.58 (df = 9).
    drug1, drug2 = _columns("sleep_student1908.csv", "drug1", "drug2")
    ci = mean_ci(np.subtract(drug2, drug1))
    assert ci.n == 10
    assert ci.mean == pytest.approx(1.58, abs=1e-12)
    assert (ci.low, ci.high) == pytest.approx((0.7001142, 2.4598858), abs=5e-8)
    assert ci.confidence == 0.95


def test_sleep_gain_with_a_zero_and_a_tie_by_hand() -> None:
    # Differences 1.2 2.4 1.3 1.3 0 1.0 1.8 0.8 4.6 1.4: one zero (Pratt rank 1, left out
    # of both sums), ranks 2..10 all positive, so V = 55 - 1 = 54 and, conditionally on
    # the ranks, p = P(all nine signs +) = 1/2^9.
    drug1, drug2 = _columns("sleep_student1908.csv", "drug1", "drug2")
    gain = paired_gain(before=drug1, after=drug2)
    assert (gain.n, gain.n_nonzero, gain.statistic, gain.method) == (10, 9, 54.0, "exact")
    assert gain.p_value == 1 / 512
    assert gain.effect == 1.0
    assert gain.median_gain == pytest.approx(1.3)
    assert gain.mean_gain == pytest.approx(1.58)
    assert gain.mean_after - gain.mean_before == pytest.approx(gain.mean_gain)


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17, 857-872, Table II, method 3 (score).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611)],
)
def test_wilson_share_against_newcombe_1998(k: int, n: int, low: float, high: float) -> None:
    share = wilson(k, n)
    assert (share.n, share.k, share.share) == (n, k, k / n)
    assert (share.low, share.high) == pytest.approx((low, high), abs=5e-5)


# --- hand-computed examples ----------------------------------------------------------


def test_gain_with_ties_and_zeros_by_hand() -> None:
    # Gains 2 1 0 0 2 1 -1 1. Ranks of |g|: zeros 1.5, ones 4.5, twos 7.5.
    # W+ = 3 * 4.5 + 2 * 7.5 = 28.5, W- = 4.5, r = 24 / 33. The six non-zero ranks
    # {4.5 x4, 7.5 x2}: W+ >= 28.5 iff the negative ranks sum to <= 4.5: no negative
    # (1 way) or one 4.5 (4 ways), so p = 5 / 64.
    gain = paired_gain([2, 3, 3, 2, 1, 2, 3, 3], [4, 4, 3, 2, 3, 3, 2, 4])
    assert (gain.n, gain.n_nonzero, gain.statistic) == (8, 6, 28.5)
    assert (gain.p_value, gain.method) == (5 / 64, "exact")
    assert gain.effect == pytest.approx(24 / 33, rel=1e-12)
    assert (gain.mean_before, gain.mean_after, gain.median_gain) == (2.375, 3.125, 1.0)


def test_no_change_at_all_gives_p_one_and_no_effect() -> None:
    gain = paired_gain([3, 4, 2, 5], [3, 4, 2, 5])
    assert (gain.n, gain.n_nonzero, gain.statistic, gain.p_value, gain.effect) == (
        4,
        0,
        0.0,
        1.0,
        0.0,
    )
    assert gain.mean_gain == 0.0


@pytest.mark.parametrize(("after", "p", "effect"), [(4.0, 0.5, 1.0), (2.0, 1.0, -1.0)])
def test_a_single_pair_is_tested_exactly(after: float, p: float, effect: float) -> None:
    gain = paired_gain([3.0], [after])
    assert (gain.n, gain.p_value, gain.effect, gain.method) == (1, p, effect, "exact")


def test_missing_ratings_drop_their_pair_only() -> None:
    gain = paired_gain([1, NAN, 3, 2], [2, 4, NAN, 4])
    assert (gain.n, gain.mean_before, gain.mean_after) == (2, 1.5, 3.0)


def test_no_complete_pair_gives_nan_and_method_none() -> None:
    gain = paired_gain([NAN, 2], [3, NAN])
    assert (gain.n, gain.n_nonzero, gain.method) == (0, 0, "none")
    assert all(math.isnan(v) for v in (gain.mean_gain, gain.p_value, gain.effect))


@pytest.mark.parametrize(
    ("before", "after"), [([1, 2], [1]), ([[1, 2]], [[2, 3]]), ([1, math.inf], [2, 3])]
)
def test_bad_paired_input_raises(before: object, after: object) -> None:
    with pytest.raises(ValueError):
        paired_gain(before, after)  # type: ignore[arg-type]


def test_large_groups_use_the_normal_approximation() -> None:
    before = np.array([2.0] * 60 + [3.0] * 20)
    after = np.array([3.0] * 40 + [2.0] * 20 + [4.0] * 10 + [2.0] * 10)
    gain = paired_gain(before, after)
    assert gain.n_nonzero == 60 > EXACT_MAX_NONZERO
    assert gain.method == "normal"
    diff = after - before
    expected = stats.wilcoxon(diff, zero_method="pratt", alternative="greater", method="asymptotic")
    assert gain.p_value == pytest.approx(float(expected.pvalue), rel=1e-12)


def test_exact_and_normal_agree_roughly_at_the_switch() -> None:
    rng = np.random.default_rng(7)
    before = rng.integers(1, 6, EXACT_MAX_NONZERO * 2).astype(float)
    after = np.clip(before + rng.integers(-1, 3, before.size), 1, 5)
    gain = paired_gain(before, after)
    diff = after - before
    normal = stats.wilcoxon(diff, zero_method="pratt", alternative="greater", method="asymptotic")
    assert gain.method == ("exact" if gain.n_nonzero <= EXACT_MAX_NONZERO else "normal")
    assert gain.p_value == pytest.approx(float(normal.pvalue), abs=0.01)


def test_learning_gains_are_holm_adjusted_across_competencies() -> None:
    # Raw p: 10/512, 5/64, 1 (the examples above). Holm: 3 * 10/512, 2 * 5/64, 1.
    first, second = _columns("wilcoxon_paired_depression.csv", "first_visit", "second_visit")
    pairs: list[tuple[list[float], list[float]]] = [
        ([2, 3, 3, 2, 1, 2, 3, 3], [4, 4, 3, 2, 3, 3, 2, 4]),
        ([3, 3], [3, 3]),
        (second, first),
        ([NAN], [NAN]),
    ]
    gains = learning_gains(pairs)
    assert [g.p_value for g in gains[:3]] == [5 / 64, 1.0, 10 / 512]
    assert [g.p_adjusted for g in gains[:3]] == [10 / 64, 1.0, 30 / 512]
    assert math.isnan(gains[3].p_adjusted)
    assert learning_gains([]) == []


def test_mean_ci_by_hand() -> None:
    # 4 5 3 4: mean 4, s = sqrt(2/3), t(0.975; 3) = 3.182446 (t tables).
    ci = mean_ci([4, 5, 3, NAN, 4])
    half = 3.182446305 * math.sqrt(2 / 3) / 2
    assert (ci.n, ci.mean) == (4, 4.0)
    assert (ci.low, ci.high) == pytest.approx((4 - half, 4 + half), abs=1e-8)
    narrower = mean_ci([4, 5, 3, 4], confidence=0.90)
    assert ci.low < narrower.low < narrower.high < ci.high


def test_mean_ci_edges() -> None:
    empty, single, constant = mean_ci([]), mean_ci([NAN, 3]), mean_ci([2, 2, 2])
    assert empty.n == 0 and math.isnan(empty.mean) and math.isnan(empty.high)
    assert (single.n, single.mean) == (1, 3.0) and math.isnan(single.low)
    assert (constant.low, constant.mean, constant.high) == (2.0, 2.0, 2.0)


@pytest.mark.parametrize("confidence", [0.0, 1.0, 1.5, -0.1])
def test_bad_confidence_raises(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence"):
        mean_ci([1, 2, 3], confidence)
    with pytest.raises(ValueError, match="confidence"):
        wilson(1, 2, confidence)


def test_share_at_least_counts_agreeing_answers() -> None:
    share = share_at_least([1, 4, 5, NAN, 3], 4)  # 4 and 5 agree, 2 of 4 answers
    assert (share.n, share.k, share.share) == (4, 2, 0.5)
    ci = stats.binomtest(2, 4).proportion_ci(method="wilson")
    assert (share.low, share.high) == pytest.approx((ci.low, ci.high), rel=1e-12)


def test_wilson_edges() -> None:
    empty = wilson(0, 0)
    assert empty.n == 0 and math.isnan(empty.share) and math.isnan(empty.low)
    for k, n in ((3, 2), (-1, 4)):
        with pytest.raises(ValueError):
            wilson(k, n)


# --- properties ----------------------------------------------------------------------

RATING = st.integers(1, 5)


@st.composite
def rating_pairs(draw: st.DrawFn, max_n: int, min_n: int = 1) -> tuple[list[int], list[int]]:
    n = draw(st.integers(min_n, max_n))
    return draw(st.lists(RATING, min_size=n, max_size=n)), draw(
        st.lists(RATING, min_size=n, max_size=n)
    )


@settings(max_examples=60, deadline=None)
@given(rating_pairs(max_n=11, min_n=2))
def test_exact_p_equals_full_sign_flip_enumeration(pair: tuple[list[int], list[int]]) -> None:
    # scipy's permutation test enumerates all 2^n sign flips when n <= 13 (ties and zeros
    # included): an independent computation of the same conditional distribution.
    before, after = pair
    gain = paired_gain(before, after)
    diff = np.subtract(after, before).astype(float)
    if not diff.any():
        assert (gain.p_value, gain.effect) == (1.0, 0.0)
        return
    perm = stats.wilcoxon(
        diff, zero_method="pratt", alternative="greater", method=stats.PermutationMethod()
    )
    assert gain.p_value == pytest.approx(float(perm.pvalue), rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(rating_pairs(max_n=40))
def test_gain_is_always_defined_on_likert_data(pair: tuple[list[int], list[int]]) -> None:
    gain = paired_gain(*pair)
    assert 0 < gain.p_value <= 1 and -1 <= gain.effect <= 1
    assert gain.method == "exact"
    worse = paired_gain(pair[1], pair[0])  # reversing every gain cannot make it likelier
    assert (worse.effect == -gain.effect) or (gain.n_nonzero == 0)
    assert gain.p_value + worse.p_value >= 1 - 1e-12


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-50, 50).filter(lambda x: x != 0), min_size=1, max_size=25, unique=True))
def test_without_ties_or_zeros_it_is_wilcoxons_table(diffs: list[float]) -> None:
    diffs = [d for d in diffs if abs(d) > 1e-6 and -d not in diffs]
    if not diffs:
        return
    gain = paired_gain(np.zeros(len(diffs)), diffs)
    table = stats.wilcoxon(diffs, alternative="greater", method="exact")
    assert gain.p_value == pytest.approx(float(table.pvalue), rel=1e-9)


def test_exact_sf_rejects_ranks_off_the_half_grid() -> None:
    with pytest.raises(ValueError, match="ranks"):
        exact_signed_rank_sf([1.0, 2.3], 1.0)
    assert exact_signed_rank_sf([1.0, 2.0], 4.0) == 0.0
