"""Export jobs: a file built in a background thread, stored in the database in chunks.

The database is the only shared state between app processes, so the finished file lives
there too: any process on any host can report a job's progress and send its file.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import Base

if TYPE_CHECKING:
    from ..campaigns.models import Campaign


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ExportJob(Base):
    __tablename__ = "export_job"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name="status_known"
        ),
    )

    #: Random, so that a job's address cannot be guessed from another's.
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    #: responses, priorities, fgd or policy.
    kind: Mapped[str] = mapped_column(sa.String(16))
    #: The download's options: format, headers, lang, group.
    options: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    requested_by: Mapped[int] = mapped_column(sa.ForeignKey("staff_user.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(8), default=JobStatus.QUEUED)
    #: Rows (responses) or steps (policy draft) done, of ``progress_total``.
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    #: What the job is doing now, in English (shown translated), for jobs that report
    #: named steps (the policy draft).
    progress_step: Mapped[str | None] = mapped_column(sa.String(120))
    #: Written with every progress report: an old heartbeat means the thread is gone.
    heartbeat_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: Why it failed, in English (shown translated); never a traceback.
    error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    #: After this, housekeeping deletes the job and its file.
    expires_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    filename: Mapped[str | None] = mapped_column(sa.String(255))
    mimetype: Mapped[str | None] = mapped_column(sa.String(128))
    size: Mapped[int | None] = mapped_column(sa.BigInteger)

    campaign: Mapped[Campaign] = relationship(lazy="joined")


class ExportChunk(Base):
    """One piece (at most :data:`~.service.CHUNK_BYTES`) of a finished file."""

    __tablename__ = "export_chunk"

    job_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("export_job.id", ondelete="CASCADE"), primary_key=True
    )
    #: 0, 1, 2 … in file order.
    seq: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
