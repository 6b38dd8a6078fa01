"""Campaigns and their single-use invitations."""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import Base
from ..versions.models import QuestionnaireVersion


class Access(enum.StrEnum):
    OPEN = "open"
    TOKEN = "token"


class Status(enum.StrEnum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


class Campaign(Base):
    __tablename__ = "campaign"
    __table_args__ = (
        sa.CheckConstraint("min_cell_size >= 3", name="min_cell_size_at_least_3"),
        sa.CheckConstraint("population IS NULL OR population > 0", name="population_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    #: The questionnaire version every response of this campaign answers.
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_version.id"))
    access: Mapped[Access] = mapped_column(
        sa.Enum(Access, native_enum=False, length=8, values_callable=lambda e: [m.value for m in e])
    )
    opens_at: Mapped[dt.datetime | None]
    closes_at: Mapped[dt.datetime | None]
    #: Set by ``campaign close``; a closed campaign takes no more answers.
    closed_at: Mapped[dt.datetime | None]
    #: Headcount of the target group, for response rates and estimates.
    population: Mapped[int | None]
    #: Smallest group a report may show (small-cell suppression).
    min_cell_size: Mapped[int] = mapped_column(default=5)
    #: Competency codes a ``repeat_for: targeted_competencies`` question asks about;
    #: ``None`` asks every one of the form's catalogue (not an evaluation campaign).
    targeted_codes: Mapped[list[str] | None] = mapped_column(sa.JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    version: Mapped[QuestionnaireVersion] = relationship(lazy="joined", innerjoin=True)

    def status(self, now: dt.datetime | None = None) -> Status:
        now = now or utcnow()
        if self.closed_at is not None or (self.closes_at is not None and now >= self.closes_at):
            return Status.CLOSED
        if self.opens_at is not None and now < self.opens_at:
            return Status.NOT_OPEN
        return Status.OPEN


class Invitation(Base):
    """A single-use code. Only its hash is kept, and using it records no time and no response."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    used: Mapped[bool] = mapped_column(default=False)
