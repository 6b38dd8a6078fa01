"""`export fgd`: finalized sessions only, current records, amendments marked, no staff
identities, and free text that cannot run as a spreadsheet formula."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from survey_app.extensions import db
from survey_app.fgd.service import amend, create_session, finalize, save_draft
from survey_app.versions.service import load_text

from .conftest import form_text
from .test_export_formats import check_golden
from .test_fgd import DETAILS, PROMPT

FACILITATOR = "fasilitator.rahasia@medan.go.id"
FINAL = {
    f"{PROMPT}/notes": "Banyak yang butuh pelatihan SPBE.",
    f"{PROMPT}/quote/1/speaker": "P2",
    f"{PROMPT}/quote/1/text": "Kami belajar sendiri dari YouTube.",
    f"{PROMPT}/need": ["T.5", "M.6"],
    f"{PROMPT}/new_need/1": "Bahasa Inggris",
    "ranking/P1/1": "M.6",
    "ranking/P1/2": "+Bahasa Inggris",
    **{f"ranking/P1/{k}": need for k, need in [(3, "M.1"), (4, "M.2"), (5, "M.3")]},
    "ranking/P2/1": "T.5",
    **{f"ranking/P2/{k}": need for k, need in [(2, "M.1"), (3, "M.2"), (4, "M.3"), (5, "M.6")]},
    "actions/1": "Usulkan coaching SPBE ke BKPSDM",
}


def raw(data: dict[str, Any]) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in data.items()}


@pytest.fixture
def sessions(make_campaign, make_user, app):
    """One finalized and amended session, and a draft that must never be exported."""
    campaign = make_campaign(form="tna-asn.yaml", slug="akpk")
    version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    facilitator = make_user(FACILITATOR, "facilitator")
    final = create_session(campaign, version, facilitator, "FGD Medan Kota")
    assert not finalize(final, raw({**DETAILS, **FINAL})).errors
    corrected = {**DETAILS, **FINAL, "tempat": "Aula Wali Kota", f"{PROMPT}/notes": "Koreksi."}
    assert not amend(final, raw(corrected), "Salah ketik tempat", facilitator).errors
    draft = create_session(campaign, version, facilitator, "Draf rahasia")
    save_draft(draft, raw({**DETAILS, f"{PROMPT}/notes": "DRAFT-ONLY"}))
    db.session.commit()
    return final


@pytest.fixture
def export(runner, tmp_path: Path):
    def run(fmt: str, *options: str) -> Path:
        out = tmp_path / f"fgd.{fmt}"
        args = ["export", "fgd", "--campaign", "akpk", "--format", fmt, "--out", str(out)]
        result = runner.invoke(args=[*args, *options])
        assert result.exit_code == 0, result.output
        return out

    return run


def normalised_json(text: str) -> str:
    """Session ids and times vary between runs; everything else is fixed."""
    text = re.sub(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', '"<time>"', text)
    return re.sub(r'"session_id": \d+', '"session_id": "<id>"', text)


def test_json_matches_the_golden_file(sessions, export):
    text = export("json", "--lang", "en").read_text(encoding="utf-8")
    check_golden("fgd_sessions.json", normalised_json(text))


def test_only_finalized_sessions_in_their_current_version(sessions, export):
    data = json.loads(export("json").read_text(encoding="utf-8"))
    [session] = data["sessions"]
    assert session["title"] == "FGD Medan Kota" and session["details"]["tempat"] == "Aula Wali Kota"
    assert session["amended"] is True
    [amendment] = session["amendments"]
    assert amendment["reason"] == "Salah ketik tempat"
    assert amendment["changed"] == ["details.tempat", f"prompts.{PROMPT}.notes"]
    prompt = next(p for p in session["prompts"] if p["name"] == PROMPT)
    assert prompt["notes"] == "Koreksi." and prompt["amended"] is True


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_no_drafts_and_no_staff_identity(sessions, export, fmt):
    path = export(fmt)
    text = path.read_text(encoding="utf-8") if fmt == "json" else dump_workbook(path)
    assert "DRAFT-ONLY" not in text and "Draf rahasia" not in text
    assert FACILITATOR not in text and "@medan.go.id" not in text


def dump_workbook(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return json.dumps([list(s.iter_rows(values_only=True)) for s in book], default=str)


def sheet(path: Path, name: str) -> list[dict[str, Any]]:
    header, *rows = openpyxl.load_workbook(path)[name].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_xlsx_has_a_sheet_per_part_with_labels(sessions, export):
    path = export("xlsx", "--lang", "en")
    names = ["sessions", "prompts", "quotes", "needs", "ranking", "actions", "amendments"]
    assert openpyxl.load_workbook(path).sheetnames == names
    [session] = sheet(path, "sessions")
    assert session["amended"] is True and session["tempat"] == "Aula Wali Kota"
    assert session["amended_parts"] == f"details.tempat; prompts.{PROMPT}.notes"
    assert session["klaster_opd/kewilayahan"] == 1  # the details' export columns
    quotes = sheet(path, "quotes")
    assert [(q["speaker"], q["text"], q["amended"]) for q in quotes] == [
        ("P2", "Kami belajar sendiri dari YouTube.", False)
    ]
    needs = {(n["code"], n["new_need"]): n["label"] for n in sheet(path, "needs")}
    assert needs[("M.6", False)] == "Developing self and others"
    assert needs[(None, True)] == "Bahasa Inggris"
    ranking = [
        (r["participant"], r["place"], r["code"], r["label"], r["points"])
        for r in sheet(path, "ranking")
    ]
    labels = {"M.1": "Integrity", "M.2": "Teamwork", "M.3": "Communication"}
    assert ranking == [
        ("P1", 1, "M.6", "Developing self and others", 5),
        ("P1", 2, None, "Bahasa Inggris", 4),
        *[("P1", k, code, labels[code], 6 - k) for k, code in [(3, "M.1"), (4, "M.2"), (5, "M.3")]],
        ("P2", 1, "T.5", "IT and digital services (SPBE)", 5),
        *[("P2", k, code, labels[code], 6 - k) for k, code in [(2, "M.1"), (3, "M.2"), (4, "M.3")]],
        ("P2", 5, "M.6", "Developing self and others", 1),
    ]
    [change] = sheet(path, "amendments")
    assert change["reason"] == "Salah ketik tempat" and change["number"] == 1


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_free_text_cannot_run_as_a_formula(sessions, export, start):
    """Notes, quotes and actions are typed by facilitators: neutralised like the CSV."""
    evil = start + 'HYPERLINK("http://x","klik")'
    record = json.loads(json.dumps(sessions.current_record))
    record["prompts"][PROMPT]["notes"] = evil
    record["prompts"][PROMPT]["quotes"] = [{"speaker": "P1", "text": evil}]
    record["actions"] = [evil]
    sessions.amendments[-1].record = record
    db.session.commit()
    path = export("xlsx")
    book = openpyxl.load_workbook(path)
    assert all(cell.data_type != "f" for s in book for row in s.iter_rows() for cell in row)
    prompt = next(p for p in sheet(path, "prompts") if p["prompt"] == PROMPT)
    for cell in (
        prompt["notes"],
        sheet(path, "quotes")[0]["text"],
        sheet(path, "actions")[0]["text"],
    ):
        assert cell == "'" + evil
    data = json.loads(export("json").read_text(encoding="utf-8"))
    assert data["sessions"][0]["actions"] == [evil]  # JSON keeps the text as it was typed
