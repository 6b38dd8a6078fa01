"""Protected response exports: golden files with the codebook notes, the risk report as a
recount of the file, rows that arrive during an export, and the command line's choices.

The campaign is tests/forms/protected.yaml (two report groups and one other
quasi-identifier, each with a hierarchy) with 40 generated responses on three fixed
days, k = 3. Regenerate the golden files with ``UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import openpyxl
import pyreadstat
import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.reports.outputs import responses_output

from .protection_helpers import add_responses, class_sizes, normalised, quasi_columns, read_export

GOLDEN = Path(__file__).parent / "golden"
K = 3
TEXTS = ["hambatan", "saran"]
RATINGS = [f"{q}/{d}" for q in ("integritas", "spbe") for d in ("importance", "competence")]


@pytest.fixture
def campaign(make_campaign):
    campaign = make_campaign(form="protected.yaml", slug="p", min_cell_size=K)
    add_responses(campaign, 40, seed=11)
    return campaign


@pytest.fixture
def export(runner, tmp_path: Path):
    def run(fmt: str, *options: str, name: str = "p") -> Path:
        out = tmp_path / f"{name}.{fmt}"
        args = ["export", "responses", "--campaign", "p", "--format", fmt, "--out", str(out)]
        result = runner.invoke(args=[*args, *options])
        assert result.exit_code == 0, result.output
        return out

    return run


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_protected_csv_matches_the_golden_file(campaign, export):
    out = export("csv")
    check_golden("protected_responses.csv", normalised(read_export(out)))
    check_golden("protected_responses.risk.json", Path(f"{out}.risk.json").read_text("utf-8"))


def test_protected_xlsx_has_the_codebook_notes_and_the_risk_sheet(campaign, export):
    book = openpyxl.load_workbook(export("xlsx", "--lang", "en"))
    assert book.sheetnames == ["responses", "codebook", "risk_report"]
    header, *rows = [
        [_text(c) for c in row] for row in book["responses"].iter_rows(values_only=True)
    ]
    parts = [",".join(header), *sorted(",".join(["<id>", *row[1:]]) for row in rows)]
    for name in ("codebook", "risk_report"):
        parts += [
            f"--- {name}",
            *(",".join(_text(c) for c in row) for row in book[name].iter_rows(values_only=True)),
        ]
    check_golden("protected_responses.xlsx.txt", "\n".join(parts) + "\n")


def test_protected_sav_states_the_protection_in_its_labels(campaign, export):
    frame, meta = pyreadstat.read_sav(str(export("sav", "--lang", "en")))
    parts = [f"{name}: {label}" for name, label in meta.column_names_to_labels.items()]
    parts += [f"values {name}: {labels}" for name, labels in meta.variable_value_labels.items()]
    parts += ["--- notes", *meta.notes, "--- data"]
    frame = frame.assign(response_id="<id>")
    parts += sorted(",".join(_text(v) for v in row) for row in frame.itertuples(index=False))
    check_golden("protected_responses.sav.txt", "\n".join(parts) + "\n")


def _text(value: object) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:g}"
    return "" if value is None else str(value)


def test_the_risk_report_is_a_recount_of_the_file(campaign, export):
    protected = read_export(out := export("csv")).sort_values("response_id", ignore_index=True)
    report = json.loads(Path(f"{out}.risk.json").read_text("utf-8"))
    answered = read_export(
        export("csv", "--unprotected", "--reason", "recount of the risk report", name="u")
    )
    answered = answered.sort_values("response_id", ignore_index=True)
    columns = quasi_columns(campaign)
    blanked = (protected[columns] == "*").any(axis=1)
    assert not ((class_sizes(protected, columns) < K) & ~blanked).any()
    assert report["class_sizes"]["before"]["below_k"] == int(
        (class_sizes(answered, columns) < K).sum()
    )
    assert report["class_sizes"]["released"]["below_k"] == 0
    for variable in report["quasi_identifiers"]:
        assert variable["cells_suppressed"] == int((protected[variable["name"]] == "*").sum())
    assert report["rows_with_suppressed_cells"] == int(blanked.sum())
    withheld = protected[TEXTS].apply(lambda column: column.str.startswith("[ditahan")).to_numpy()
    assert report["free_text"]["cells_withheld"] == int(withheld.sum())
    assert (protected[RATINGS] == answered[RATINGS]).all().all()  # competencies never change
    shown = protected[TEXTS].where(~withheld, "") == answered[TEXTS].where(~withheld, "")
    assert shown.all().all() and withheld.any()


def test_a_response_submitted_during_an_export_gets_everything_suppressed(campaign):
    output = responses_output(campaign, "csv", False, "en")
    add_responses(campaign, 1, seed=99, days=[dt.date(2026, 4, 20)])
    lines = "".join(output.text).splitlines()
    late = [line for line in lines if line.split(",")[1:5] == ["*"] * 4]
    assert len(lines) == 42 and len(late) == 1  # the header, 40 + 1 rows
    assert "[withheld: fewer than 3 respondents share this profile]" in late[0]
    assert output.sidecar is not None
    assert json.loads(output.sidecar())["rows_submitted_during_export"] == 1


def test_the_unprotected_file_needs_a_reason_and_is_audited(campaign, runner, tmp_path: Path):
    out = tmp_path / "u.csv"
    base = ["export", "responses", "--campaign", "p", "--out", str(out)]
    for extra in (
        ["--unprotected"],
        ["--unprotected", "--reason", "  short "],
        ["--reason", "for a check"],
    ):
        result = runner.invoke(args=[*base, *extra])
        assert result.exit_code == 2 and not out.exists(), result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 0
    reason = "matching the   training records"
    result = runner.invoke(args=[*base, "--unprotected", "--reason", reason])
    assert result.exit_code == 0 and "can identify people" in result.output
    event = db.session.scalars(sa.select(AuditEvent)).one()
    assert (event.actor, event.action, event.target_id) == (
        "cli",
        "export.responses_unprotected",
        "p",
    )
    assert event.details["reason"] == "matching the training records"
    frame = read_export(out)
    assert "*" not in frame[quasi_columns(campaign)].to_numpy()
    assert dt.date.fromisoformat(frame["submitted_on"][0]) in (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 4),
        dt.date(2026, 3, 10),
    )
    report = json.loads(Path(f"{out}.risk.json").read_text("utf-8"))
    assert report["protected"] is False and report["unprotected_reason"] == event.details["reason"]


def test_offline_groups_refuse_a_recoded_column(campaign, export, runner):
    out = export("csv")
    args = [
        "analyze",
        "priorities",
        "--form",
        "tests/forms/protected.yaml",
        "--responses",
        str(out),
    ]
    recoded = runner.invoke(args=[*args, "--group", "golongan"])
    assert (
        recoded.exit_code != 0 and "recoded or suppressed by the protected export" in recoded.output
    )
    assert runner.invoke(args=[*args, "--group", "status"]).exit_code == 0
