"""A second app on a database in trouble: unreachable, locked, read-only or full.

Each condition is the real one where a test can cause it (a closed port, a missing
directory, a lock held by another connection, SQLite's ``query_only``, PostgreSQL's
read-only transactions); a full disk is the driver's own exception raised by the
dialect, as the driver raises it (a test cannot fill a disk portably).
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg.errors
import sqlalchemy as sa
from flask import Flask

from survey_app import create_app
from survey_app.extensions import db

from .conftest import IsolatedClient

WRITES = ("INSERT", "UPDATE", "DELETE")


def second_app(url: str, **settings: Any) -> Flask:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, **settings})
    app.test_client_class = IsolatedClient
    return app


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def unreachable_url(backend: str, url: str, tmp_path: Any) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/no-such-directory/survey.sqlite3"
    return sa.make_url(url).set(port=closed_port()).render_as_string(hide_password=False)


class Switch:
    """A condition a test turns on and off while the app keeps running."""

    on = False


def read_only_when(app: Flask, switch: Switch) -> None:
    """Every connection checked out while ``switch.on`` is read-only, by the database."""

    def checkout(dbapi: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi.cursor()
        if isinstance(dbapi, sqlite3.Connection):
            cursor.execute(f"PRAGMA query_only = {int(switch.on)}")
        else:
            cursor.execute(f"SET default_transaction_read_only = {'on' if switch.on else 'off'}")
            dbapi.commit()
        cursor.close()

    with app.app_context():
        sa.event.listen(db.engine, "checkout", checkout)


def full_disk(backend: str) -> Exception:
    if backend == "sqlite":
        return sqlite3.OperationalError("database or disk is full")
    return psycopg.errors.DiskFull("could not extend file: No space left on device")


@contextmanager
def disk_full_when(app: Flask, backend: str, switch: Switch, monkeypatch: Any) -> Iterator[None]:
    """While ``switch.on``, every write statement fails as on a full disk."""
    with app.app_context():
        dialect = db.engine.dialect
    original = dialect.do_execute

    def do_execute(cursor: Any, statement: str, parameters: Any, context: Any = None) -> None:
        if switch.on and statement.lstrip().upper().startswith(WRITES):
            raise full_disk(backend)
        original(cursor, statement, parameters, context)

    monkeypatch.setattr(dialect, "do_execute", do_execute)
    yield


def dispose(app: Flask) -> None:
    with app.app_context():
        db.engine.dispose()
