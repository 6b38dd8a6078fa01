"""A focus-group session record and its amendments.

A finalized session is locked: its ``record`` is never changed again. A correction is an
:class:`Amendment` holding the whole corrected record, who made it, when, and why.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import Base
from ..versions.models import QuestionnaireVersion


class SessionStatus(enum.StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class FgdSession(Base):
    __tablename__ = "fgd_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The consultation round this session belongs to.
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id"), index=True)
    #: The focus-group form version the record follows.
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_version.id"))
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_user.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[SessionStatus] = mapped_column(
        sa.Enum(
            SessionStatus,
            native_enum=False,
            length=8,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=SessionStatus.DRAFT,
    )
    #: Details, prompts (notes, quotes, tagged needs), ranking and action points.
    record: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finalized_at: Mapped[dt.datetime | None]

    campaign: Mapped[Campaign] = relationship()
    version: Mapped[QuestionnaireVersion] = relationship()
    facilitator: Mapped[User] = relationship()
    amendments: Mapped[list[Amendment]] = relationship(
        order_by="Amendment.id", cascade="all, delete-orphan", back_populates="session"
    )

    @property
    def current_record(self) -> dict[str, Any]:
        """The latest amendment's record, or the original."""
        return self.amendments[-1].record if self.amendments else self.record


class Amendment(Base):
    __tablename__ = "fgd_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("fgd_session.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_user.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(sa.String(500))
    #: The whole record after the correction.
    record: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    #: Which parts changed, e.g. ["details.tempat", "prompts.hambatan.quotes"].
    changed: Mapped[list[str]] = mapped_column(sa.JSON)

    session: Mapped[FgdSession] = relationship(back_populates="amendments")
    author: Mapped[User] = relationship()
