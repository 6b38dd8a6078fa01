"""Per-connection database settings.

SQLite does not enforce foreign keys unless asked, and leaves deleted rows (such as a
submitted draft) readable in free pages; both are switched on for every connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import InstrumentedAttribute

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


def stream_rows(
    statement: sa.Select[Any], key: InstrumentedAttribute[Any], chunk: int
) -> Iterator[Sequence[Any]]:
    """The rows of ``statement`` as the driver's plain tuples, ``chunk`` rows at a time.

    For the few loops that read a whole campaign: there SQLAlchemy's Row objects and
    result processors cost more than the query itself. Values come back as the driver
    gives them (JSON may be text). ``key`` must be the statement's first column and
    unique; see :func:`session_pages` for why SQLite reads page by page.
    """
    if _is_sqlite():
        yield from _pages(statement, key, chunk, _raw_rows)
        return
    cursor = _raw_connection().cursor(name="survey_app_stream")  # server-side
    try:
        cursor.execute(*_compiled(statement))
        while rows := cursor.fetchmany(chunk):
            yield rows
    finally:
        cursor.close()


def session_pages(
    statement: sa.Select[Any], key: InstrumentedAttribute[Any], chunk: int
) -> Iterator[Sequence[Any]]:
    """The rows of ``statement`` through the session, ``chunk`` at a time.

    SQLite (without WAL, which would keep recent pages in commit order: docs/architecture.md)
    blocks every writer while any read statement is open, so a respondent's submit would
    wait for a whole export, even for a slow download. There each page is its own short
    statement (``key > last ORDER BY key LIMIT chunk``; ``key`` is the first column and
    unique), and writers get in between pages. PostgreSQL readers block nobody: one
    streamed query, consistent from start to end.
    """
    if _is_sqlite():
        yield from _pages(statement, key, chunk, lambda page: db.session.execute(page).all())
        return
    yield from db.session.execute(statement.execution_options(yield_per=chunk)).partitions()


def _pages(
    statement: sa.Select[Any],
    key: InstrumentedAttribute[Any],
    chunk: int,
    fetch: Callable[[sa.Select[Any]], Sequence[Any]],
) -> Iterator[Sequence[Any]]:
    last: Any = None
    while True:
        page = statement.order_by(key).limit(chunk)
        rows = fetch(page if last is None else page.where(key > sa.literal(last, key.type)))
        if rows:
            yield rows
        if len(rows) < chunk:
            return
        last = rows[-1][0]


def _raw_rows(statement: sa.Select[Any]) -> Sequence[Any]:
    cursor = _raw_connection().cursor()
    try:
        cursor.execute(*_compiled(statement))
        rows: Sequence[Any] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


def _compiled(statement: sa.Select[Any]) -> tuple[str, Any]:
    """SQL text and parameters in the driver's own style, for its plain cursor."""
    compiled = statement.compile(dialect=db.session.get_bind().dialect)
    params = compiled.construct_params()
    if compiled.positional:
        return compiled.string, tuple(params[k] for k in compiled.positiontup or ())
    return compiled.string, params


def _raw_connection() -> Any:
    """The driver connection under the session's (same transaction)."""
    raw = db.session.connection().connection.dbapi_connection
    assert raw is not None  # a checked-out connection always has one
    return raw


def _is_sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"
