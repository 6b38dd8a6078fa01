"""The audit log of staff actions: who did what to which object, and when.

Respondents are never in it: their actions are not staff actions, and logging them
would attach times to anonymous answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import has_request_context
from flask_login import current_user
from sqlalchemy.orm import Mapped, mapped_column

from .clock import utcnow
from .extensions import Base, db


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    #: The staff user, or None for the command line.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id"))
    #: The actor's e-mail at the time, or "cli".
    actor: Mapped[str] = mapped_column(sa.String(254))
    action: Mapped[str] = mapped_column(sa.String(64))
    target_type: Mapped[str] = mapped_column(sa.String(32))
    target_id: Mapped[str] = mapped_column(sa.String(64))
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)


def record(action: str, target_type: str, target_id: object, **details: Any) -> None:
    """Log a staff action in the current transaction (it commits with the change)."""
    staff = has_request_context() and current_user.is_authenticated
    db.session.add(
        AuditEvent(
            actor_id=current_user.id if staff else None,
            actor=current_user.email if staff else "cli",
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            details=details,
        )
    )


def recent(limit: int = 200) -> list[AuditEvent]:
    query = sa.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    return list(db.session.scalars(query))
