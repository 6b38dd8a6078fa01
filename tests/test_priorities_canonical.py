"""The canonical respondent order behind reproducible bootstraps, built without sorting."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.results.priorities import canonical_pairs

RATING = st.one_of(st.integers(1, 5).map(float), st.just(float("nan")))


def by_lexsort(imp: np.ndarray, comp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = ~(np.isnan(imp) | np.isnan(comp))
    order = np.lexsort((comp[keep], imp[keep]))
    return imp[keep][order], comp[keep][order]


@settings(max_examples=200)
@given(st.lists(st.tuples(RATING, RATING), max_size=60))
def test_counting_gives_the_sorted_complete_pairs(pairs: list[tuple[float, float]]) -> None:
    imp = np.array([p[0] for p in pairs], dtype=np.float32)
    comp = np.array([p[1] for p in pairs], dtype=np.float32)
    got = canonical_pairs(imp, comp)
    expected = by_lexsort(imp.astype(np.float64), comp.astype(np.float64))
    assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
    assert got[0].dtype == np.float64


def test_order_of_respondents_does_not_matter_and_fractions_fall_back_to_sorting() -> None:
    rng = np.random.default_rng(3)
    imp = rng.integers(1, 6, 500).astype(float)
    comp = rng.choice([1.0, 2.5, 3.0, 4.75, np.nan], 500)
    shuffled = rng.permutation(500)
    first, second = canonical_pairs(imp, comp), canonical_pairs(imp[shuffled], comp[shuffled])
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(first, by_lexsort(imp, comp), strict=True))
