"""The counted bootstrap is scipy's bootstrap, bit for bit, at a third of the cost.

``borich.bootstrap_distribution`` replays the draws of :func:`scipy.stats.bootstrap`
(paired, vectorised, seeded) with integer sums; the intervals of every report depend on
it giving exactly scipy's values for the same seed.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from survey_app.analysis import borich
from survey_app.analysis.borich import bootstrap_distribution, borich_score

SEED_KEYWORD = "rng" if "rng" in inspect.signature(stats.bootstrap).parameters else "random_state"


def scipys(imp, comp, n_resamples: int, seed: int, batch: int | None = None) -> np.ndarray:
    """The distribution as scipy computes it, with the statistic the report uses."""
    return stats.bootstrap(
        (imp, comp),
        lambda i, c, axis: np.mean(i, axis=axis) * np.mean(i - c, axis=axis),
        n_resamples=n_resamples,
        batch=batch,
        vectorized=True,
        paired=True,
        method="percentile",
        **{SEED_KEYWORD: np.random.default_rng(seed)},
    ).bootstrap_distribution


def ratings(seed: int, n: int, low: int = 1, high: int = 5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    imp = rng.integers(low, high + 1, n).astype(np.float64)
    return imp, rng.integers(low, high + 1, n).astype(np.float64)


@pytest.mark.parametrize(
    ("seed", "n", "low", "high"),
    [(1, 2, 1, 5), (2, 12, 1, 5), (3, 150, 1, 5), (4, 1_659, 1, 5), (5, 300, 0, 10)],
)
def test_equal_to_scipys_distribution(seed: int, n: int, low: int, high: int) -> None:
    imp, comp = ratings(seed, n, low, high)
    ours = bootstrap_distribution(imp, comp, 2000, seed)
    assert np.array_equal(ours, scipys(imp, comp, 2000, seed))


def test_scipys_batches_do_not_change_the_draws() -> None:
    """scipy splits large samples into batches (the report passes 4 million values a
    batch, so above 2,000 respondents); the generator's stream runs on across them."""
    imp, comp = ratings(6, 2_600)
    ours = bootstrap_distribution(imp, comp, 2000, 6)
    assert np.array_equal(ours, scipys(imp, comp, 2000, 6, batch=4_000_000 // 2_600))
    assert np.array_equal(ours, scipys(imp, comp, 2000, 6, batch=7))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-3, 12), st.integers(-3, 12)), min_size=2, max_size=40),
    st.integers(0, 2**32 - 1),
    st.integers(2, 80),
)
def test_equal_to_scipy_for_any_integer_ratings(pairs, seed: int, n_resamples: int) -> None:
    imp = np.array([p[0] for p in pairs], dtype=np.float64)
    comp = np.array([p[1] for p in pairs], dtype=np.float64)
    ours = bootstrap_distribution(imp, comp, n_resamples, seed)
    assert np.array_equal(ours, scipys(imp, comp, n_resamples, seed))


def test_integer_ratings_never_call_scipy_and_decimals_always_do(monkeypatch) -> None:
    calls: list[int] = []
    real = stats.bootstrap

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(borich.stats, "bootstrap", counted)
    imp, comp = ratings(7, 80)
    borich_score(imp, comp, seed=7)
    assert calls == []
    halves = imp + 0.5  # e.g. a mean of two ratings
    score = borich_score(halves, comp, seed=7)
    assert calls == [1]
    assert np.array_equal(
        bootstrap_distribution(halves, comp, 2000, 7), scipys(halves, comp, 2000, 7)
    )
    assert score.ci_low < score.mwds < score.ci_high


def test_huge_values_fall_back_to_scipy_rather_than_overflow() -> None:
    imp = np.array([1e15, 2e15, 3e15])
    comp = np.array([0.0, 1e15, -1e15])
    assert np.array_equal(bootstrap_distribution(imp, comp, 50, 1), scipys(imp, comp, 50, 1))
