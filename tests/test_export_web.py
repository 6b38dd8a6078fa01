"""Downloads from the web: every format, streamed where it can be, private, audited, and a
clear page instead of a file when a campaign is too small to export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pyreadstat
import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db

from .test_export_formats import SAFE_HEADERS, formula_labels

__all__ = ["formula_labels"]  # fixture

BASE = "/staff/analysis/akpk/exports"
DOWNLOADS = [
    ("responses", "csv", "akpk-responses.csv", "text/csv; charset=utf-8", True),
    ("responses", "json", "akpk-responses.jsonl", "application/x-ndjson; charset=utf-8", True),
    ("responses", "xlsx", "akpk-responses.xlsx", "application/vnd.openxmlformats-", False),
    ("responses", "sav", "akpk-responses.sav", "application/x-spss-sav", False),
    ("priorities", "csv", "akpk-priorities.csv", "text/csv; charset=utf-8", True),
    ("priorities", "json", "akpk-priorities.json", "application/json", True),
    ("priorities", "xlsx", "akpk-priorities.xlsx", "application/vnd.openxmlformats-", False),
    ("fgd", "json", "akpk-fgd.json", "application/json", True),
    ("fgd", "xlsx", "akpk-fgd.xlsx", "application/vnd.openxmlformats-", False),
]


@pytest.fixture
def seeded(seed_survey):
    return seed_survey(60, seed=3)


@pytest.fixture
def drafter(drafter):
    """Here the drafter is the bare test client."""
    return drafter.client


def test_the_page_offers_every_format_without_javascript(seeded, drafter):
    page = drafter.get(BASE).get_data(as_text=True)
    assert "<script" not in page
    for kind, fmt, *_rest in DOWNLOADS:
        assert f'action="{BASE}/{kind}"' in page
        assert f'name="format" value="{fmt}"' in page
    assert 'name="headers" value="labels"' in page and 'name="group"' in page
    analysis = drafter.get("/staff/analysis/akpk").get_data(as_text=True)
    assert f'href="{BASE}"' in analysis  # linked from the priorities page


@pytest.mark.parametrize(
    ("kind", "fmt", "filename", "mimetype", "streamed"),
    DOWNLOADS,
    ids=[f"{kind}-{fmt}" for kind, fmt, *_ in DOWNLOADS],
)
def test_every_format_downloads_as_a_private_attachment(
    seeded, drafter, tmp_path: Path, kind, fmt, filename, mimetype, streamed
):
    response = drafter.get(f"{BASE}/{kind}?format={fmt}", buffered=False)
    assert response.status_code == 200
    assert response.is_streamed
    # Text is generated while it is sent (length unknown); XLSX and SAV are sent whole.
    assert ("Content-Length" not in response.headers) is streamed
    assert response.headers["Content-Disposition"] == f"attachment; filename={filename}"
    assert response.headers["Content-Type"].startswith(mimetype)
    assert response.headers["Cache-Control"] == "private, no-store"
    body = response.get_data()
    response.close()
    assert streamed or int(response.headers["Content-Length"]) == len(body)
    assert opens(fmt, body, tmp_path)


def opens(fmt: str, body: bytes, tmp_path: Path) -> int:
    """The number of data rows or records, read with the format's own library."""
    if fmt == "csv":
        return body.decode("utf-8-sig").count("\n") - 1
    if fmt == "json":
        text = body.decode("utf-8")
        return len(text.splitlines()) if text.startswith('{"') else len(json.loads(text))
    if fmt == "xlsx":
        return openpyxl.load_workbook(io.BytesIO(body)).worksheets[0].max_row
    path = tmp_path / "r.sav"
    path.write_bytes(body)
    frame, _meta = pyreadstat.read_sav(str(path))
    return len(frame)


def test_streamed_csv_holds_every_response_with_label_headers(seeded, drafter):
    response = drafter.get(
        f"{BASE}/responses?format=csv&headers=labels&language=en", buffered=False
    )
    assert response.is_streamed
    header, *rows = response.get_data().decode("utf-8-sig").splitlines()
    assert len(rows) == 60 and header.startswith("Response id (random),Date submitted")


def test_each_download_is_audited(seeded, drafter):
    drafter.get(f"{BASE}/priorities?format=json&group=status&language=en").close()
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action.like("export.%")))
    assert (event.actor, event.action, event.target_type, event.target_id) == (
        "d@medan.go.id",
        "export.priorities",
        "campaign",
        "akpk",
    )
    assert event.details == {"format": "json", "group": "status", "lang": "en"}


def test_the_priority_download_has_the_dashboard_numbers_and_suppression(seeded, drafter):
    data = drafter.get(f"{BASE}/priorities?format=json&group=klaster_opd").get_json()
    assert data["provenance"]["min_cell_size"] == 5
    for group in data["groups"]:
        assert (group["priorities"] is None) is group["suppressed"]


def test_a_small_campaign_gets_a_page_not_a_file(make_campaign, make_user, login, app):
    make_campaign(form="tna-asn.yaml", slug="akpk")
    make_user("a@medan.go.id", "admin")
    admin = login(app.test_client(), "a@medan.go.id").client
    for kind in ("responses", "priorities"):
        response = admin.get(f"{BASE}/{kind}?format=csv&lang=en")
        assert response.status_code == 409 and "Content-Disposition" not in response.headers
        assert "fewer than its minimum group size of 5" in response.get_data(as_text=True)
    exports = sa.select(AuditEvent).where(AuditEvent.action.like("export.%"))
    assert db.session.scalars(exports).all() == []  # nothing was handed out
    page = admin.get(BASE).get_data(as_text=True)
    assert f'action="{BASE}/responses"' not in page
    assert f'action="{BASE}/fgd"' not in page  # focus-group records are the drafters'


@pytest.mark.parametrize(
    "query",
    [
        "responses?format=pdf",
        "responses?format=sav&headers=labels",
        "responses?format=csv&language=fr",
        "priorities?format=csv&group=nama",
        "fgd?format=csv",
    ],
)
def test_options_outside_the_choices_are_a_bad_request(seeded, drafter, query):
    assert drafter.get(f"{BASE}/{query}").status_code == 400


def test_csv_has_one_charset_and_formula_safe_label_headers(formula_labels, make_user, login, app):
    make_user("d@medan.go.id", "drafter")
    drafter = login(app.test_client(), "d@medan.go.id").client
    response = drafter.get("/staff/analysis/c1/exports/responses?format=csv&headers=labels")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    header = next(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [h for h in header if h.startswith(("'=", "'@"))] == SAFE_HEADERS
    for kind in ("responses", "priorities"):
        csv_type = drafter.get(f"/staff/analysis/c1/exports/{kind}?format=csv").content_type
        assert csv_type == "text/csv; charset=utf-8"
