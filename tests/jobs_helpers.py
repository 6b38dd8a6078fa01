"""Shared steps of the background-export tests: a large-enough campaign, polling a job."""

from __future__ import annotations

import time
import uuid

import pytest

from survey_app.extensions import db
from survey_app.jobs.models import ExportJob

EXPORTS = "/staff/analysis/akpk/exports"


@pytest.fixture
def large(make_campaign, runner, app):
    """A campaign of 60 responses, above a threshold lowered to 10."""
    app.config["SURVEY_APP_EXPORT_BACKGROUND_ABOVE"] = 10
    campaign = make_campaign(form="tna-asn.yaml", slug="akpk", population=13000)
    result = runner.invoke(
        args=["demo", "seed", "--campaign", "akpk", "--responses", "60", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    return campaign


@pytest.fixture
def drafter(make_user, login, app):
    make_user("d@medan.go.id", "drafter")
    return login(app.test_client(), "d@medan.go.id").client


def started(client, url: str) -> str:
    """Request ``url``; it must redirect to a job's page, whose path is returned."""
    response = client.get(url)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.location.startswith("/staff/jobs/")
    return response.location


def finished(client, page: str, timeout: float = 60) -> str:
    """Poll the job's page like a browser until it stops refreshing; returns its HTML
    (in English)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = client.get(page, query_string={"lang": "en"}).get_data(as_text=True)
        if 'http-equiv="refresh"' not in html:
            return html
        time.sleep(0.2)
    raise AssertionError(f"{page} still running after {timeout} s")


def job_of(page: str) -> ExportJob:
    db.session.expire_all()
    job = db.session.get(ExportJob, uuid.UUID(page.rsplit("/", 1)[1]))
    assert job is not None
    return job
