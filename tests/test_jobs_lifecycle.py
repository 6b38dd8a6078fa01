"""A background export's life: queued or running (the page refreshes, with progress),
failed (a message, never a traceback), abandoned (a stopped heartbeat), reused while it
runs, and deleted by housekeeping when it expires."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import sqlalchemy as sa

from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.jobs import builders
from survey_app.jobs import runner as job_runner
from survey_app.jobs.models import ExportChunk, ExportJob

from .jobs_helpers import EXPORTS, finished, job_of, large, started

__all__ = ["large"]  # fixture
XLSX = f"{EXPORTS}/responses?format=xlsx"


def owner(make_user, login, app):
    user = make_user("d@medan.go.id", "drafter")
    return user, login(app.test_client(), "d@medan.go.id").client


def stored_job(campaign, user, **values) -> ExportJob:
    options = {"format": "xlsx", "headers": "codes", "lang": "id"}
    job = ExportJob(
        campaign_id=campaign.id, kind="responses", options=options, requested_by=user.id, **values
    )
    db.session.add(job)
    db.session.commit()
    return job


def test_a_running_job_refreshes_and_shows_its_progress(large, make_user, login, app):
    user, client = owner(make_user, login, app)
    job = stored_job(large, user, status="running", progress_done=1500, progress_total=6000)
    html = client.get(f"/staff/jobs/{job.id}?lang=en").get_data(as_text=True)
    assert '<div id="job-detail" data-refresh="3">' in html
    assert '<progress id="job-progress" max="6000" value="1500"' in html
    assert "1,500 of 6,000 responses written" in html and "(25%)" in html
    assert "/file" not in html and client.get(f"/staff/jobs/{job.id}/file").status_code == 404


def test_progress_is_visible_to_other_connections_while_rows_are_read(
    large, make_user, login, app, monkeypatch
):
    monkeypatch.setattr("survey_app.reports.writers.PROGRESS_ROWS", 7)
    seen: list[tuple[int, int, int]] = []
    save = job_runner._save_progress

    def spy(job_id, done, total, step=None):
        save(job_id, done, total, step)
        with db.engine.connect() as other:  # another connection, as another process would
            query = sa.select(ExportJob.progress_done).where(ExportJob.id == job_id)
            seen.append((done, total, other.scalar(query)))

    monkeypatch.setattr(job_runner, "_save_progress", spy)
    _user, client = owner(make_user, login, app)
    page = started(client, XLSX)
    assert "Download akpk-responses.xlsx" in finished(client, page)
    assert [(d, t) for d, t, _ in seen] == [(0, 60), *((n, 60) for n in range(7, 60, 7)), (60, 60)]
    assert all(done == stored for done, _t, stored in seen)


def test_a_failing_build_shows_a_message_not_the_error(
    large, make_user, login, app, caplog, monkeypatch
):
    def broken(*_args):
        raise RuntimeError("SECRET-DETAIL-42")

    caplog.set_level(logging.ERROR, "survey_app.jobs.runner")
    monkeypatch.setitem(builders.BUILDERS, "responses", broken)
    _user, client = owner(make_user, login, app)
    page = started(client, XLSX)
    html = finished(client, page)
    assert "Failed" in html and "The file could not be prepared." in html
    assert "SECRET-DETAIL-42" not in html and "Traceback" not in html
    assert job_of(page).status == "failed" and client.get(f"{page}/file").status_code == 404
    assert "SECRET-DETAIL-42" in caplog.text  # the log keeps the cause


def test_a_stopped_heartbeat_reads_as_failed_and_a_new_request_starts_over(
    large, make_user, login, app
):
    user, client = owner(make_user, login, app)
    old = utcnow() - dt.timedelta(hours=1)
    job = stored_job(large, user, status="running", heartbeat_at=old, progress_total=60)
    html = client.get(f"/staff/jobs/{job.id}?lang=en").get_data(as_text=True)
    assert "data-refresh=" not in html and "Failed" in html and "server restarted" in html
    page = started(client, f"{XLSX}&headers=codes&language=id")
    assert page != f"/staff/jobs/{job.id}"
    assert "akpk-responses.xlsx" in finished(client, page)


def test_asking_again_while_it_runs_reuses_the_job(large, make_user, login, app, monkeypatch):
    gate, original = threading.Event(), builders.BUILDERS["responses"]

    def slow(*args):
        gate.wait(30)
        return original(*args)

    monkeypatch.setitem(builders.BUILDERS, "responses", slow)
    try:
        _user, client = owner(make_user, login, app)
        first = started(client, XLSX)
        assert started(client, XLSX) == first
        assert "data-refresh=" in client.get(first).get_data(as_text=True)
        assert started(client, f"{EXPORTS}/responses?format=sav") != first  # other options
    finally:
        gate.set()
    for page in {first, *[f"/staff/jobs/{j.id}" for j in db.session.scalars(sa.select(ExportJob))]}:
        finished(client, page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExportJob)) == 2


def test_housekeeping_deletes_expired_files_only(large, make_user, login, app, runner):
    user, client = owner(make_user, login, app)
    now = utcnow()
    expired = stored_job(large, user, status="done", expires_at=now - dt.timedelta(minutes=1))
    kept = stored_job(large, user, status="done", expires_at=now + dt.timedelta(hours=1))
    dead = stored_job(large, user, status="running", heartbeat_at=now - dt.timedelta(days=2))
    for job in (expired, kept):
        db.session.add(ExportChunk(job_id=job.id, seq=0, data=b"PK"))
        job.filename, job.mimetype, job.size = "f.xlsx", "application/x-test", 2
    db.session.commit()
    expired_page = client.get(f"/staff/jobs/{expired.id}?lang=en").get_data(as_text=True)
    assert (
        "has expired" in expired_page
        and client.get(f"/staff/jobs/{expired.id}/file").status_code == 404
    )
    kept_id, gone = kept.id, {expired.id, dead.id}

    result = runner.invoke(args=["housekeeping"])
    assert "deleted 2 expired export files" in result.output
    assert set(db.session.scalars(sa.select(ExportJob.id))) == {kept_id}
    assert db.session.scalars(sa.select(ExportChunk.job_id)).all() == [kept_id]
    assert all(client.get(f"/staff/jobs/{job_id}").status_code == 404 for job_id in gone)
