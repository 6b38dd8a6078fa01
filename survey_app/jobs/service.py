"""Export jobs: when to use one, creating or reusing it, what its page shows, its file.

Flushes, never commits (the request commits once); the thread that builds the file is
in :mod:`.runner`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from .. import audit
from ..auth.models import Role, User
from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import db
from ..reports.responses import response_count
from .models import ExportChunk, ExportJob, JobStatus

#: Bytes per stored chunk: small enough to hold one in memory, few enough rows per file.
CHUNK_BYTES = 1 << 20


def N_(message: str) -> str:
    """Marks ``message`` for extraction; it is stored in English, translated when shown."""
    return message


#: Who may read each kind of export. Focus-group records only drafters: an admin sees no
#: focus-group records without another role (docs/operations.md), not in a file either.
#: The policy draft is for admins too: its only focus-group text is the quotes a
#: drafter screened and selected for it (``policy/quotes.py``), written for circulation.
READERS: dict[str, tuple[Role, ...]] = {
    "responses": (Role.DRAFTER, Role.ADMIN),
    "priorities": (Role.DRAFTER, Role.ADMIN),
    "fgd": (Role.DRAFTER,),
    "policy": (Role.DRAFTER, Role.ADMIN),
    "evaluation": (Role.EVALUATOR, Role.DRAFTER, Role.ADMIN),
}

#: Shown for a queued or running job whose heartbeat stopped.
STALE = N_("The server restarted while the file was being prepared; request it again.")
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def wanted(campaign: Campaign) -> bool:
    """True when the campaign is large enough for a background build."""
    return response_count(campaign) > int(_config("EXPORT_BACKGROUND_ABOVE"))


def request_job(
    campaign: Campaign, kind: str, options: dict[str, Any], user: User
) -> tuple[ExportJob, bool]:
    """The user's running job for the same export, else a new, audited one (flushed).

    Returns the job and whether it is new (and so needs a thread).
    """
    if (running := _running(campaign, kind, options, user)) is not None:
        return running, False
    job = ExportJob(campaign_id=campaign.id, kind=kind, options=options, requested_by=user.id)
    db.session.add(job)
    db.session.flush()
    audit.record(
        "export_job.request", "campaign", campaign.slug, job=str(job.id), kind=kind, **options
    )
    return job, True


def _running(
    campaign: Campaign, kind: str, options: dict[str, Any], user: User
) -> ExportJob | None:
    query = sa.select(ExportJob).where(
        ExportJob.campaign_id == campaign.id,
        ExportJob.kind == kind,
        ExportJob.requested_by == user.id,
        ExportJob.status.in_(ACTIVE),
        ExportJob.heartbeat_at >= _stale_before(),
    )
    return next((j for j in db.session.scalars(query) if j.options == options), None)


def visible_job(job_id: uuid.UUID, user: User) -> ExportJob | None:
    """The job, if ``user`` requested it or is an admin, and may read its kind of file
    (:data:`READERS`, checked again here: roles change); anyone else sees nothing."""
    job = db.session.get(ExportJob, job_id)
    if job is None or not (job.requested_by == user.id or user.has_role(Role.ADMIN)):
        return None
    return job if may_read(user, job.kind) else None


def may_read(user: User, kind: str) -> bool:
    return user.has_role(*READERS[kind])


def my_jobs(user: User, limit: int = 20) -> list[ExportJob]:
    """The user's latest jobs of the kinds they may (still) read."""
    readable = [kind for kind in READERS if may_read(user, kind)]
    query = (
        sa.select(ExportJob)
        .where(ExportJob.requested_by == user.id, ExportJob.kind.in_(readable))
        .order_by(ExportJob.created_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class JobState:
    """What a job's page shows, with a stopped heartbeat read as a failure."""

    job: ExportJob
    status: str
    message: str | None

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        done, total = self.job.progress_done, self.job.progress_total
        return 100 if self.status == JobStatus.DONE else (100 * done // total if total else 0)

    @property
    def expired(self) -> bool:
        expires = self.job.expires_at
        return self.status == JobStatus.DONE and expires is not None and expires <= utcnow()

    @property
    def downloadable(self) -> bool:
        return self.status == JobStatus.DONE and not self.expired

    @property
    def step(self) -> str | None:
        """The step being done, translated (jobs that name their steps)."""
        return gettext(self.job.progress_step) if self.job.progress_step else None


def state(job: ExportJob) -> JobState:
    if job.status in ACTIVE and job.heartbeat_at < _stale_before():
        return JobState(job, JobStatus.FAILED, gettext(STALE))
    message = gettext(job.error) if job.error else None
    return JobState(job, job.status, message)


def record_download(job: ExportJob, campaign_slug: str) -> None:
    """Audited like a direct download (``export.<kind>``), with the job's id."""
    audit.record(f"export.{job.kind}", "campaign", campaign_slug, job=str(job.id), **job.options)


def chunks(job_id: uuid.UUID) -> Iterator[bytes]:
    """The stored file, one chunk (one query) at a time: memory stays at one chunk."""
    seq = 0
    while (data := _chunk(job_id, seq)) is not None:
        yield data
        seq += 1


def _chunk(job_id: uuid.UUID, seq: int) -> bytes | None:
    query = sa.select(ExportChunk.data).where(ExportChunk.job_id == job_id, ExportChunk.seq == seq)
    return db.session.scalar(query)


def expired_jobs() -> sa.Delete:
    """Finished jobs past ``expires_at``, and dead ones silent for as long (with their files)."""
    now = utcnow()
    silent = sa.and_(ExportJob.expires_at.is_(None), ExportJob.heartbeat_at < now - keep_for())
    return sa.delete(ExportJob).where(sa.or_(ExportJob.expires_at < now, silent))


def keep_for() -> dt.timedelta:
    return dt.timedelta(hours=int(_config("EXPORT_KEEP_HOURS")))


def _stale_before() -> dt.datetime:
    return utcnow() - dt.timedelta(seconds=int(_config("EXPORT_STALE_SECONDS")))


def _config(name: str) -> Any:
    return current_app.config[f"SURVEY_APP_{name}"]
