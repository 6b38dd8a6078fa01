"""The downloads page's risk report, and the unprotected file: admins only, a reason
typed in, a warning on the page, an audit entry; nothing sent without a reason."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db

from .protection_helpers import add_responses

BASE = "/staff/analysis/p/exports"
UNPROTECTED = f"{BASE}/responses/unprotected"


@pytest.fixture
def campaign(make_campaign):
    campaign = make_campaign(form="protected.yaml", slug="p", min_cell_size=3)
    add_responses(campaign, 40, seed=11)
    return campaign


@pytest.fixture
def admin(make_user, login, app):
    make_user("a@medan.go.id", "admin")
    return login(app.test_client(), "a@medan.go.id")


def _audit() -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action.like("export%"))))


def test_the_downloads_page_states_the_protection(campaign, drafter, admin):
    page = drafter.get(f"{BASE}?lang=en").get_data(as_text=True)
    assert 'id="h-protection"' in page
    assert "37 of 40 as answered, 2 after grouping, 0 in the file" in page
    assert "Work unit: grouped at level 1 of 1 (2 groups); 2 cells replaced by *" in page
    assert "Free text withheld for 2 respondents." in page
    assert UNPROTECTED not in page  # drafters get no link
    assert UNPROTECTED in admin.get(BASE).get_data(as_text=True)
    indonesian = drafter.get(f"{BASE}?lang=id").get_data(as_text=True)
    assert "Unit kerja: dikelompokkan ke tingkat 1 dari 1 (2 kelompok)" in indonesian


def test_the_unprotected_page_warns_and_needs_a_reason(campaign, admin):
    page = admin.get(f"{UNPROTECTED}?lang=en").get_data(as_text=True)
    assert 'role="alert"' in page and "This file can identify people." in page
    for reason, message in [
        ("", "This field is required."),
        ("too short", "Give a reason of 10 to 500 characters"),
        (" " * 40, "This field is required."),
        ("short  " + " " * 30 + "one", "Give a reason of 10 to 500 characters"),
        ("x" * 501, "Give a reason of 10 to 500 characters"),
    ]:
        response = admin.post(f"{UNPROTECTED}?lang=en", {"format": "csv", "reason": reason})
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
        assert "attachment" not in response.headers.get("Content-Disposition", "")
    assert _audit() == []


def test_the_unprotected_file_is_sent_and_audited(campaign, admin):
    reason = "Matching with the training records, agreed with the DPO"
    response = admin.post(
        UNPROTECTED, {"format": "csv", "headers": "codes", "language": "en", "reason": reason}
    )
    assert response.status_code == 200
    assert "filename=p-responses-unprotected.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert len(rows) == 40 and not any("*" in (row["unit"], row["golongan"]) for row in rows)
    assert {row["submitted_on"] for row in rows} == {"2026-03-02", "2026-03-04", "2026-03-10"}
    (event,) = _audit()
    assert (event.actor, event.action, event.target_id) == (
        "a@medan.go.id",
        "export.responses_unprotected",
        "p",
    )
    assert event.details == {"reason": reason, "format": "csv", "headers": "codes", "lang": "en"}


def test_labels_headers_are_refused_for_spss(campaign, admin):
    data = {
        "format": "sav",
        "headers": "labels",
        "language": "en",
        "reason": "a long enough reason",
    }
    assert admin.post(UNPROTECTED, data).status_code == 422
    assert _audit() == []


def test_drafters_get_neither_the_page_nor_the_file(campaign, drafter):
    assert drafter.get(UNPROTECTED).status_code == 403
    data = {"format": "csv", "reason": "a long enough reason"}
    assert drafter.post(UNPROTECTED, data).status_code == 403
    assert _audit() == []


def test_the_protected_download_is_the_default(campaign, drafter):
    body = drafter.get(f"{BASE}/responses?format=csv").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 40 and {row["submitted_on"] for row in rows} == {"2026-03"}
    assert sum(row["unit"] == "*" for row in rows) == 2


def test_the_dashboard_never_crosses_two_report_groups(campaign, drafter):
    """The comparison chart splits all respondents, whatever subgroup the table shows: no
    status x golongan cell is published (a crossed view would need the crossed rule,
    ``reports.priorities.hidden_groups(..., within=...)``)."""
    chart = "/staff/analysis/p/charts/groups.svg?by=golongan"
    alone = drafter.get(chart).get_data()
    assert alone.startswith(b"<?xml") or b"<svg" in alone
    assert drafter.get(f"{chart}&subgroup=status=pppk").get_data() == alone


def test_a_large_unprotected_file_is_built_in_the_background(campaign, admin, app, tmp_path):
    from .jobs_helpers import finished

    app.config["SURVEY_APP_EXPORT_BACKGROUND_ABOVE"] = 10
    data = {"format": "xlsx", "headers": "codes", "language": "id", "reason": "checking the codes"}
    response = admin.post(UNPROTECTED, data)
    assert response.status_code == 302 and response.location.startswith("/staff/jobs/")
    finished(admin.client, response.location)
    file = admin.client.get(f"{response.location}/file")
    assert "p-responses-unprotected.xlsx" in file.headers["Content-Disposition"]
    (tmp_path / "u.xlsx").write_bytes(file.get_data())
    book = openpyxl.load_workbook(tmp_path / "u.xlsx")
    units = {row[4] for row in book["responses"].iter_rows(min_row=2, values_only=True)}
    assert units == {"dinas", "badan", "kecamatan", "puskesmas"}  # as answered
    actions = [event.action for event in _audit()]
    assert "export.responses_unprotected" in actions and "export_job.request" in actions
