"""Reading and writing stored results; which entries housekeeping deletes.

An entry is written on a connection and in a transaction of its own, committed at once:
other processes see it as soon as it exists, it never waits for (or holds up) the
transaction of the request or job that computed it, and two processes computing the
same key at once both succeed (``ON CONFLICT DO NOTHING``). Storing is best effort:
when it fails (a SQLite file locked by a long write) the result is still returned and
only computed again next time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..clock import utcnow
from ..extensions import db
from ..respond.models import Response
from .models import StoredResult

logger = logging.getLogger(__name__)

#: Entries older than this are deleted by ``flask housekeeping`` even if still valid.
KEEP = dt.timedelta(days=30)


def result_key(parts: dict[str, Any], sources: Iterable[Path]) -> str:
    """SHA-256 of ``parts`` (JSON-able) and the fingerprint of the ``sources`` code."""
    text = json.dumps(
        {"code": code_fingerprint(tuple(sources)), **parts}, sort_keys=True, allow_nan=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def code_fingerprint(sources: tuple[Path, ...]) -> str:
    """SHA-256 of the source files plus numpy's and scipy's versions: a new release that
    changes how a result is computed (or laid out) makes new keys instead of serving
    entries computed by the old code."""
    digest = hashlib.sha256(f"numpy {version('numpy')} scipy {version('scipy')}".encode())
    for path in sorted(sources):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(key: str) -> dict[str, Any] | None:
    return db.session.scalar(sa.select(StoredResult.payload).where(StoredResult.key == key))


def save(key: str, campaign_id: int, responses: int, payload: dict[str, Any]) -> None:
    """Store ``payload`` under ``key`` and commit it on the side (see the module)."""
    values = {"key": key, "campaign_id": campaign_id, "responses": responses}
    statement = _insert().values(**values, payload=payload, created_at=utcnow())
    try:
        with db.engine.begin() as connection:
            connection.execute(statement.on_conflict_do_nothing(index_elements=["key"]))
    except sa.exc.DBAPIError as exc:
        logger.warning("result %s not stored (computed again next time): %s", key[:12], exc)


def _insert() -> sqlite.Insert | postgresql.Insert:
    if db.engine.dialect.name == "postgresql":
        return postgresql.insert(StoredResult)
    return sqlite.insert(StoredResult)


def stale_results() -> sa.Delete:
    """Entries older than :data:`KEEP`, and those computed when their campaign had fewer
    responses than it has now (no request asks for them again)."""
    current = (
        sa.select(sa.func.count())
        .where(Response.campaign_id == StoredResult.campaign_id)
        .correlate(StoredResult)
        .scalar_subquery()
    )
    too_old = StoredResult.created_at < utcnow() - KEEP
    return sa.delete(StoredResult).where(sa.or_(too_old, StoredResult.responses < current))
