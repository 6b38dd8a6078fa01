"""Counting failed attempts in the database, so every app process sees the same count.

Clients are identified by an HMAC of their address and the scope: no address is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import time

import sqlalchemy as sa
from flask import current_app, request
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import Base, db


class FailedAttempt(Base):
    __tablename__ = "failed_attempt"

    #: HMAC(secret, scope + client address): no address is stored.
    bucket: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    window_start: Mapped[int]
    failures: Mapped[int] = mapped_column(default=0)


def _bucket(scope: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    client = f"{scope}|{request.remote_addr or '-'}".encode()
    return hmac.new(secret, client, hashlib.sha256).hexdigest()


def _window() -> tuple[int, int]:
    length = int(current_app.config["SURVEY_APP_CODE_WINDOW_SECONDS"])
    return int(time.time()) // length * length, length


def is_locked_out(scope: str) -> bool:
    """Whether this client used up its failed attempts in the current window."""
    row = db.session.get(FailedAttempt, _bucket(scope))
    start, _ = _window()
    limit = int(current_app.config["SURVEY_APP_CODE_ATTEMPTS"])
    return row is not None and row.window_start == start and row.failures >= limit


def record_failure(scope: str) -> None:
    bucket, (start, _) = _bucket(scope), _window()
    row = db.session.get(FailedAttempt, bucket)
    if row is None:
        db.session.add(FailedAttempt(bucket=bucket, window_start=start, failures=1))
    elif row.window_start != start:
        row.window_start, row.failures = start, 1
    else:
        row.failures += 1
    db.session.flush()
