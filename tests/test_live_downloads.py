"""Every download route through a real server (gunicorn, two sync workers), on both
backends: log in as a drafter or an admin, download every format, parse the file with its
own library and count its rows against what was seeded.

A test client reads a streamed body while the test still holds the app; a server reads
it after the request's database session has closed. Here the CSV and JSON Lines of the
responses and the focus-group JSON answered 500 (DetachedInstanceError) while the
in-process tests passed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pyreadstat
import pytest
import requests
import sqlalchemy as sa
from docx import Document
from pypdf import PdfReader

from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.fgd.models import SessionStatus
from survey_app.fgd.service import create_session
from survey_app.reports.priority_export import priority_export
from survey_app.respond.models import Response
from survey_app.versions.service import load_text

from .conftest import BACKENDS, STAFF_PASSWORD, checked_backend, form_text
from .live_server import LiveClient, LiveServer

pytestmark = pytest.mark.slow

RESPONSES = 60
EXPORTS = "/staff/analysis/akpk/exports"
DRAFTER, ADMIN = "d@medan.go.id", "a@medan.go.id"
#: Finalized focus-group sessions seeded (and one draft, which no file may contain).
SESSIONS = 2
PROMPT = "kebutuhan_kompetensi"


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest, database_urls: dict[str, str | None]) -> str:
    """Module scope: pytest runs this module backend by backend, one server each."""
    return checked_backend(request.param, database_urls)


#: A finalized record as stored (written directly: the form's input rules are not
#: what these tests are about). P1 ranks two needs, P2 one.
RECORD: dict[str, Any] = {
    "details": {"tanggal": "2026-03-12", "bentuk_sesi": "luring", "jumlah_peserta": 2},
    "prompts": {
        PROMPT: {
            "notes": "Banyak yang butuh pelatihan SPBE.",
            "quotes": [{"speaker": "P2", "text": "Kami belajar sendiri dari YouTube."}],
            "needs": ["T.5", "M.6"],
            "new_needs": ["Bahasa Inggris"],
        }
    },
    "ranking": {
        "P1": [{"need": "M.6", "points": 2}, {"need": "+Bahasa Inggris", "points": 1}],
        "P2": [{"need": "T.5", "points": 2}],
    },
    "actions": ["Usulkan coaching SPBE ke BKPSDM"],
}
PICKS = 3


@pytest.fixture
def seeded(seed_survey, make_user, app) -> Any:
    """60 responses of tna-asn, two finalized focus groups and a draft, a drafter, an admin."""
    campaign = seed_survey(RESPONSES, seed=3)
    facilitator = make_user("f@medan.go.id", "facilitator")
    make_user(DRAFTER, "drafter")
    make_user(ADMIN, "admin")
    version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    for title in ("FGD Medan Kota", "FGD Medan Barat", "Draf"):
        final = title != "Draf"
        record = RECORD if final else {"prompts": {PROMPT: {"notes": "DRAFT-ONLY"}}}
        session = create_session(campaign, version, facilitator, title)
        session.record = copy.deepcopy(record)
        if final:
            session.status, session.finalized_at = SessionStatus.FINAL, utcnow()
    db.session.commit()
    return campaign


@pytest.fixture
def drafter(seeded, live_server: LiveServer) -> LiveClient:
    return live_server.client().login(DRAFTER, STAFF_PASSWORD)


def response_ids() -> set[str]:
    return {str(i) for i in db.session.scalars(sa.select(Response.id))}


def fetch(client: LiveClient, path: str) -> bytes:
    """A download's whole body; it must be a private attachment."""
    return download(client, path).content


def download(client: LiveClient, path: str) -> requests.Response:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Cache-Control"] == "private, no-store"
    return response


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def sheets(body: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}
    finally:
        workbook.close()


def sav_frame(body: bytes, tmp_path: Path) -> Any:
    path = tmp_path / "responses.sav"
    path.write_bytes(body)
    return pyreadstat.read_sav(str(path))


# --- responses: every format, header style and language ----------------------------------

FIRST_HEADER = {
    ("codes", "id"): "response_id",
    ("codes", "en"): "response_id",
    ("labels", "id"): "ID respons (acak)",
    ("labels", "en"): "Response id (random)",
}


def test_responses_csv_in_every_header_style_and_language(drafter):
    ids = response_ids()
    for (headers, language), first in FIRST_HEADER.items():
        path = f"{EXPORTS}/responses?format=csv&headers={headers}&language={language}"
        response = download(drafter, path)
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # once
        header, *rows = csv_rows(response.content)
        assert header[0] == first
        assert {row[0] for row in rows} == ids and len(rows) == RESPONSES
        assert all(len(row) == len(header) for row in rows)


def test_responses_json_lines_in_both_languages(drafter):
    ids = response_ids()
    for language in ("id", "en"):
        body = fetch(drafter, f"{EXPORTS}/responses?format=json&language={language}")
        records = [json.loads(line) for line in body.decode("utf-8").splitlines()]
        assert {record["response_id"] for record in records} == ids
        assert len(records) == RESPONSES


def test_responses_xlsx_in_every_header_style_and_language(drafter):
    ids = response_ids()
    for (headers, language), first in FIRST_HEADER.items():
        path = f"{EXPORTS}/responses?format=xlsx&headers={headers}&language={language}"
        workbook = sheets(fetch(drafter, path))
        header, *rows = workbook["responses"]
        assert header[0] == first and {row[0] for row in rows} == ids
        assert len(workbook["codebook"]) == len(header) + 1  # one entry per column


def test_responses_sav_with_labels_in_both_languages(drafter, tmp_path: Path):
    ids = response_ids()
    for language, label in (("id", "ID respons (acak)"), ("en", "Response id (random)")):
        frame, meta = sav_frame(
            fetch(drafter, f"{EXPORTS}/responses?format=sav&language={language}"), tmp_path
        )
        assert set(frame["response_id"]) == ids and len(frame) == RESPONSES
        assert meta.column_labels[0] == label


# --- the priority table, whole and per group ------------------------------------------


@pytest.mark.parametrize("group", [None, "status"])
def test_priorities_in_every_format(drafter, seeded, group):
    expected = priority_export(seeded, group, "en")
    query = f"language=en&group={group or ''}"
    count = len(list(expected.table().rows))
    header, *csv_body = csv_rows(fetch(drafter, f"{EXPORTS}/priorities?format=csv&{query}"))
    assert len(csv_body) == count and header == expected.table().columns
    data = json.loads(fetch(drafter, f"{EXPORTS}/priorities?format=json&{query}"))
    assert data["n"] == RESPONSES
    assert data == json.loads(expected.json_text())
    workbook = sheets(fetch(drafter, f"{EXPORTS}/priorities?format=xlsx&{query}"))
    assert len(workbook["priorities"]) == count + 1 and workbook["method"]


# --- focus-group records ---------------------------------------------------------------


def test_focus_group_records_in_both_formats(drafter):
    data = json.loads(fetch(drafter, f"{EXPORTS}/fgd?format=json&language=en"))
    assert [s["title"] for s in data["sessions"]] == ["FGD Medan Kota", "FGD Medan Barat"]
    picks = sum(len(s["ranking"]) for s in data["sessions"])
    assert picks == SESSIONS * PICKS
    workbook = sheets(fetch(drafter, f"{EXPORTS}/fgd?format=xlsx&language=en"))
    assert len(workbook["sessions"]) == SESSIONS + 1
    assert len(workbook["ranking"]) == picks + 1
    assert b"DRAFT-ONLY" not in json.dumps(workbook, default=str).encode()


# --- the policy draft -------------------------------------------------------------------


def test_the_policy_draft_in_every_format(drafter):
    """Each format has the seeded number of responses, and no focus-group text that no
    drafter selected for it (here none was: notes and quotes stay out)."""
    base = "/staff/policy/akpk/draft?language=en&format="
    document = Document(io.BytesIO(drafted(drafter, base + "docx").content))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    texts = {"docx": " ".join([p.text for p in document.paragraphs] + cells)}
    html = drafted(drafter, base + "html")
    assert html.headers["Content-Type"].startswith("text/html")
    texts["html"] = html.text
    pdf = PdfReader(io.BytesIO(drafted(drafter, base + "pdf").content))
    texts["pdf"] = " ".join(page.extract_text() for page in pdf.pages)
    for fmt, text in texts.items():
        assert re.search(rf"\b{RESPONSES}\b", text), fmt
        assert "YouTube" not in text and "SPBE." not in text, fmt
    assert document.tables and len(pdf.pages) > 1


def drafted(client: LiveClient, path: str) -> requests.Response:
    """The policy draft is always built in the background: its job's page, then its file."""
    page = started(client, path)
    finished(client, page)
    return download(client, f"{page}/file")


# --- an admin ---------------------------------------------------------------------------


def test_an_admin_downloads_results_but_no_focus_group_records(seeded, live_server):
    admin = live_server.client().login(ADMIN, STAFF_PASSWORD)
    _header, *rows = csv_rows(fetch(admin, f"{EXPORTS}/responses?format=csv"))
    assert len(rows) == RESPONSES
    assert json.loads(fetch(admin, f"{EXPORTS}/priorities?format=json"))["n"] == RESPONSES
    for fmt in ("json", "xlsx"):
        assert admin.get(f"{EXPORTS}/fgd?format={fmt}").status_code == 403
    assert f'action="{EXPORTS}/fgd"' not in admin.get(EXPORTS).text


# --- background jobs: a server that builds files above 10 responses in the background -----


def started(client: LiveClient, path: str) -> str:
    response = client.get(path, allow_redirects=False)
    assert response.status_code == 302, (path, response.status_code)
    return str(response.headers["Location"]).removeprefix(client.server.url)


def finished(client: LiveClient, page: str, timeout: float = 120) -> None:
    """Poll the job's page as a browser does until it stops refreshing."""
    deadline = time.monotonic() + timeout
    while "data-refresh=" in (html := client.get(page, params={"lang": "en"}).text):
        assert time.monotonic() < deadline, f"{page} still running"
        time.sleep(0.2)
    assert "Download" in html, html


@pytest.fixture
def background(seeded, backend, database_urls, live_servers, live_server) -> LiveServer:
    """A second server on the same database, with a threshold of 10 responses (taking
    ``live_server`` shows both servers' logs when the test fails)."""
    url = str(database_urls[backend])
    return live_servers.get(url, SURVEY_APP_EXPORT_BACKGROUND_ABOVE=10)


JOBS: list[tuple[str, Callable[[bytes, Path], int]]] = [
    ("responses?format=xlsx&headers=labels", lambda b, _t: len(sheets(b)["responses"]) - 1),
    ("responses?format=sav", lambda b, t: len(sav_frame(b, t)[0])),
    ("priorities?format=xlsx&group=status", lambda b, _t: len(sheets(b)["priorities"]) - 1),
    ("fgd?format=xlsx", lambda b, _t: len(sheets(b)["sessions"]) - 1),
]


def test_background_jobs_serve_their_files(background, seeded, tmp_path: Path):
    """Each kind of job's file is complete; an admin gets no focus-group job's file."""
    client = background.client().login(DRAFTER, STAFF_PASSWORD)
    priorities = len(list(priority_export(seeded, "status", "id").table().rows))
    for (path, count), want in zip(JOBS, [RESPONSES, RESPONSES, priorities, SESSIONS], strict=True):
        page = started(client, f"{EXPORTS}/{path}")
        finished(client, page)
        assert count(fetch(client, f"{page}/file"), tmp_path) == want, path
    admin = background.client().login(ADMIN, STAFF_PASSWORD)
    assert admin.get(f"{page}/file").status_code == 404  # the last one: focus-group records
