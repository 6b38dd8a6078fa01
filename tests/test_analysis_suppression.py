"""Small-cell suppression and the combined priority list."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.analysis.priority import ItemEvidence, PriorityRow, combine_priorities
from survey_app.analysis.suppression import Kind, min_cell_for, suppress

QUICK = settings(database=None, deadline=None, max_examples=300)

# --- suppression ------------------------------------------------------------------


def test_nothing_hidden_when_every_cell_meets_the_threshold() -> None:
    result = suppress({"PNS": 40, "PPPK": 12, "CPNS": 5})
    assert result.hidden == frozenset()
    assert dict(result.reasons) == {}


def test_primary_cell_gets_a_complementary_partner() -> None:
    result = suppress({"I-II": 3, "III": 10, "IV": 12, "other": 20})
    assert result.hidden == {"I-II", "III"}
    assert dict(result.reasons) == {"I-II": "primary", "III": "complementary"}


def test_two_primary_cells_with_a_small_sum_need_a_complement() -> None:
    # total - visible would reveal that the two hidden groups hold 4 people together.
    result = suppress({"a": 2, "b": 2, "c": 6, "d": 30})
    assert dict(result.reasons) == {"a": "primary", "b": "primary", "c": "complementary"}


def test_two_primary_cells_with_a_large_enough_sum_are_enough() -> None:
    result = suppress({"a": 3, "b": 4, "c": 6, "d": 30})
    assert dict(result.reasons) == {"a": "primary", "b": "primary"}


def test_complements_are_added_until_the_hidden_sum_reaches_the_threshold() -> None:
    result = suppress({"a": 0, "b": 1, "c": 2, "d": 2, "e": 50}, min_cell=8)
    assert result.hidden == {"a", "b", "c", "d", "e"}
    assert result.reasons["e"] == "complementary"


def test_everything_hidden_when_the_total_is_below_the_threshold() -> None:
    result = suppress({"a": 1, "b": 2, "c": 1})
    assert dict(result.reasons) == {"a": "primary", "b": "primary", "c": "primary"}


def test_complement_ties_are_broken_by_name() -> None:
    assert suppress({"z": 3, "b": 10, "a": 10}).hidden == {"z", "a"}


def test_a_single_group_is_hidden_only_when_small() -> None:
    assert suppress({"all": 4}).hidden == {"all"}
    assert suppress({"all": 5}).hidden == frozenset()
    assert suppress({}).hidden == frozenset()


def test_zero_is_hidden_by_default_and_shown_as_a_structural_zero_on_request() -> None:
    counts = {"yes": 0, "no": 12, "unsure": 9}
    assert dict(suppress(counts, min_cell=8).reasons) == {
        "yes": "primary",
        "unsure": "complementary",
    }
    assert suppress(counts, min_cell=8, show_zeros=True).hidden == frozenset()


def test_all_yes_answers_hide_the_whole_distribution() -> None:
    # "no = 0" would tell that all 25 said yes; hiding it alone is undone by subtraction.
    assert suppress({"yes": 25, "no": 0}, min_cell=20).hidden == {"yes", "no"}


@pytest.mark.parametrize(
    ("counts", "min_cell", "total"),
    [({"a": -1}, 5, None), ({"a": 3}, 0, None), ({"a": 3, "b": 4}, 5, 6)],
)
def test_invalid_arguments_raise(counts: dict[str, int], min_cell: int, total: int | None) -> None:
    with pytest.raises(ValueError):
        suppress(counts, min_cell, total)


def test_a_larger_total_is_accepted_and_protects_nothing() -> None:
    counts = {"a": 3, "b": 10, "c": 12}
    assert suppress(counts, total=40) == suppress(counts)


@pytest.mark.parametrize(
    ("kind", "expected"), [("group", 5), ("distribution", 8), ("sensitive", 20)]
)
def test_thresholds_from_the_privacy_rules(kind: Kind, expected: int) -> None:
    assert min_cell_for(kind) == expected


def test_unknown_threshold_kind_raises() -> None:
    with pytest.raises(ValueError):
        min_cell_for("tiny")  # type: ignore[arg-type]


def test_as_dict_is_json_friendly() -> None:
    result = suppress({"b": 3, "a": 10, "c": 12})
    assert json.loads(json.dumps(result.as_dict())) == {
        "hidden": ["a", "b"],
        "reasons": {"b": "primary", "a": "complementary"},
    }


COUNTS = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3), st.integers(0, 40), max_size=8
)


@QUICK
@given(counts=COUNTS, min_cell=st.integers(1, 25), show_zeros=st.booleans())
def test_no_hidden_cell_can_be_recovered_by_subtraction(
    counts: dict[str, int], min_cell: int, show_zeros: bool
) -> None:
    result = suppress(counts, min_cell, show_zeros=show_zeros)
    eligible = {g: c for g, c in counts.items() if c > 0 or not show_zeros}
    hidden_sum = sum(counts[g] for g in result.hidden)
    assert set(result.reasons) == result.hidden <= set(eligible)
    assert all(g in result.hidden for g, c in eligible.items() if c < min_cell)
    assert all(counts[g] >= min_cell for g, r in result.reasons.items() if r == "complementary")
    assert (
        not result.hidden
        or result.hidden == set(eligible)
        or (len(result.hidden) >= 2 and hidden_sum >= min_cell)
    )


@QUICK
@given(counts=COUNTS, min_cell=st.integers(1, 25))
def test_complementary_cells_are_the_smallest_visible_ones(
    counts: dict[str, int], min_cell: int
) -> None:
    result = suppress(counts, min_cell)
    complements = [counts[g] for g, r in result.reasons.items() if r == "complementary"]
    visible = [c for g, c in counts.items() if g not in result.hidden]
    assert not complements or not visible or max(complements) <= min(visible)


# --- combined priority list ---------------------------------------------------------


def _item(code: str, mwds: float, points: int | None = None, **extra: object) -> ItemEvidence:
    return ItemEvidence(code=code, mwds=mwds, fgd_points=points, **extra)  # type: ignore[arg-type]


def _codes(rows: list[PriorityRow]) -> list[str]:
    return [row.item.code for row in rows]


def test_default_ranks_by_unrounded_mwds() -> None:
    rows = combine_priorities([_item("T1", 2.3449), _item("T2", 2.345), _item("T3", 5.0)])
    assert _codes(rows) == ["T3", "T2", "T1"]
    assert [row.rank for row in rows] == [1, 2, 3]
    assert all(row.score is None for row in rows)


def test_equal_mwds_is_broken_by_fgd_points_then_importance_then_code() -> None:
    items = [
        _item("D", 3.0, None),
        _item("C", 3.0, 4, mean_importance=4.2),
        _item("B", 3.0, 4, mean_importance=4.5),
        _item("A", 3.0, 4, mean_importance=4.5),
        _item("E", 3.0, 9),
    ]
    assert _codes(combine_priorities(items)) == ["E", "A", "B", "C", "D"]


def test_weighted_method_combines_z_scores() -> None:
    items = [_item("A", 1.0, 10), _item("B", 2.0, 0), _item("C", 3.0, 5)]
    rows = combine_priorities(items, method="weighted")
    # z(MWDS) = (-1.2247, 0, 1.2247); z(points) = (1.2247, -1.2247, 0)
    z = 1.5**0.5
    expected = {"A": -0.7 * z + 0.3 * z, "B": -0.3 * z, "C": 0.7 * z}
    assert _codes(rows) == ["C", "B", "A"]
    assert {row.item.code: row.score for row in rows} == pytest.approx(expected)
    heavy_fgd = combine_priorities(items, method="weighted", weights={"survey": 0.2, "fgd": 0.8})
    assert _codes(heavy_fgd) == ["A", "C", "B"]


def test_weighted_method_treats_missing_fgd_evidence_as_neutral() -> None:
    rows = combine_priorities(
        [_item("A", 1.0, None), _item("B", 1.0, 3), _item("C", 1.0, 1)], "weighted"
    )
    assert {row.item.code: row.score for row in rows} == pytest.approx(
        {"A": 0.0, "B": 0.3, "C": -0.3}
    )


@pytest.mark.parametrize(
    ("method", "weights"),
    [
        ("mwds_then_fgd", {"survey": 1.0, "fgd": 0.0}),
        ("weighted", {"survey": 1.0}),
        ("weighted", {"survey": 1.0, "fgd": -0.1}),
        ("borda", None),
    ],
)
def test_invalid_method_or_weights_raise(method: str, weights: dict[str, float] | None) -> None:
    with pytest.raises(ValueError):
        combine_priorities([_item("A", 1.0)], method, weights)  # type: ignore[arg-type]


def test_missing_mwds_raises() -> None:
    with pytest.raises(ValueError, match="MWDS"):
        combine_priorities([_item("A", float("nan"))])


def test_disagreement_between_sources_is_flagged() -> None:
    items = [
        _item("S1", 9.0, 0),  # top of the survey, bottom of the FGD
        _item("S2", 8.0, 6),
        _item("S3", 7.0, 5),
        _item("S4", 6.0, 4),
        _item("S5", 5.0, 3),
        _item("S6", 4.0, 12),  # bottom of the survey, top of the FGD
        _item("S7", 3.0, None),  # no FGD evidence: never flagged
    ]
    flags = {row.item.code: row.disagreement for row in combine_priorities(items)}
    assert flags["S1"] == "high_in_survey_low_in_fgd"
    assert flags["S6"] == "high_in_fgd_low_in_survey"
    assert [flags[c] for c in ("S2", "S3", "S4", "S5", "S7")] == [None] * 5


def test_overlapping_intervals_mark_ranks_that_cannot_be_told_apart() -> None:
    items = [
        _item("A", 5.0, mwds_ci=(4.0, 6.0)),
        _item("B", 4.5, mwds_ci=(3.8, 5.2)),
        _item("C", 2.0, mwds_ci=(1.5, 2.5)),
        _item("D", 1.0),
        _item("E", 0.5, mwds_ci=(float("nan"), float("nan"))),  # too few respondents
    ]
    overlaps = [row.ci_overlaps_above for row in combine_priorities(items)]
    assert overlaps == [None, True, False, None, None]


@pytest.mark.parametrize("method", ["mwds_then_fgd", "weighted"])
def test_every_row_carries_provenance(method: str) -> None:
    rows = combine_priorities([_item("A", 2.0, 3), _item("B", 1.0, 5)], method)  # type: ignore[arg-type]
    for row in rows:
        assert set(row.provenance) == {"method", "weights", "tie_rule"}
        assert row.provenance["method"] == method
        assert "FGD points" in str(row.provenance["tie_rule"])
    expected = None if method == "mwds_then_fgd" else {"survey": 0.7, "fgd": 0.3}
    assert rows[0].provenance["weights"] == expected
    json.dumps([dataclasses.asdict(row) for row in rows])


def test_empty_input_gives_an_empty_list() -> None:
    assert combine_priorities([]) == []
    assert combine_priorities([], method="weighted") == []
