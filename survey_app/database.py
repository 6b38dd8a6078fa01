"""Per-connection database settings.

SQLite does not enforce foreign keys unless asked, and leaves deleted rows (such as a
submitted draft) readable in free pages; both are switched on for every connection.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


def stream_rows(statement: sa.Select[Any], chunk: int) -> Iterator[Sequence[Any]]:
    """The rows of ``statement`` as the driver's plain tuples, ``chunk`` rows at a time.

    For the few loops that read a whole campaign: there SQLAlchemy's Row objects and
    result processors cost more than the query itself. Runs on the session's connection,
    so in its transaction; PostgreSQL reads through a server-side cursor, so memory stays
    bounded by ``chunk``. Values come back as the driver gives them (JSON may be text).
    """
    connection = db.session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    params = compiled.construct_params()
    arguments = (
        tuple(params[k] for k in compiled.positiontup or ()) if compiled.positional else params
    )
    raw = connection.connection.dbapi_connection
    assert raw is not None  # a checked-out connection always has one
    server_side = connection.dialect.name == "postgresql"
    cursor = raw.cursor(name="survey_app_stream") if server_side else raw.cursor()
    try:
        cursor.execute(compiled.string, arguments)
        while rows := cursor.fetchmany(chunk):
            yield rows
    finally:
        cursor.close()
