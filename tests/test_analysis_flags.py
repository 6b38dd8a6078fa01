"""The "adjust material" rules: a flag appears exactly when its threshold is crossed."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.analysis import (
    Evidence,
    FlagThresholds,
    MeanCI,
    PairedGain,
    learning_flags,
    learning_gains,
    learning_unassessed,
    mean_ci,
    paired_gain,
    relevance_flag,
    relevance_unassessed,
    trend_flag,
    trend_unassessed,
    weakest_items,
)

DEFAULT = FlagThresholds()
RATINGS = st.lists(st.integers(1, 5), max_size=30)


# --- thresholds ----------------------------------------------------------------------


def test_default_thresholds() -> None:
    assert (DEFAULT.relevance, DEFAULT.min_responses) == (3.5, 5)
    assert (DEFAULT.gain_alpha, DEFAULT.trained_share) == (0.05, 0.2)


@pytest.mark.parametrize(
    "bad",
    [
        {"relevance": math.nan},
        {"min_responses": 0},
        {"gain_alpha": 0.0},
        {"gain_alpha": 1.0},
        {"trained_share": -0.1},
        {"trained_share": 1.5},
    ],
)
def test_invalid_thresholds_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        FlagThresholds(**bad)  # type: ignore[arg-type]


# --- relevance -----------------------------------------------------------------------


def test_irrelevant_training_is_flagged_with_its_evidence() -> None:
    ci = mean_ci([2, 3, 2, 3, 2, 2])  # mean 2.33, upper bound about 2.88 < 3.5
    flag = relevance_flag(ci, DEFAULT)
    assert isinstance(flag, Evidence) and (flag.rule, flag.code) == ("low_relevance", None)
    assert flag.detail["n"] == 6 and flag.detail["threshold"] == 3.5
    assert flag.detail["high"] == ci.high < 3.5
    assert relevance_unassessed(ci, DEFAULT) is None


def test_relevant_training_is_not_flagged() -> None:
    ci = mean_ci([4, 5, 4, 3, 4, 5])
    assert relevance_flag(ci, DEFAULT) is None
    assert relevance_unassessed(ci, DEFAULT) is None


def test_too_few_responses_give_a_reason_not_a_flag() -> None:
    ci = mean_ci([1, 1, 1, 2])  # clearly low, but only four answers
    assert relevance_flag(ci, DEFAULT) is None
    reason = relevance_unassessed(ci, DEFAULT)
    assert reason is not None
    assert (reason.rule, reason.reason, reason.detail["n"]) == (
        "low_relevance",
        "too_few_responses",
        4,
    )


def test_one_answer_has_no_interval() -> None:
    reason = relevance_unassessed(mean_ci([1]), FlagThresholds(min_responses=1))
    assert reason is not None and reason.reason == "no_interval"


@settings(max_examples=150, deadline=None)
@given(RATINGS, st.floats(1, 5), st.integers(1, 10))
def test_relevance_flag_exactly_when_upper_bound_below(
    ratings: list[int], threshold: float, min_responses: int
) -> None:
    ci = mean_ci(ratings)
    t = FlagThresholds(relevance=threshold, min_responses=min_responses)
    flag, reason = relevance_flag(ci, t), relevance_unassessed(ci, t)
    enough = len(ratings) >= min_responses
    assert (flag is not None) == (enough and ci.high < threshold)
    assert (reason is not None) == (not enough or math.isnan(ci.high))
    assert flag is None or reason is None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=30), st.integers(1, 10))
def test_relevance_boundary(ratings: list[int], min_responses: int) -> None:
    ci = mean_ci(ratings)
    at = FlagThresholds(relevance=ci.high, min_responses=min_responses)
    above = FlagThresholds(relevance=math.nextafter(ci.high, math.inf), min_responses=min_responses)
    assert relevance_flag(ci, at) is None  # "below" is strict
    assert (relevance_flag(ci, above) is not None) == (len(ratings) >= min_responses)


# --- learning ------------------------------------------------------------------------


def _gains(**pairs: tuple[list[float], list[float]]) -> dict[str, PairedGain]:
    return dict(zip(pairs, learning_gains(list(pairs.values())), strict=True))


def test_no_gain_on_a_competency_is_flagged_per_code() -> None:
    gains = _gains(
        PD1=([2, 2, 3, 2, 1, 2, 3, 2], [4, 4, 4, 3, 3, 4, 4, 4]),  # all eight improved
        MS2=([3, 3, 2, 4, 3, 3, 2, 3], [3, 3, 2, 4, 3, 4, 2, 3]),  # one of eight
        SK3=([2, 3, 4], [4, 4, 5]),  # too few pairs to judge
    )
    flags = learning_flags(gains, DEFAULT)
    assert [(f.rule, f.code) for f in flags] == [("no_learning_gain", "MS2")]
    assert flags[0].detail["p_adjusted"] == gains["MS2"].p_adjusted >= 0.05
    assert flags[0].detail["method"] == "exact"
    reasons = learning_unassessed(gains, DEFAULT)
    assert [(r.code, r.reason) for r in reasons] == [("SK3", "too_few_responses")]


def test_competency_without_answers_cannot_be_judged() -> None:
    gains = {"PD1": paired_gain([], [])}
    assert learning_flags(gains, FlagThresholds(min_responses=1)) == []
    reason = learning_unassessed(gains, FlagThresholds(min_responses=1))
    assert [(r.code, r.reason) for r in reason] == [("PD1", "too_few_responses")]


@st.composite
def gain_sets(draw: st.DrawFn) -> dict[str, PairedGain]:
    codes = draw(st.lists(st.sampled_from(["A1", "B2", "C3", "D4"]), unique=True, max_size=4))
    pairs = []
    for _ in codes:
        n = draw(st.integers(0, 15))
        before = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
        pairs.append((before, [min(5, b + draw(st.integers(-1, 2))) for b in before]))
    return dict(zip(codes, learning_gains(pairs), strict=True))


@settings(max_examples=150, deadline=None)
@given(gain_sets(), st.floats(0.001, 0.5), st.integers(1, 10))
def test_learning_flag_exactly_when_not_significant(
    gains: dict[str, PairedGain], alpha: float, min_responses: int
) -> None:
    t = FlagThresholds(gain_alpha=alpha, min_responses=min_responses)
    flagged = {f.code for f in learning_flags(gains, t)}
    expected = {c for c, g in gains.items() if g.n >= min_responses and g.p_adjusted >= alpha}
    assert flagged == expected
    assert all(c is not None and gains[c].n >= min_responses for c in flagged)
    unassessed = {u.code for u in learning_unassessed(gains, t)}
    assert unassessed == {c for c, g in gains.items() if g.n < min_responses}


@settings(max_examples=80, deadline=None)
@given(gain_sets())
def test_learning_boundary_alpha_equal_to_p_flags(gains: dict[str, PairedGain]) -> None:
    for code, gain in gains.items():
        if not 0 < gain.p_adjusted < 1:  # nan (no pairs) or 1: no alpha on either side
            continue
        at = FlagThresholds(gain_alpha=gain.p_adjusted, min_responses=1)
        above = FlagThresholds(gain_alpha=math.nextafter(gain.p_adjusted, 1), min_responses=1)
        assert code in {f.code for f in learning_flags({code: gain}, at)}  # p >= alpha
        assert learning_flags({code: gain}, above) == []


# --- trend ---------------------------------------------------------------------------


def test_need_persisting_after_training_many_is_flagged() -> None:
    t = FlagThresholds(trained_share=0.3)
    flag = trend_flag("PD1", "persists", 3, 10.0, t)  # 3/10 = 0.3 exactly: "at least"
    assert flag is not None and (flag.rule, flag.code) == ("need_not_reduced", "PD1")
    assert flag.detail["trained_share"] == 0.3 and flag.detail["headcount_in_need"] == 10.0
    assert trend_flag("PD1", "grew", 3, 10.0, t) is not None
    assert trend_flag("PD1", "persists", 2, 10.0, t) is None  # too few trained to expect change


@pytest.mark.parametrize(("trained", "headcount", "share"), [(7, 100.0, 0.07), (7, 50.0, 0.14)])
def test_exactly_the_share_is_enough_despite_rounding(
    trained: int, headcount: float, share: float
) -> None:
    # share * headcount is 7.000000000000001 in floating point; the ratio is exact.
    assert trend_flag("PD1", "persists", trained, headcount, FlagThresholds(trained_share=share))


@pytest.mark.parametrize("status", ["reduced", "need_reduced"])
def test_reduced_need_is_never_flagged(status: str) -> None:
    assert trend_flag("PD1", status, 100, 10.0, DEFAULT) is None
    assert trend_unassessed("PD1", status, 100, 10.0, DEFAULT) is None


@pytest.mark.parametrize(
    ("status", "headcount", "reason"),
    [
        ("persists", None, "unknown_headcount"),
        ("grew", math.nan, "unknown_headcount"),
        ("persists", 0.0, "unknown_headcount"),
        ("absent", 10.0, "no_trend"),
        ("suppressed", 10.0, "no_trend"),
    ],
)
def test_trend_that_cannot_be_judged_says_why(
    status: str, headcount: float | None, reason: str
) -> None:
    assert trend_flag("PD1", status, 5, headcount, DEFAULT) is None
    why = trend_unassessed("PD1", status, 5, headcount, DEFAULT)
    assert why is not None and (why.code, why.reason) == ("PD1", reason)


def test_negative_trained_is_refused() -> None:
    with pytest.raises(ValueError, match="trained"):
        trend_flag("PD1", "persists", -1, 10.0, DEFAULT)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["persists", "grew", "reduced", "need_reduced"]),
    st.integers(0, 500),
    st.integers(1, 2000),
    st.integers(0, 100),
)
def test_trend_flag_exactly_when_share_reached(
    status: str, trained: int, headcount: int, percent: int
) -> None:
    t = FlagThresholds(trained_share=percent / 100)
    flag = trend_flag("X", status, trained, float(headcount), t)
    reached = Fraction(trained, headcount) >= Fraction(percent, 100)  # exact arithmetic
    assert (flag is not None) == (status in {"persists", "grew"} and reached)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 500), st.floats(0.5, 5000), st.floats(0, 1))
def test_trend_flag_is_monotone(trained: int, headcount: float, share: float) -> None:
    t = FlagThresholds(trained_share=share)
    if trend_flag("X", "persists", trained, headcount, t) is not None:
        assert trend_flag("X", "persists", trained + 1, headcount, t) is not None
        assert trend_flag(
            "X", "persists", trained, headcount, FlagThresholds(trained_share=share / 2)
        )


# --- weakest items -------------------------------------------------------------------


def _ci(mean: float, high: float) -> MeanCI:
    return MeanCI(10, mean, mean - 0.5, high, 0.95)


def test_weakest_items_lowest_mean_first() -> None:
    items = {
        "methods": _ci(3.1, 3.6),
        "facilitator": _ci(4.2, 4.6),
        "duration": _ci(2.8, 3.3),
        "relevance": _ci(3.1, 3.4),  # same mean as methods, lower upper bound
        "unanswered": MeanCI(0, math.nan, math.nan, math.nan, 0.95),
    }
    codes = [code for code, _ in weakest_items(items)]
    assert codes == ["duration", "relevance", "methods"]
    assert [c for c, _ in weakest_items(items, k=10)][-1] == "facilitator"
    assert weakest_items(items, k=0) == []
    with pytest.raises(ValueError):
        weakest_items(items, k=-1)
