"""Large exports are built in the background: a status page, then a streamed file that is
the same as the direct download, for the requester (and admins) only."""

from __future__ import annotations

import io

import openpyxl
import pyreadstat
import sqlalchemy as sa
from docx import Document

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.jobs.models import ExportChunk

from .jobs_helpers import EXPORTS, drafter, finished, job_of, large, started

__all__ = ["drafter", "large"]  # fixtures


def download(client, page: str):
    response = client.get(f"{page}/file", buffered=False)
    assert response.status_code == 200
    return response


def sheet_values(body: bytes) -> list[list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook]


def test_a_large_xlsx_is_prepared_then_streamed_and_equals_the_direct_file(large, drafter, app):
    page = started(drafter, f"{EXPORTS}/responses?format=xlsx&headers=labels&language=en")
    html = finished(drafter, page)
    assert "Download akpk-responses.xlsx" in html and f'href="{page}/file"' in html
    response = download(drafter, page)
    assert response.is_streamed
    assert response.headers["Content-Disposition"] == "attachment; filename=akpk-responses.xlsx"
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-")
    assert response.headers["Cache-Control"] == "private, no-store"
    body = response.get_data()
    response.close()
    assert int(response.headers["Content-Length"]) == len(body)

    app.config["SURVEY_APP_EXPORT_BACKGROUND_ABOVE"] = 1000  # below it: built in the request
    direct = drafter.get(f"{EXPORTS}/responses?format=xlsx&headers=labels&language=en")
    assert direct.status_code == 200
    direct_body = direct.get_data()
    direct.close()
    assert sheet_values(body) == sheet_values(direct_body)
    assert len(sheet_values(body)[0]) == 61  # header and 60 responses


def test_the_stored_chunks_reassemble_the_downloaded_file(large, drafter, app, monkeypatch):
    monkeypatch.setattr("survey_app.jobs.runner.CHUNK_BYTES", 4096)
    page = started(drafter, f"{EXPORTS}/responses?format=xlsx")
    finished(drafter, page)
    body = download(drafter, page).get_data()
    job = job_of(page)
    chunks = db.session.scalars(
        sa.select(ExportChunk.data).where(ExportChunk.job_id == job.id).order_by(ExportChunk.seq)
    ).all()
    assert len(chunks) > 1 and b"".join(chunks) == body and job.size == len(body)


def test_a_large_sav_opens_with_its_labels(large, drafter, tmp_path):
    page = started(drafter, f"{EXPORTS}/responses?format=sav&language=en")
    assert "Download akpk-responses.sav" in finished(drafter, page)
    assert "Unduh akpk-responses.sav" in drafter.get(f"{page}?lang=id").get_data(as_text=True)
    path = tmp_path / "r.sav"
    path.write_bytes(download(drafter, page).get_data())
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 60 and meta.column_names_to_labels["submitted_on"]


def test_a_large_policy_draft_is_prepared_in_the_background(large, drafter):
    page = started(drafter, "/staff/policy/akpk/draft?format=docx&language=en")
    assert "Download draf-kebijakan-akpk-en.docx" in finished(drafter, page)
    response = download(drafter, page)
    assert response.headers["Content-Disposition"].startswith("attachment; filename=draf-")
    headings = [p.text for p in Document(io.BytesIO(response.get_data())).paragraphs]
    assert "1. Introduction" in headings


def test_the_request_and_the_download_are_audited(large, drafter):
    page = started(drafter, f"{EXPORTS}/priorities?format=xlsx&language=en")
    finished(drafter, page)
    download(drafter, page).close()
    events = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()[-2:]
    actions = [(e.actor, e.action, e.target_id) for e in events if e.action.startswith("export")]
    assert actions == [
        ("d@medan.go.id", "export_job.request", "akpk"),
        ("d@medan.go.id", "export.priorities", "akpk"),
    ]
    assert events[-1].details == {
        "job": str(job_of(page).id),
        "format": "xlsx",
        "group": None,
        "lang": "en",
    }


def test_only_the_requester_and_admins_see_a_job(large, drafter, make_user, login, app):
    page = started(drafter, f"{EXPORTS}/responses?format=xlsx")
    finished(drafter, page)
    make_user("d2@medan.go.id", "drafter")
    make_user("a@medan.go.id", "admin")
    other = login(app.test_client(), "d2@medan.go.id").client
    admin = login(app.test_client(), "a@medan.go.id").client
    assert other.get(page).status_code == 404
    assert other.get(f"{page}/file").status_code == 404
    assert "akpk-responses.xlsx" not in other.get("/staff/jobs/").get_data(as_text=True)
    assert admin.get(page).status_code == 200
    assert admin.get(f"{page}/file").status_code == 200


def test_my_exports_lists_the_job_with_its_state(large, drafter):
    page = started(drafter, f"{EXPORTS}/responses?format=sav&language=en")
    finished(drafter, page)
    listing = drafter.get("/staff/jobs/?lang=en").get_data(as_text=True)
    assert f'href="{page}"' in listing and "Responses · SAV · en" in listing and "Ready" in listing
    assert 'href="/staff/jobs/"' in drafter.get("/staff/").get_data(as_text=True)  # menu
