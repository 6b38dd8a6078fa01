"""Counting failed attempts in the database, so every app process sees the same count.

Used for invitation and resume codes (per client) and for staff logins (per account
and per client). Clients are identified by an HMAC of their address: no address is
stored.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, request
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
    def from_config(cls, prefix: str) -> Limit:
        config = current_app.config
        return cls(int(config[f"{prefix}_ATTEMPTS"]), int(config[f"{prefix}_WINDOW_SECONDS"]))


def _bucket(scope: str, per_client: bool) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    client = request.remote_addr or "-" if per_client else ""
    return hmac.new(secret, f"{scope}|{client}".encode(), hashlib.sha256).hexdigest()


def _window_start(limit: Limit) -> int:
    return int(time.time()) // limit.window_seconds * limit.window_seconds


def is_locked_out(scope: str, limit: Limit, per_client: bool = True) -> bool:
    """Whether the failures in the current window reached the limit."""
    row = db.session.get(FailedAttempt, _bucket(scope, per_client))
    return (
        row is not None
        and row.window_start == _window_start(limit)
        and row.failures >= limit.attempts
    )


def record_failure(scope: str, limit: Limit, per_client: bool = True) -> None:
    bucket, start = _bucket(scope, per_client), _window_start(limit)
    row = db.session.get(FailedAttempt, bucket)
    if row is None:
        db.session.add(FailedAttempt(bucket=bucket, window_start=start, failures=1))
    elif row.window_start != start:
        row.window_start, row.failures = start, 1
    else:
        row.failures += 1
    db.session.flush()


def clear(scope: str, per_client: bool = True) -> None:
    """Forget failures after a success (a correct login)."""
    db.session.execute(
        sa.delete(FailedAttempt).where(FailedAttempt.bucket == _bucket(scope, per_client))
    )
