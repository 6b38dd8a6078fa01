"""Which database errors are an outage (try again later) rather than a bug.

Plain functions of the exception, no Flask: SQLite reports its conditions in the
message, PostgreSQL in the SQLSTATE (psycopg's ``sqlstate``).
"""

from __future__ import annotations

import enum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l


class Outage(enum.Enum):
    """Why nothing can be saved now; each with the message and the seconds to wait."""

    UNAVAILABLE = "unavailable"
    FULL = "full"
    READ_ONLY = "read_only"

    @property
    def retry_after(self) -> int:
        return 30 if self is Outage.UNAVAILABLE else 300

    @property
    def message(self) -> str:
        return str(MESSAGES[self])


MESSAGES = {
    Outage.UNAVAILABLE: _l(
        "The survey is busy or briefly unavailable. What you just sent was not saved; "
        "answers saved earlier are kept. Please try again in a minute."
    ),
    Outage.FULL: _l(
        "The server's storage is full, so nothing can be saved right now. What you just "
        "sent was not saved; answers saved earlier are kept. Please try again later."
    ),
    Outage.READ_ONLY: _l(
        "The database is read-only for maintenance, so nothing can be saved right now. "
        "What you just sent was not saved; answers saved earlier are kept. Please try "
        "again later."
    ),
}

#: PostgreSQL SQLSTATEs: disk_full, read_only_sql_transaction, too_many_connections,
#: and whole classes: 08 connection exception, 57P admin/crash shutdown, cannot connect.
SQLSTATES = {"53100": Outage.FULL, "25006": Outage.READ_ONLY, "53300": Outage.UNAVAILABLE}
SQLSTATE_PREFIXES = ("08", "57P", "55P03", "40P01")
#: SQLite's messages (``sqlite3.OperationalError``), lower case.
SQLITE_TEXTS = {
    "database or disk is full": Outage.FULL,
    "readonly database": Outage.READ_ONLY,
    "database is locked": Outage.UNAVAILABLE,
    "unable to open database file": Outage.UNAVAILABLE,
    "disk i/o error": Outage.UNAVAILABLE,
}


def outage(error: sa.exc.DBAPIError) -> Outage | None:
    """The outage behind ``error``, or None for an error that is a bug (say, a constraint)."""
    if type(error.orig).__module__ == "sqlite3":
        text = str(error.orig).lower()
        return next((kind for key, kind in SQLITE_TEXTS.items() if key in text), None)
    state = getattr(error.orig, "sqlstate", None)
    if state is None:  # psycopg: no server answer at all (refused, reset, timed out)
        return Outage.UNAVAILABLE if isinstance(error, sa.exc.OperationalError) else None
    return _from_sqlstate(str(state), error)


def _from_sqlstate(state: str, error: sa.exc.DBAPIError) -> Outage | None:
    if state in SQLSTATES:
        return SQLSTATES[state]
    if state.startswith(SQLSTATE_PREFIXES) or error.connection_invalidated:
        return Outage.UNAVAILABLE
    return None
