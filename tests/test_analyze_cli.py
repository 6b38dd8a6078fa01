"""`analyze priorities`: the same numbers from the database and from an exported CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture
def seeded(seed_survey):
    return seed_survey(400)


def priorities(runner, *args: str) -> object:
    result = runner.invoke(args=["analyze", "priorities", *args])
    assert result.exit_code == 0, result.output
    if "--group" not in args:
        assert '"tie_rule"' in result.stderr  # the method is printed beside the numbers
    return json.loads(result.stdout)


REQUIRED_KEYS = {
    "code",
    "label",
    "group",
    "n",
    "importance_mean",
    "competence_mean",
    "gap_mean",
    "mwds",
    "mwds_ci",
    "p_adjusted",
    "rank",
    "ipa_quadrant",
    "lff_quadrant",
    "share_in_need",
    "estimated_headcount",
}


def test_json_has_one_ranked_object_per_competency(seeded, runner):
    rows = priorities(runner, "--campaign", "akpk")
    assert len(rows) == 19 and set(rows[0]) >= REQUIRED_KEYS
    assert [row["rank"] for row in rows] == list(range(1, 20))
    assert [row["mwds"] for row in rows] == sorted((row["mwds"] for row in rows), reverse=True)
    for row in rows:
        low, high = row["mwds_ci"]
        assert low <= row["mwds"] <= high
        assert row["estimated_headcount"] == pytest.approx(row["share_in_need"] * 13000)


def test_the_exported_csv_gives_identical_priorities_offline(seeded, runner, tmp_path: Path):
    out = tmp_path / "akpk.csv"
    assert (
        runner.invoke(
            args=["export", "responses", "--campaign", "akpk", "--out", str(out)]
        ).exit_code
        == 0
    )
    online = priorities(runner, "--campaign", "akpk")
    offline = priorities(
        runner,
        "--form",
        str(ROOT / "questionnaires/tna-asn.yaml"),
        "--responses",
        str(out),
        "--population",
        "13000",
    )
    assert offline == online


def test_group_breakdowns_suppress_small_groups_and_their_complement(seeded, runner):
    result = priorities(runner, "--campaign", "akpk", "--group", "status")
    groups = {g["value"]: g for g in result["groups"]}
    shown = [g for g in groups.values() if not g["suppressed"]]
    hidden = [g for g in groups.values() if g["suppressed"]]
    assert all(g["n"] >= 5 and g["priorities"] for g in shown)
    assert all(g["n"] is None and g["priorities"] is None for g in hidden)
    assert len(hidden) != 1  # a single hidden group could be recovered from the total


def test_bad_csv_input_names_the_row_and_column(runner, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "status,jabatan,integritas/importance,integritas/competence,spbe/importance,"
        "spbe/competence,puas,jp,nilai\npns,pelaksana,9,2,,,4,10,7\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        args=["analyze", "priorities", "--form", "tests/forms/mini.yaml", "--responses", str(bad)]
    )
    assert result.exit_code != 0
    assert "bad.csv: row 2, column integritas/importance: 9 is not on the scale" in result.output


def test_csv_and_markdown_outputs(seeded, runner):
    csv_text = runner.invoke(
        args=["analyze", "priorities", "--campaign", "akpk", "--format", "csv"]
    ).stdout
    assert csv_text.splitlines()[0].startswith("rank,code,label,group,n,")
    markdown = runner.invoke(
        args=["analyze", "priorities", "--campaign", "akpk", "--format", "md"]
    ).stdout
    assert markdown.startswith("| rank | code |") and markdown.count("\n") == 21


def test_reliability_per_group_and_dimension(seeded, runner):
    result = runner.invoke(args=["analyze", "reliability", "--campaign", "akpk"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["group"], r["dimension"], r["deletion"]) for r in rows} >= {
        ("manajerial", "importance", "listwise"),
        ("teknis", "competence", "pairwise"),
    }
    for row in rows:
        if row["alpha"] is not None:
            low, high = row["ci"]
            assert low <= row["alpha"] <= high


def test_the_weighted_method_is_printed_with_the_results(seeded, runner):
    rows = priorities(runner, "--campaign", "akpk", "--method", "weighted")
    assert rows[0]["rank"] == 1 and len(rows) == 19


def test_population_below_the_answers_reports_no_headcount(make_campaign, runner):
    """A stale population (fewer ASN than answers) must not break the report."""
    make_campaign(form="tna-asn.yaml", slug="kecil", population=50)
    seeded = runner.invoke(args=["demo", "seed", "--campaign", "kecil", "--responses", "80"])
    assert seeded.exit_code == 0, seeded.output
    rows = priorities(runner, "--campaign", "kecil")
    assert len(rows) == 19
    assert all(row["estimated_headcount"] is None for row in rows)
    assert all(0 <= row["share_in_need"] <= 1 for row in rows)
