"""Staff users and their roles. Respondents never have accounts."""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import Base


class Role(enum.StrEnum):
    #: Users, questionnaires, campaigns.
    ADMIN = "admin"
    #: Runs their own focus-group sessions.
    FACILITATOR = "facilitator"
    #: Policy analyst: reads finalized sessions and aggregated results, exports.
    DRAFTER = "drafter"
    #: Keeps the training activities and evaluates them.
    EVALUATOR = "evaluator"
    #: Runs the mentoring programme: rounds, enrolments, matching, session logs.
    COORDINATOR = "coordinator"


class User(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lower-cased login e-mail.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    #: Werkzeug scrypt hash; never the password.
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    #: Set for one-time passwords: the next login must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(default=True)
    #: Part of the id in the session cookie; bumped by a password change or reset,
    #: deactivation and logout, so every session made before is refused.
    session_version: Mapped[int] = mapped_column(default=0, server_default=sa.text("0"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    # What Flask-Login asks of a user object; inactive users are logged out.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """What the session keeps: the id and the session version (``"12:3"``)."""
        return f"{self.id}:{self.session_version}"

    @property
    def roles(self) -> set[Role]:
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


class UserRole(Base):
    __tablename__ = "staff_user_role"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        primary_key=True,
    )
