"""``flask jobs work``: build background exports in a process of their own.

With ``SURVEY_APP_JOBS_IN_PROCESS=0`` the web processes only enqueue jobs, so no web
worker ever builds a 1,000,000-row XLSX beside the requests it serves. A worker takes
the oldest queued job and builds it (one at a time; run more workers for more at once).
Taking a job is a claim nobody else can make too: on PostgreSQL ``SELECT … FOR UPDATE
SKIP LOCKED`` (several workers, several hosts), on SQLite one ``UPDATE … RETURNING``
(SQLite has one writer at a time; run a single worker there).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup

from ..clock import utcnow
from ..extensions import db
from . import runner
from .models import ExportJob, JobStatus

QUEUED = ExportJob.status == JobStatus.QUEUED
logger = logging.getLogger(__name__)


def next_job() -> uuid.UUID | None:
    """Claim the oldest queued job (it becomes ``running``, committed); None if none."""
    claimed = _claim_locked() if _dialect() == "postgresql" else _claim_oldest()
    db.session.commit()
    return claimed


def _claim_locked() -> uuid.UUID | None:
    oldest = sa.select(ExportJob.id).where(QUEUED).order_by(ExportJob.created_at).limit(1)
    job_id = db.session.scalar(oldest.with_for_update(skip_locked=True))
    if job_id is not None:
        db.session.execute(_running(ExportJob.id == job_id))
    return job_id


def _claim_oldest() -> uuid.UUID | None:
    oldest = sa.select(ExportJob.id).where(QUEUED).order_by(ExportJob.created_at).limit(1)
    statement = _running(ExportJob.id == oldest.scalar_subquery()).returning(ExportJob.id)
    return db.session.execute(statement).scalar()


def _running(which: sa.ColumnElement[bool]) -> sa.Update:
    return (
        sa.update(ExportJob)
        .where(which, QUEUED)
        .values(status=JobStatus.RUNNING, heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def work(once: bool, poll: float) -> int:
    """Build queued jobs; with ``once``, until the queue is empty. Returns how many."""
    built = 0
    while True:
        job_id = _next_job_or_none(once)
        if job_id is None:
            if once:
                return built
            time.sleep(poll)
            continue
        runner.execute(job_id)
        built += 1
        click.echo(f"built job {job_id}: {_status(job_id)}")


def _next_job_or_none(once: bool) -> uuid.UUID | None:
    """:func:`next_job`; a database out of reach is an empty queue for a long-running
    worker (it logs and polls again), an error for ``--once``."""
    try:
        return next_job()
    except sa.exc.DBAPIError as exc:
        db.session.rollback()
        if once:
            raise
        logger.warning("export queue not reachable: %s", exc.orig)
        return None


def _status(job_id: uuid.UUID) -> str:
    db.session.expire_all()
    return str(db.session.get_one(ExportJob, job_id).status)


def _keep_queue_alive(app: Flask, stop: threading.Event) -> None:
    """While a long build runs, jobs waiting behind it keep a fresh heartbeat."""
    while not stop.wait(runner.WAIT_HEARTBEAT):
        with app.app_context():
            runner.heartbeat(QUEUED)


jobs_cli = AppGroup("jobs", help="Background exports.")


@jobs_cli.command("work")
@click.option("--once", is_flag=True, help="Stop when the queue is empty.")
@click.option("--poll", type=float, default=None, help="Seconds between looks at an empty queue.")
def work_command(once: bool, poll: float | None) -> None:
    """Build queued background exports (with SURVEY_APP_JOBS_IN_PROCESS=0 on the web)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()
    threading.Thread(target=_keep_queue_alive, args=(app, stop), daemon=True).start()
    try:
        built = work(once, poll or float(app.config["SURVEY_APP_JOBS_POLL_SECONDS"]))
    finally:
        stop.set()
    click.echo(f"{built} jobs built")
