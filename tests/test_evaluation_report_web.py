"""The evaluation report on the web, /staff/monitoring/report: evaluators, drafters and
admins pick a series, a period, a format and a language; the report is built by a
background job and downloaded from the job's page (audited then)."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db

from .evaluation_report_helpers import PERIOD, SERIES, demo, docx_text
from .jobs_helpers import finished

__all__ = ["demo"]

PAGE = "/staff/monitoring/report"
CHOICE = {"series": SERIES, "period": PERIOD, "format": "docx", "language": "en"}


def test_an_evaluator_downloads_the_report_through_a_job(demo, make_user, login, app):
    make_user("e@medan.go.id", "evaluator")
    evaluator = login(app.test_client(), "e@medan.go.id")
    page = evaluator.get(PAGE).get_data(as_text=True)
    assert "Survei AKPK tahunan" in page and f'value="{PERIOD}"' in page
    response = evaluator.post(PAGE, CHOICE)
    assert response.status_code == 302 and response.location.startswith("/staff/jobs/")
    finished(evaluator.client, response.location)
    file = evaluator.client.get(f"{response.location}/file")
    assert file.status_code == 200
    assert "laporan-evaluasi-akpk-tahunan-2025-en.docx" in file.headers["Content-Disposition"]
    text = docx_text(file.get_data())
    assert "4. Flags and decisions" in text and "Seminar Manajemen Kinerja Pegawai" in text
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert [a for a in actions if a.startswith("export")] == [
        "export_job.request",
        "export.evaluation",
    ]


def test_a_choice_not_offered_is_refused_and_starts_nothing(demo, make_user, login, app):
    make_user("e@medan.go.id", "evaluator")
    evaluator = login(app.test_client(), "e@medan.go.id")
    evaluator.get(PAGE, query_string={"lang": "en"})
    for bad in ({"series": "no-such"}, {"period": "2019"}, {"format": "exe"}, {"language": "fr"}):
        response = evaluator.post(PAGE, {**CHOICE, **bad})
        assert response.status_code == 422, bad
        assert "Not a valid choice" in response.get_data(as_text=True)
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert "export_job.request" not in actions


def test_the_post_needs_its_csrf_token(demo, make_user, login, app):
    make_user("e@medan.go.id", "evaluator")
    evaluator = login(app.test_client(), "e@medan.go.id")
    evaluator.get(PAGE)
    assert evaluator.post(PAGE, CHOICE, csrf=False).status_code == 400


def test_other_roles_are_refused(demo, make_user, login, app):
    """Drafters and admins: the authorization matrix; here the roles it does not have."""
    for role in ("facilitator", "coordinator"):
        make_user(f"{role}@medan.go.id", role)
        user = login(app.test_client(), f"{role}@medan.go.id")
        assert user.get(PAGE).status_code == 403, role
        assert user.post(PAGE, CHOICE).status_code == 403, role
    assert app.test_client().get(PAGE).status_code == 302  # to the login page
