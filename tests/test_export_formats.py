"""`export responses` as CSV, JSON Lines, XLSX and SAV, with a codebook and label headers.

The golden files hold a two-response campaign of tests/forms/mini.yaml with the random
``response_id`` and the ``submitted_on`` date replaced, rows sorted. Regenerate them
with ``UPDATE_GOLDEN=1 pytest tests/test_export_formats.py`` and review the diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tracemalloc
from pathlib import Path

import openpyxl
import pyreadstat
import pytest

from survey_app.questionnaire import parse_form
from survey_app.reports.codebook import build_codebook, spss_names
from survey_app.reports.responses import Table
from survey_app.reports.writers import write_csv, write_jsonl, write_xlsx

from .respondent import MINI_PAGES, THIRD_PAGES, Respondent

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).parent.parent
#: The second respondent: PPPK, many hours (so no reasons), a formula as suggestion.
SECOND = [
    {"status": "pppk", "jabatan": "manajerial"},
    {
        "integritas/importance": "4",
        "integritas/competence": "4",
        "spbe/importance": "3",
        "spbe/competence": "1",
        "puas": "5",
    },
    {"jp": "40", "prioritas/1": "izin", "saran": "=SUM(A1:A9)"},
]


@pytest.fixture
def three_responses(make_campaign, app):
    make_campaign(min_cell_size=3)
    for pages in (MINI_PAGES, SECOND, THIRD_PAGES):
        person = Respondent(app.test_client())
        person.start("c1")
        for page, answers in enumerate(pages):
            assert person.page("c1", page, answers).status_code == 302
        person.submit("c1")


@pytest.fixture
def export(runner, tmp_path: Path):
    def run(fmt: str, *options: str) -> Path:
        out = tmp_path / f"responses.{fmt}"
        args = ["export", "responses", "--campaign", "c1", "--format", fmt, "--out", str(out)]
        # the writers' layout, as answered (protection: tests/test_export_protected.py)
        args += ["--unprotected", "--reason", "golden files of the export formats"]
        result = runner.invoke(args=[*args, *options])
        assert result.exit_code == 0, result.output
        assert "wrote 3 responses" in result.output
        return out

    return run


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def normalised_csv(raw: str) -> str:
    header, *rows = csv.reader(io.StringIO(raw))
    rows = sorted(["<id>", "<date>", *row[2:]] for row in rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def test_csv_matches_the_golden_file(three_responses, export):
    raw = export("csv").read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    check_golden("mini_responses.csv", normalised_csv(raw.removeprefix("\ufeff")))


def test_json_lines_match_the_golden_file(three_responses, export):
    records = [json.loads(line) for line in export("json").read_text("utf-8").splitlines()]
    for record in records:
        dt.date.fromisoformat(record.pop("submitted_on"))
        assert len(record.pop("response_id")) == 36
    lines = sorted(json.dumps(record, ensure_ascii=False) for record in records)
    check_golden("mini_responses.jsonl", "\n".join(lines) + "\n")


def test_xlsx_has_responses_and_a_codebook(three_responses, export):
    book = openpyxl.load_workbook(export("xlsx"))
    assert book.sheetnames == ["responses", "codebook", "risk_report"]
    header, *rows = book["responses"].iter_rows(values_only=True)
    assert header[:5] == (
        "response_id",
        "submitted_on",
        "status",
        "jabatan",
        "integritas/importance",
    )
    person = {(row[2], row[3]): dict(zip(header, row, strict=True)) for row in rows}
    assert person["pppk", "manajerial"]["saran"] == "'=SUM(A1:A9)"
    assert person["pns", "pelaksana"]["integritas/importance"] == 5
    assert person["pns", "pelaksana"]["tanggal"] == dt.datetime(2026, 1, 15)
    assert isinstance(person["pns", "pelaksana"]["submitted_on"], dt.datetime)
    assert all(cell.data_type != "f" for row in book["responses"].iter_rows() for cell in row)
    fields, *entries = book["codebook"].iter_rows(values_only=True)
    codebook = {entry[0]: dict(zip(fields, entry, strict=True)) for entry in entries}
    assert codebook["status"]["value_labels_id"] == "pns: PNS; pppk: PPPK; cpns: CPNS"
    assert codebook["alasan/lain"]["spss_name"] == "alasan_lain_2"
    assert codebook["integritas/importance"]["label_en"] == "Integrity: Importance"
    assert codebook["integritas/importance"]["value_labels_en"].startswith("1: Very low; 2: Low")


def test_sav_has_valid_names_and_labels(three_responses, export):
    frame, meta = pyreadstat.read_sav(str(export("sav", "--lang", "en")))
    assert meta.column_names[:6] == [
        "response_id",
        "submitted_on",
        "status",
        "jabatan",
        "integritas_importance",
        "integritas_competence",
    ]
    assert {"alasan", "alasan_waktu", "alasan_lain", "alasan_lain_2"} <= set(meta.column_names)
    labels = meta.column_names_to_labels
    assert labels["alasan_lain_2"] == "Reasons: Other"
    assert labels["alasan_lain"] == "Other reason"
    assert meta.variable_value_labels["status"] == {"pns": "PNS", "pppk": "PPPK", "cpns": "CPNS"}
    assert meta.variable_value_labels["puas"][5] == "Very high"
    assert meta.variable_value_labels["alasan_waktu"] == {0: "Not selected", 1: "Selected"}
    assert "alasan" not in meta.variable_value_labels  # several codes in one cell
    assert meta.variable_measure["puas"] == "ordinal"
    assert sorted(frame["status"]) == ["pns", "pppk", "pppk"]
    assert sorted(frame["puas"]) == [3.0, 4.0, 5.0]
    assert set(frame["saran"]) == {"Lebih banyak e-learning", "=SUM(A1:A9)", ""}
    assert isinstance(frame["submitted_on"][0], dt.date)


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("en", ["Response id (random)", "Date submitted", "Employment status", "Position type"]),
        ("id", ["ID respons (acak)", "Tanggal pengiriman", "Status kepegawaian", "Jenis jabatan"]),
    ],
)
def test_label_headers_are_in_the_chosen_language(three_responses, export, lang, headers):
    raw = export("csv", "--headers", "labels", "--lang", lang).read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(raw)))
    assert header[:4] == headers
    assert header[4] == (
        "Integrity: Importance" if lang == "en" else "Integritas: Tingkat kepentingan"
    )
    xlsx = openpyxl.load_workbook(export("xlsx", "--headers", "labels", "--lang", lang))
    assert [cell.value for cell in next(xlsx["responses"].iter_rows())] == header


def test_label_headers_are_refused_where_they_do_not_apply(three_responses, runner, tmp_path):
    out = tmp_path / "r.sav"
    args = ["export", "responses", "--campaign", "c1", "--format", "sav", "--out", str(out)]
    result = runner.invoke(args=[*args, "--headers", "labels"])
    assert result.exit_code == 2 and "--headers labels is for csv and xlsx" in result.output
    assert not out.exists()


def test_a_failed_export_leaves_no_file(three_responses, runner, tmp_path, monkeypatch):
    def fail(table):
        yield "partial"
        raise OSError("disk full")

    monkeypatch.setattr("survey_app.reports.outputs.jsonl_text", fail)
    args = ["--campaign", "c1", "--format", "json", "--out", str(tmp_path / "r.jsonl")]
    result = runner.invoke(args=["export", "responses", *args])
    assert result.exit_code == 1 and "disk full" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_destination_is_a_clear_error(three_responses, runner, tmp_path):
    out = tmp_path / "no-such-folder" / "r.xlsx"
    args = ["--campaign", "c1", "--format", "xlsx", "--out", str(out)]
    result = runner.invoke(args=["export", "responses", *args])
    assert result.exit_code == 1
    assert f"Error: cannot write {out}: there is no folder {out.parent}" in result.output


@pytest.mark.parametrize("form", ["tests/forms/mini.yaml", "questionnaires/tna-asn.yaml"])
def test_the_codebook_lines_up_with_the_columns(form):
    parsed = parse_form((ROOT / form).read_text(encoding="utf-8"))
    columns = [c for q in parsed.questions.values() for c in q.export_columns(parsed.spec)]
    codebook = build_codebook(parsed)
    assert codebook.variables == ["response_id", "submitted_on", *columns]
    names = [entry.spss_name for entry in codebook.entries]
    assert len({name.lower() for name in names}) == len(names)


@pytest.mark.parametrize(
    ("columns", "names"),
    [
        (["alasan/lain", "alasan_lain"], ["alasan_lain_2", "alasan_lain"]),
        (["Status", "status"], ["Status", "status_2"]),
        (["golongan/I-II", "a/b.c"], ["golongan_I_II", "a_b_c"]),
        (["_x", "and", "9a"], ["v_x", "vand", "v9a"]),
        (["q" * 64, "q" * 63 + "/x", "q" * 70], ["q" * 64, "q" * 63 + "_", "q" * 62 + "_2"]),
    ],
)
def test_spss_names_are_valid_and_unique(columns, names):
    assert spss_names(columns) == names


def synthetic(rows: int) -> Table:
    columns = ["response_id", "submitted_on", "puas", "saran"]
    return Table(columns, ([f"{i:036d}", "2026-01-15", 4, "teks"] for i in range(rows)))


def peak_bytes(write, rows: int, tmp_path: Path) -> int:
    tracemalloc.start()
    try:
        write(synthetic(rows), tmp_path / "out")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _text(writer):
    def write(table: Table, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer(table, handle)

    return write


@pytest.mark.parametrize(
    "write",
    [
        _text(write_csv),
        _text(write_jsonl),
        lambda table, path: write_xlsx(table, _synthetic_codebook(), path),
    ],
    ids=["csv", "jsonl", "xlsx"],
)
def test_streaming_writers_keep_memory_flat(write, tmp_path: Path):
    """Ten times the rows, the same peak: keeping each row would cost 4500 x 40+ bytes."""
    small, large = (peak_bytes(write, rows, tmp_path) for rows in (500, 5_000))
    assert large - small < 150_000


def _synthetic_codebook():
    form = parse_form((ROOT / "tests/forms/mini.yaml").read_text(encoding="utf-8"))
    book = build_codebook(form)
    wanted = ("response_id", "submitted_on", "puas", "saran")
    return type(book)(tuple(e for e in book.entries if e.variable in wanted))


@pytest.fixture
def formula_labels(app):
    """The mini form with labels that a spreadsheet would run (one used twice, so the
    header gets the column name appended), and three responses."""
    from survey_app.campaigns.service import CampaignSettings, create_campaign
    from survey_app.extensions import db
    from survey_app.versions.service import load_text

    from .conftest import form_text
    from .respondent import complete_mini

    text = form_text("mini.yaml")
    text = text.replace("{id: Status kepegawaian, en: Employment status}", "'=1+1'")
    text = text.replace("{id: Jenis jabatan, en: Position type}", "'=1+1'")
    text = text.replace("{id: Kepuasan, en: Satisfaction}", "'@SUM(A1)'")
    load_text(text, "mini.yaml")
    create_campaign(CampaignSettings(form_id="mini", slug="c1", min_cell_size=3))
    db.session.commit()
    for _ in range(3):
        assert complete_mini(Respondent(app.test_client()), "c1").status_code == 302


SAFE_HEADERS = ["'=1+1 [status]", "'=1+1 [jabatan]", "'@SUM(A1)"]


def test_label_headers_cannot_run_as_formulas(formula_labels, runner, tmp_path):
    out = tmp_path / "r.csv"
    args = ["export", "responses", "--campaign", "c1", "--headers", "labels", "--out"]
    assert runner.invoke(args=[*args, str(out), "--format", "csv"]).exit_code == 0
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [h for h in header if h.startswith(("'=", "'@"))] == SAFE_HEADERS
    assert not any(h.startswith(("=", "+", "-", "@")) for h in header)
    assert runner.invoke(args=[*args, str(tmp_path / "r.xlsx"), "--format", "xlsx"]).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["responses"]
    cells = next(sheet.iter_rows())
    assert [c.value for c in cells if c.value.startswith(("'=", "'@"))] == SAFE_HEADERS
    assert all(cell.data_type == "s" for cell in cells)  # text, not formulas
