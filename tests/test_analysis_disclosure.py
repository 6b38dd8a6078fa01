"""Disclosure risk and protection of microdata: known tables, an independent count, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from survey_app.analysis.anonymize import Hierarchy, protect
from survey_app.analysis.disclosure import class_sizes, risk_profile, row_keys, text_risk

# status (pns, pppk), golongan (I, II, III, IV), masa_kerja (<3, 3-10, 10+)
TABLE = np.array(
    [
        [0, 2, 1],
        [0, 2, 1],
        [0, 2, 1],
        [0, 3, 2],
        [0, 3, 2],
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 0],
        [0, 2, 2],
    ]
)


def test_class_sizes_of_a_hand_made_table():
    assert class_sizes(TABLE).tolist() == [3, 3, 3, 2, 2, 1, 2, 2, 1]


def test_risk_profile_counts_rows_per_band_and_below_k():
    profile = risk_profile(class_sizes(TABLE), k=3)
    assert (profile.n, profile.classes, profile.unique, profile.below_k) == (9, 5, 2, 6)
    assert profile.bands == {"1": 2, "2": 4, "3-4": 3, "5-9": 0, "10+": 0}


def test_keys_do_not_collide_when_radixes_overflow():
    wide = np.array([[2**40, 1, 2**30], [2**40, 1, 2**30], [0, 1, 2**30], [2**40, 0, 0]])
    assert class_sizes(wide).tolist() == [2, 2, 1, 1]
    assert len(set(row_keys(wide).tolist())) == 3


def test_text_in_small_classes_and_l_diversity():
    texts = ["", "lebih banyak pelatihan", "", "", "kepala bidang X", "", "", "", "saran"]
    risk = text_risk(TABLE, texts, k=3)
    # row 4 sits in a class of 2, row 8 is unique; row 1 is in a class of 3
    assert risk.rows_at_risk == 2 and risk.min_l == 1


def _independent_sizes(codes: np.ndarray) -> list[int]:
    """Class sizes counted by pandas groupby: an oracle that shares no code with ours."""
    frame = pd.DataFrame(codes, columns=[f"q{i}" for i in range(codes.shape[1])])
    return frame.groupby(list(frame.columns))["q0"].transform("size").tolist()


tables = hnp.arrays(
    np.int64,
    st.tuples(st.integers(1, 80), st.integers(1, 4)),
    elements=st.integers(0, 4),
)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_class_sizes_agree_with_an_independent_count(codes):
    assert class_sizes(codes).tolist() == _independent_sizes(codes)


GOLONGAN = Hierarchy("golongan", (np.array([0, 0, 1, 1]),))  # I-II / III-IV
MASA_KERJA = Hierarchy("masa_kerja", (np.array([0, 1, 1]),))  # <3 / 3+
STATUS = Hierarchy("status")


def test_recoding_merges_grades_before_anything_is_blanked():
    result = protect(TABLE, [STATUS, GOLONGAN, MASA_KERJA], k=2, max_share_below_k=0.0)
    assert result.levels[0] == 0  # status has no hierarchy
    assert result.after_recoding.below_k == 0
    assert not result.suppressed.any() and result.unprotected_below_k == 0


def test_local_suppression_blanks_the_fewest_cells():
    result = protect(TABLE, [STATUS, GOLONGAN, MASA_KERJA], k=3, max_share_below_k=0.5)
    blanked_per_row = result.suppressed.sum(axis=1)
    assert result.unprotected_below_k == 0
    assert blanked_per_row.max() <= 2
    assert result.text_withheld.sum() == result.after_recoding.below_k
    assert sum(result.cells_suppressed.values()) == int(result.suppressed.sum())


def _wildcard_class_sizes(codes: np.ndarray, blank: np.ndarray) -> list[int]:
    """For each row: rows whose values equal it on every cell the row does not blank."""
    sizes = []
    for row, mask in zip(codes, blank, strict=True):
        keep = ~mask
        sizes.append(int(np.all(codes[:, keep] == row[keep], axis=1).sum()))
    return sizes


hierarchy_tables = st.tuples(
    hnp.arrays(np.int64, st.tuples(st.integers(3, 60), st.just(3)), elements=st.integers(0, 3)),
    st.integers(2, 5),
)


@settings(max_examples=150, deadline=None)
@given(hierarchy_tables)
def test_after_protection_every_row_has_k_matches_or_blanked_cells(case):
    codes, k = case
    result = protect(codes, [STATUS, GOLONGAN, GOLONGAN], k=k)
    sizes = _wildcard_class_sizes(result.codes, result.suppressed)
    for size, blanked in zip(sizes, result.suppressed.any(axis=1), strict=True):
        assert size >= k or blanked
    # a row blanked entirely always hides among all rows
    assert all(size >= min(k, len(codes)) for size in sizes)


@settings(max_examples=100, deadline=None)
@given(hierarchy_tables)
def test_the_risk_report_matches_a_recount(case):
    codes, k = case
    result = protect(codes, [STATUS, GOLONGAN, GOLONGAN], k=k)
    before = _independent_sizes(codes)
    after = _independent_sizes(result.codes)
    assert result.before.below_k == sum(size < k for size in before)
    assert result.after_recoding.below_k == sum(size < k for size in after)
    assert result.before.n == len(codes) == sum(result.before.bands.values())


def test_recoding_prefers_the_least_information_lost():
    # golongan alone is at risk; merging it loses less than merging masa kerja
    codes = np.array([[0, 0], [1, 0], [2, 1], [3, 1]] * 1 + [[2, 1]] * 3 + [[3, 1]] * 3)
    result = protect(codes, [GOLONGAN, MASA_KERJA], k=2, max_share_below_k=0.0)
    assert result.levels == (1, 0)
    assert result.recoding_loss[1] == 0.0 and 0 < result.recoding_loss[0] < 1


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="non-negative"):
        class_sizes(np.array([[-1, 0]]))
    with pytest.raises(ValueError, match="k must be"):
        risk_profile(np.array([1]), 0)


# --- added with the protected exports: the released table, date levels, the greedy climb


@settings(max_examples=150, deadline=None)
@given(hierarchy_tables)
def test_the_released_profile_counts_what_each_row_shows(case):
    codes, k = case
    result = protect(codes, [STATUS, GOLONGAN, GOLONGAN], k=k)
    shown = _wildcard_class_sizes(result.codes, result.suppressed)
    assert result.after.below_k == sum(size < k for size in shown)
    assert result.after.below_k == 0 or len(codes) < k
    assert result.rows_suppressed == int(result.suppressed.any(axis=1).sum())
    assert result.rows_withheld == result.after_recoding.below_k


def test_a_lowest_level_is_never_released_below():
    day_to_week = Hierarchy("date", (np.array([0, 0, 1, 1]), np.zeros(4, dtype=np.int64)), lowest=1)
    codes = np.array([[0], [1], [2], [3]] * 3)  # every day well filled: level 0 would do
    result = protect(codes, [day_to_week], k=2, max_share_below_k=0.0)
    assert result.levels == (1,) and sorted(set(result.codes[:, 0])) == [0, 1]
    with pytest.raises(ValueError, match="lowest level 3"):
        Hierarchy("date", (np.array([0]),), lowest=3)


def test_a_level_that_does_not_map_every_code_is_refused():
    with pytest.raises(ValueError, match="does not map code 3"):
        protect(np.array([[3]]), [Hierarchy("g", (np.array([0, 0, 1]),))], k=2)


@settings(max_examples=60, deadline=None)
@given(hierarchy_tables)
def test_a_large_lattice_is_climbed_greedily_with_the_same_guarantee(monkeypatch_limit, case):
    codes, k = case
    result = protect(codes, [STATUS, GOLONGAN, GOLONGAN], k=k)
    sizes = _wildcard_class_sizes(result.codes, result.suppressed)
    assert all(
        size >= k or blanked
        for size, blanked in zip(sizes, result.suppressed.any(axis=1), strict=True)
    )


@pytest.fixture(scope="module")
def monkeypatch_limit():
    """Every lattice counts as large (hypothesis runs the test many times in one fixture)."""
    from survey_app.analysis import lattice

    original, lattice.LATTICE_LIMIT = lattice.LATTICE_LIMIT, 1
    yield
    lattice.LATTICE_LIMIT = original


def test_the_greedy_climb_stops_as_soon_as_the_share_is_met(monkeypatch):
    from survey_app.analysis import lattice

    monkeypatch.setattr(lattice, "LATTICE_LIMIT", 1)
    codes = np.array([[0, 0], [1, 0], [2, 1], [3, 1]] + [[2, 1]] * 3 + [[3, 1]] * 3)
    result = protect(codes, [GOLONGAN, MASA_KERJA], k=2, max_share_below_k=0.0)
    assert result.levels == (1, 0)  # merging the grades is enough; service years stay
