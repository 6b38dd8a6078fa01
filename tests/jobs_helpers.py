"""Shared steps of the background-export tests: a large-enough campaign, polling a job."""

from __future__ import annotations

import time
import uuid

import pytest

from survey_app.extensions import db
from survey_app.jobs.models import ExportJob

EXPORTS = "/staff/analysis/akpk/exports"


@pytest.fixture
def large(seed_survey, app):
    """A campaign of 60 responses, above a threshold lowered to 10."""
    app.config["SURVEY_APP_EXPORT_BACKGROUND_ABOVE"] = 10
    return seed_survey(60, seed=3)


@pytest.fixture
def drafter(drafter):
    """Here the drafter is the bare test client."""
    return drafter.client


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
        if "data-refresh=" not in html:
            return html
        time.sleep(0.2)
    raise AssertionError(f"{page} still running after {timeout} s")


def job_of(page: str) -> ExportJob:
    db.session.expire_all()
    job = db.session.get(ExportJob, uuid.UUID(page.rsplit("/", 1)[1]))
    assert job is not None
    return job


def job_file(client, url: str):
    """Request ``url``, an export built in the background (the policy draft always is),
    wait for its job and return the response of its file."""
    page = started(client, url)
    finished(client, page)
    response = client.get(f"{page}/file")
    assert response.status_code == 200, response.status_code
    return response
