"""The coverage arithmetic on a hand-made priority table: no database, no Flask."""

from __future__ import annotations

import pytest

from survey_app.results.tables import ItemResult, PriorityTable
from survey_app.training.coverage import ActivityFacts, coverage, share


def item(code: str, rank: int, n: int = 50, headcount: float | None = 100.0) -> ItemResult:
    figures = dict.fromkeys(
        [
            "importance_mean",
            "importance_sd",
            "competence_mean",
            "competence_sd",
            "gap_mean",
            "gap_sd",
            "gap_median",
            "mwds",
            "wilcoxon_p",
            "p_adjusted",
            "rank_biserial",
            "t_p",
            "cohen_dz",
            "ipa_quadrant",
            "lff_quadrant",
            "share_in_need",
            "fgd_sessions",
            "fgd_points",
        ]
    )
    return ItemResult(
        code=code,
        name=code.lower(),
        label=f"Competency {code}",
        group=None,
        n=n,
        mwds_ci=(None, None),
        ci_method="bootstrap",
        rank=rank,
        share_in_need_ci=(None, None),
        estimated_headcount=headcount,
        estimated_headcount_ci=None,
        disagreement=False,
        ci_overlaps_above=False,
        **figures,
    )


def table(*rows: ItemResult) -> PriorityTable:
    return PriorityTable(rows=list(rows), provenance={}, n=50)


def activity(id_: int, codes: str, jp: int, participants: int) -> ActivityFacts:
    return ActivityFacts(id_, f"Activity {id_}", tuple(codes.split()), jp, participants)


def test_jp_and_participants_add_up_over_the_activities_that_target_a_need():
    ranked = table(item("M.1", 1, headcount=200.0), item("T.1", 2))
    acts = [activity(1, "M.1", 24, 30), activity(2, "M.1 T.1", 8, 10), activity(3, "X.9", 5, 5)]
    rows = {row.code: row for row in coverage(ranked.split(5), acts).rows}
    assert [a.id for a in rows["M.1"].activities] == [1, 2]
    assert (rows["M.1"].jp, rows["M.1"].participants) == (32, 40)
    assert rows["M.1"].share_trained == pytest.approx(40 / 200)
    assert (rows["T.1"].jp, rows["T.1"].participants) == (8, 10)
    assert rows["T.1"].share_trained == pytest.approx(0.1)


def test_a_top_need_that_nobody_targets_is_flagged_and_one_below_the_top_is_not():
    ranked = table(*(item(f"C.{i}", i) for i in range(1, 13)))
    acts = [activity(1, "C.1", 10, 10)]
    found = coverage(ranked.split(5), acts)
    assert [row.code for row in found.untargeted] == [f"C.{i}" for i in range(2, 11)]
    beyond = {row.code: row for row in found.rows}["C.12"]
    assert not beyond.activities and not beyond.untargeted_top
    assert beyond.jp == 0


def test_a_suppressed_item_shows_no_figure_and_is_never_a_top_need():
    ranked = table(item("M.1", 1), item("T.1", 2, n=3, headcount=77.0))
    acts = [activity(1, "T.1", 16, 12)]
    found = coverage(ranked.split(5), acts)
    assert [row.code for row in found.rows] == ["M.1", "T.1"]
    small = found.rows[1]
    assert small.suppressed
    figures = (small.rank, small.jp, small.participants, small.estimated_headcount)
    assert figures == (None, None, None, None) and small.share_trained is None
    assert not small.untargeted_top
    assert [row.code for row in found.untargeted] == ["M.1"]


@pytest.mark.parametrize(
    ("participants", "headcount", "expected"),
    [(10, 40.0, 0.25), (0, 40.0, 0.0), (80, 40.0, 2.0), (5, None, None), (5, 0.0, None)],
)
def test_share_trained_per_person_in_need(participants, headcount, expected):
    assert share(participants, headcount) == expected
