"""Per-connection database settings.

SQLite does not enforce foreign keys unless asked, and leaves deleted rows (such as a
submitted draft) readable in free pages; both are switched on for every connection.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask

from .extensions import db

#: 16 KiB pages let a whole response row (answers JSON + numeric vector) sit in its page
#: of the WITHOUT ROWID table instead of spilling to an overflow page (takes effect when
#: the database file is created).
SQLITE_PRAGMAS = (
    "page_size = 16384",
    "foreign_keys = ON",
    "secure_delete = ON",
    "busy_timeout = 5000",
)


def init_app(app: Flask) -> None:
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                sa.event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
