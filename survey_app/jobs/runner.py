"""The thread that builds a job's file, in the process that took the request.

A plain daemon thread, not a task queue: the app needs no broker and no worker service,
and the database holds everything another process needs (progress, heartbeat, file).
If the process dies, the heartbeat stops and the job's page says so (:func:`.service.state`).
At most ``SURVEY_APP_JOBS_PER_PROCESS`` builds run at once in a process; the others
wait queued, their heartbeat kept. With ``SURVEY_APP_JOBS_IN_PROCESS=0`` the web only
enqueues, and ``flask jobs work`` (:mod:`.worker`) builds. Whoever builds first claims
the job (``queued`` -> ``running`` in one statement), so no job is built twice.

Transactions: the thread has its own app context, hence its own session. Progress goes
out on a separate short transaction (:func:`_save_progress`), never by committing the
session that reads the rows: on PostgreSQL that commit would close the server-side
cursor. The chunks and the final status commit together, so a job is ``done`` only
with its whole file.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import uuid
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, current_app

from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import db
from ..policy.pdf import PdfUnavailable
from ..policy.render import ReferenceMissing
from ..reports.responses import ExportRefused
from .builders import BUILDERS, Progress
from .models import ExportChunk, ExportJob, JobStatus
from .service import CHUNK_BYTES, N_, keep_for

logger = logging.getLogger(__name__)

#: Failures a user can act on, in English (the page shows them translated).
KNOWN_FAILURES: dict[type[Exception], str] = {
    ExportRefused: N_("The campaign has too few responses to export."),
    PdfUnavailable: N_(
        "PDF is not available on this server; download the HTML and print it, or DOCX."
    ),
    ReferenceMissing: N_(
        "The policy-draft template configured on this server is missing; tell an administrator."
    ),
}
GENERIC_FAILURE = N_(
    "The file could not be prepared. The error has been logged; "
    "try again later or tell an administrator."
)


def launch(job: ExportJob) -> None:
    """Commit the request's transaction, then build ``job`` in a new daemon thread.

    The one deliberate commit in a request: the thread reads the job from its own
    session, so the row must be committed before the thread starts.
    """
    db.session.commit()
    if not current_app.config["SURVEY_APP_JOBS_IN_PROCESS"]:
        return  # a `flask jobs work` process builds it
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=run_when_free, args=(app, job.id), name=f"export-{job.id}", daemon=True
    )
    thread.start()


#: Seconds between heartbeats of a job waiting for a free slot.
WAIT_HEARTBEAT = 30.0
_slots_lock = threading.Lock()


def run_when_free(app: Flask, job_id: uuid.UUID) -> None:
    """:func:`run` once one of the process's build slots is free; queued meanwhile."""
    slots = _slots(app)
    while not slots.acquire(timeout=WAIT_HEARTBEAT):
        with app.app_context():
            heartbeat(sa.and_(ExportJob.id == job_id, ExportJob.status == JobStatus.QUEUED))
    try:
        run(app, job_id)
    finally:
        slots.release()


def _slots(app: Flask) -> threading.BoundedSemaphore:
    with _slots_lock:
        key = "survey_app.job_slots"
        if key not in app.extensions:
            cap = max(1, int(app.config["SURVEY_APP_JOBS_PER_PROCESS"]))
            app.extensions[key] = threading.BoundedSemaphore(cap)
        slots: threading.BoundedSemaphore = app.extensions[key]
        return slots


def heartbeat(which: sa.ColumnElement[bool]) -> None:
    """Mark queued jobs as still waiting (a live process holds them in line). A database
    that is briefly out of reach skips one beat instead of ending the waiting thread."""
    try:
        db.session.execute(sa.update(ExportJob).where(which).values(heartbeat_at=utcnow()))
        db.session.commit()
    except sa.exc.DBAPIError as exc:
        db.session.rollback()
        logger.warning("heartbeat of queued export jobs skipped: %s", exc.orig)


def run(app: Flask, job_id: uuid.UUID) -> None:
    """Build, store and mark the job; a failure is logged and stored as a message.

    Nothing happens if another thread or process claimed the job first."""
    with app.app_context():
        if claim(job_id):
            execute(job_id)


def execute(job_id: uuid.UUID) -> None:
    """Build a claimed job in the current app context; a failure is stored, not raised."""
    try:
        _build(job_id)
    except Exception as exc:
        _fail(job_id, _message(exc, job_id))


def claim(job_id: uuid.UUID) -> bool:
    """``queued`` -> ``running`` in one statement, committed: True for the one that won."""
    result = db.session.execute(
        sa.update(ExportJob)
        .where(ExportJob.id == job_id, ExportJob.status == JobStatus.QUEUED)
        .values(status=JobStatus.RUNNING, heartbeat_at=utcnow())
    )
    db.session.commit()
    return bool(getattr(result, "rowcount", 0))


def _message(exc: Exception, job_id: uuid.UUID) -> str:
    """The user's message; an unexpected error is logged with its traceback, not shown."""
    for kind, message in KNOWN_FAILURES.items():
        if isinstance(exc, kind):
            return message
    logger.exception("export job %s failed", job_id)
    return GENERIC_FAILURE


def _build(job_id: uuid.UUID) -> None:
    job = db.session.get_one(ExportJob, job_id)
    campaign = db.session.get_one(Campaign, job.campaign_id)
    builder, options = BUILDERS[job.kind], dict(job.options)
    with tempfile.TemporaryDirectory(prefix="survey-job-") as directory:
        path = Path(directory) / "file"
        filename, mimetype = builder(campaign, options, path, _reporter(job_id))
        size = _store(job_id, path)
    _finish(job_id, filename=filename, mimetype=mimetype, size=size)


def _store(job_id: uuid.UUID, path: Path) -> int:
    """Insert the file in chunks (Core inserts: no ORM object keeps the bytes alive)."""
    with path.open("rb") as handle:
        seq = 0
        while block := handle.read(CHUNK_BYTES):
            db.session.execute(
                sa.insert(ExportChunk), [{"job_id": job_id, "seq": seq, "data": block}]
            )
            seq += 1
    return os.path.getsize(path)


def _finish(job_id: uuid.UUID, **file: object) -> None:
    job = db.session.get_one(ExportJob, job_id)
    # SQL, not Python: the identity map does not see progress written on the side.
    job.progress_done = ExportJob.progress_total
    _close(job, JobStatus.DONE, **file)
    db.session.commit()


def _fail(job_id: uuid.UUID, message: str) -> None:
    db.session.rollback()
    job = db.session.get(ExportJob, job_id)
    if job is not None:  # deleted meanwhile: nothing left to mark
        _close(job, JobStatus.FAILED, error=message)
        db.session.commit()


def _close(job: ExportJob, status: JobStatus, **values: object) -> None:
    now = utcnow()
    job.status, job.finished_at, job.heartbeat_at = status, now, now
    job.expires_at = now + keep_for()
    for name, value in values.items():
        setattr(job, name, value)


def _reporter(job_id: uuid.UUID) -> Progress:
    def report(done: int, total: int, step: str | None = None) -> None:
        _save_progress(job_id, done, total, step)

    return report


def _save_progress(job_id: uuid.UUID, done: int, total: int, step: str | None = None) -> None:
    """Progress (with the step's name, if any) and heartbeat, committed at once without
    ending the reading transaction.

    PostgreSQL: on a second connection. SQLite: on the reading connection itself,
    committed through the driver; a second connection would wait for this one's read
    lock until the end of the export.
    """
    statement = (
        sa.update(ExportJob)
        .where(ExportJob.id == job_id)
        .values(progress_done=done, progress_total=total, progress_step=step, heartbeat_at=utcnow())
    )
    if db.session.get_bind().dialect.name != "sqlite":
        with db.engine.begin() as connection:
            connection.execute(statement)
        return
    connection = db.session.connection()
    connection.execute(statement)
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None  # a checked-out connection always has one
    dbapi.commit()
