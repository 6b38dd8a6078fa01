"""Attempt counters in the database, so every app process sees the same count.

Used for wrong invitation and resume codes (per campaign and client address), staff
logins (per account and address, and per account) and new drafts (per address). A
bucket is an HMAC of its parts: no address or e-mail is stored.

Each count is one atomic statement (``INSERT … ON CONFLICT DO UPDATE … RETURNING``,
SQLite ≥ 3.35 and PostgreSQL): parallel requests can neither lose an increment nor
collide on the first row of a window. Windows are fixed (``window_start`` is the
current time rounded down to the window length).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, request
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import Base, db


class FailedAttempt(Base):
    __tablename__ = "failed_attempt"

    #: HMAC(secret, scope [+ client address]): no address is stored.
    bucket: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    window_start: Mapped[int]
    failures: Mapped[int] = mapped_column(default=0)


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_seconds: int

    @classmethod
    def from_config(cls, prefix: str, attempts: str = "ATTEMPTS") -> Limit:
        """``{prefix}_{attempts}`` per ``{prefix}_WINDOW_SECONDS``."""
        config = current_app.config
        return cls(int(config[f"{prefix}_{attempts}"]), int(config[f"{prefix}_WINDOW_SECONDS"]))

    @property
    def minutes(self) -> int:
        """The window in whole minutes, for messages (at least 1)."""
        return max(1, self.window_seconds // 60)

    def window_start(self) -> int:
        return int(time.time()) // self.window_seconds * self.window_seconds


def client_address() -> str:
    return request.remote_addr or "-"


def bucket(*parts: str) -> str:
    """The key of one counter: an HMAC of its parts (scope, account, address)."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, "|".join(parts).encode(), hashlib.sha256).hexdigest()


def count(key: str, limit: Limit) -> int:
    """Add one to the counter of this window and return the new count, atomically."""
    insert = _insert().values(bucket=key, window_start=limit.window_start(), failures=1)
    same_window = FailedAttempt.window_start == insert.excluded.window_start
    statement = insert.on_conflict_do_update(
        index_elements=[FailedAttempt.bucket],
        set_={
            "failures": sa.case((same_window, FailedAttempt.failures + 1), else_=1),
            "window_start": insert.excluded.window_start,
        },
    ).returning(FailedAttempt.failures)
    return int(db.session.execute(statement).scalar_one())


def _insert() -> sqlite.Insert | postgresql.Insert:
    if db.session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(FailedAttempt)
    return sqlite.insert(FailedAttempt)


def refund(key: str, limit: Limit) -> None:
    """Take back one count of this window (an attempt that turned out to be right)."""
    db.session.execute(
        sa.update(FailedAttempt)
        .where(
            FailedAttempt.bucket == key,
            FailedAttempt.window_start == limit.window_start(),
            FailedAttempt.failures > 0,
        )
        .values(failures=FailedAttempt.failures - 1)
        .execution_options(synchronize_session=False)
    )


def clear(key: str) -> None:
    """Forget a counter (a correct login from this address)."""
    db.session.execute(
        sa.delete(FailedAttempt)
        .where(FailedAttempt.bucket == key)
        .execution_options(synchronize_session=False)
    )
