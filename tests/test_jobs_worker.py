"""Background exports outside the web: ``flask jobs work`` builds what the web enqueued
(``SURVEY_APP_JOBS_IN_PROCESS=0``), two workers never take the same job, and in the web
process at most ``SURVEY_APP_JOBS_PER_PROCESS`` builds run at once, the rest queued."""

from __future__ import annotations

import threading
import time
import uuid

import sqlalchemy as sa

from survey_app.auth.models import User
from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.jobs import runner
from survey_app.jobs.models import ExportJob, JobStatus
from survey_app.jobs.worker import _claim_locked, _claim_oldest, next_job

from .jobs_helpers import EXPORTS, drafter, finished, job_of, large, started

__all__ = ["drafter", "large"]  # fixtures

XLSX = f"{EXPORTS}/responses?format=xlsx"


def test_a_job_enqueued_by_the_web_is_built_by_the_worker(large, drafter, app, runner):
    app.config["SURVEY_APP_JOBS_IN_PROCESS"] = 0
    page = started(drafter, XLSX)
    time.sleep(0.3)
    assert job_of(page).status == JobStatus.QUEUED  # nobody in the web builds it
    assert "data-refresh=" in drafter.get(page).get_data(as_text=True)
    result = runner.invoke(args=["jobs", "work", "--once"])
    assert result.exit_code == 0, result.output
    assert f"built job {job_of(page).id}: done" in result.output and "1 jobs built" in result.output
    assert "Download akpk-responses.xlsx" in finished(drafter, page, timeout=5)
    response = drafter.get(f"{page}/file")
    assert response.status_code == 200 and response.get_data()[:2] == b"PK"
    again = runner.invoke(args=["jobs", "work", "--once"])
    assert "0 jobs built" in again.output


def _queued(count: int) -> set[uuid.UUID]:
    campaign = db.session.scalar(sa.select(Campaign))
    user = db.session.scalar(sa.select(User))
    jobs = [
        ExportJob(
            campaign_id=campaign.id,
            kind="responses",
            options={"format": "xlsx"},
            requested_by=user.id,
        )
        for _ in range(count)
    ]
    db.session.add_all(jobs)
    db.session.commit()
    return {job.id for job in jobs}


def test_a_worker_never_takes_a_job_another_worker_holds(large, drafter, app):
    """Worker A has claimed the oldest job and not yet committed. On PostgreSQL B skips
    the locked row (SKIP LOCKED) and takes the next at once; on SQLite B waits for A's
    write lock, then takes the next. Never the same job."""
    ids, taken = _queued(2), []

    def other_worker() -> None:
        with app.app_context():
            taken.append(next_job())

    with app.app_context():
        first = _claim_locked() if db.engine.dialect.name == "postgresql" else _claim_oldest()
        other = threading.Thread(target=other_worker)
        other.start()
        postgresql = db.engine.dialect.name == "postgresql"
        other.join(30 if postgresql else 0.5)
        assert other.is_alive() is not postgresql  # PostgreSQL: B did not wait for A
        db.session.commit()
    other.join(30)
    assert first is not None and {first, *taken} == ids


def test_racing_workers_claim_each_job_exactly_once(large, drafter, app):
    ids = _queued(12)
    claimed: list[uuid.UUID] = []
    lock, start = threading.Lock(), threading.Barrier(3)

    def worker() -> None:
        with app.app_context():
            start.wait()
            while (job_id := next_job()) is not None:
                with lock:
                    claimed.append(job_id)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(claimed) == sorted(ids)  # every job once, none twice
    db.session.expire_all()
    statuses = db.session.scalars(sa.select(ExportJob.status)).all()
    assert set(statuses) == {JobStatus.RUNNING}


def test_in_the_web_process_excess_jobs_wait_queued(large, drafter, app):
    app.config["SURVEY_APP_JOBS_PER_PROCESS"] = 1
    slots = runner._slots(app)
    assert slots.acquire(timeout=1)  # the one slot is taken, as by a long build
    try:
        page = started(drafter, XLSX)
        time.sleep(0.5)
        assert job_of(page).status == JobStatus.QUEUED
    finally:
        slots.release()
    assert "Download akpk-responses.xlsx" in finished(drafter, page)


def test_the_default_builds_in_the_web_process(large, drafter, app):
    assert app.config["SURVEY_APP_JOBS_IN_PROCESS"] == 1
    page = started(drafter, XLSX)
    assert "Download akpk-responses.xlsx" in finished(drafter, page)
