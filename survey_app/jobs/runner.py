"""The thread that builds a job's file, in the process that took the request.

A plain daemon thread, not a task queue: the app needs no broker and no worker service,
and the database holds everything another process needs (progress, heartbeat, file).
If the process dies, the heartbeat stops and the job's page says so (:func:`.service.state`).

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
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    thread = threading.Thread(target=run, args=(app, job.id), name=f"export-{job.id}", daemon=True)
    thread.start()


def run(app: Flask, job_id: uuid.UUID) -> None:
    """Build, store and mark the job; a failure is logged and stored as a message."""
    with app.app_context():
        try:
            _build(job_id)
        except Exception as exc:
            _fail(job_id, _message(exc, job_id))


def _message(exc: Exception, job_id: uuid.UUID) -> str:
    """The user's message; an unexpected error is logged with its traceback, not shown."""
    for kind, message in KNOWN_FAILURES.items():
        if isinstance(exc, kind):
            return message
    logger.exception("export job %s failed", job_id)
    return GENERIC_FAILURE


def _build(job_id: uuid.UUID) -> None:
    job = db.session.get_one(ExportJob, job_id)
    job.status, job.heartbeat_at = JobStatus.RUNNING, utcnow()
    db.session.commit()
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
