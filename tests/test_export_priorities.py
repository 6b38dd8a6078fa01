"""`export priorities`: the numbers of `analyze priorities`, the method beside them, and
suppression of small groups and of items too few people answered, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from survey_app.reports.priority_report import FLAT

from .respondent import MINI_PAGES, THIRD_PAGES, Respondent
from .test_export_formats import SECOND


@pytest.fixture
def seeded(seed_survey):
    return seed_survey(300, min_cell_size=40)


@pytest.fixture
def export(runner, tmp_path: Path):
    def run(fmt: str, *options: str, slug: str = "akpk") -> Path:
        out = tmp_path / f"priorities.{fmt}"
        args = ["export", "priorities", "--campaign", slug, "--format", fmt, "--out", str(out)]
        result = runner.invoke(args=[*args, *options])
        assert result.exit_code == 0, result.output
        return out

    return run


def analyze(runner, *options: str, fmt: str = "json") -> str:
    args = ["analyze", "priorities", "--campaign", "akpk", "--format", fmt, *options]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.stdout


def without_flag(rows: list[dict]) -> list[dict]:
    for row in rows:
        assert row.pop("suppressed") is False
    return rows


def test_json_has_the_numbers_of_analyze_and_the_method(seeded, runner, export):
    exported = json.loads(export("json").read_text(encoding="utf-8"))
    assert without_flag(exported["rows"]) == json.loads(analyze(runner))
    assert exported["campaign"] == "akpk" and exported["n"] == 300
    assert exported["questionnaire"] == {"form_id": "tna-asn", "version": 1}
    method = exported["provenance"]
    assert method["method"] == "mwds_then_fgd" and method["p_adjust"] == "holm"
    assert method["min_cell_size"] == 40 and "complementary" in method["suppression"]


def test_csv_has_the_rows_of_analyze_csv_and_opens_in_excel(seeded, runner, export):
    raw = export("csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    ours = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    theirs = list(csv.DictReader(io.StringIO(analyze(runner, fmt="csv"))))
    assert [{key: row[key] for key in FLAT} for row in ours] == theirs
    assert {row["suppressed"] for row in ours} == {"False"}


def test_xlsx_has_the_table_and_a_method_sheet(seeded, runner, export):
    book = openpyxl.load_workbook(export("xlsx", "--lang", "en"))
    assert book.sheetnames == ["priorities", "method"]
    header, *rows = book["priorities"].iter_rows(values_only=True)
    assert list(header[: len(FLAT)]) == list(FLAT)
    expected = json.loads(analyze(runner, "--lang", "en"))
    first = dict(zip(header, rows[0], strict=True))
    assert first["code"] == expected[0]["code"] and first["label"] == expected[0]["label"]
    assert first["mwds"] == pytest.approx(expected[0]["mwds"], rel=1e-12)
    method = dict(book["method"].iter_rows(min_row=2, values_only=True))
    assert method["method"] == "mwds_then_fgd" and method["min_cell_size"] == 40


def test_small_groups_stay_suppressed_in_every_format(seeded, runner, export):
    """The same groups as `analyze --group` are hidden, and no figure of theirs leaks."""
    theirs = json.loads(analyze(runner, "--group", "klaster_opd"))
    hidden = {g["value"] for g in theirs["groups"] if g["suppressed"]}
    assert hidden and len(hidden) < len(theirs["groups"])  # the fixture has both kinds
    ours = json.loads(export("json", "--group", "klaster_opd").read_text(encoding="utf-8"))
    assert [(g["value"], g["suppressed"], g["n"]) for g in ours["groups"]] == [
        (g["value"], g["suppressed"], g["n"]) for g in theirs["groups"]
    ]
    assert all(g["priorities"] is None for g in ours["groups"] if g["value"] in hidden)
    for fmt in ("csv", "xlsx"):
        rows = read_rows(export(fmt, "--group", "klaster_opd"))
        for row in (r for r in rows if r["group_value"] in hidden):
            assert row["suppressed"] in (True, "True") and row["reason"]
            assert all(row[key] in (None, "") for key in ("n", "mwds", "rank", "label"))


def read_rows(path: Path) -> list[dict]:
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header, *rows = openpyxl.load_workbook(path)["priorities"].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_an_item_too_few_people_answered_keeps_only_its_code(make_campaign, app, export):
    """Three respondents, minimum cell size 3: only one answered the optional item spbe."""
    make_campaign(min_cell_size=3)
    for pages in (MINI_PAGES, SECOND, THIRD_PAGES):
        person = Respondent(app.test_client())
        person.start("c1")
        for page, answers in enumerate(pages):
            person.page("c1", page, answers)
        person.submit("c1")
    rows = {row["code"]: row for row in read_rows(export("xlsx", slug="c1"))}
    assert rows["M.1"]["suppressed"] is False and rows["M.1"]["n"] == 3
    spbe = rows["T.1"]
    assert spbe["suppressed"] is True and spbe["label"] == "SPBE"
    assert [spbe[key] for key in FLAT if key not in ("code", "label", "group")] == [None] * 16


def test_refused_below_the_minimum_cell_size(make_campaign, runner, tmp_path: Path):
    make_campaign()
    out = tmp_path / "p.json"
    args = ["export", "priorities", "--campaign", "c1", "--format", "json", "--out", str(out)]
    result = runner.invoke(args=args)
    assert result.exit_code == 1 and "fewer than its minimum cell size (5)" in result.output
    assert not out.exists()


def test_an_unknown_group_is_a_usage_error(seeded, runner, tmp_path: Path):
    args = ["export", "priorities", "--campaign", "akpk", "--out", str(tmp_path / "p.csv")]
    result = runner.invoke(args=[*args, "--group", "nama"])
    assert result.exit_code == 2 and "status" in result.output
