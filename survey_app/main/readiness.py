"""``/readyz``: can this process serve? The database answers and its schema is current.

``/healthz`` only says the process is alive (a load balancer restarts it otherwise);
``/readyz`` says whether to send it traffic: not before ``flask db upgrade`` has run,
not while the database is down.
"""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import current_app

from ..extensions import db


def checks() -> dict[str, str]:
    """``database``: ok or unreachable; ``migrations``: current, behind or unknown."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.DBAPIError:
        db.session.rollback()
        return {"database": "unreachable", "migrations": "unknown"}
    return {"database": "ok", "migrations": _migrations()}


def _migrations() -> str:
    try:
        applied = set(db.session.scalars(sa.text("SELECT version_num FROM alembic_version")))
    except sa.exc.DBAPIError:  # no alembic_version: never migrated
        db.session.rollback()
        return "behind"
    return "current" if applied == script_heads(_directory()) else "behind"


def _directory() -> str:
    return str(current_app.extensions["migrate"].directory)


@functools.cache
def script_heads(directory: str) -> frozenset[str]:
    """The head revisions of the migration scripts (read once per process)."""
    return frozenset(ScriptDirectory(str(Path(directory))).get_heads())
