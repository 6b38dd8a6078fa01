"""Times on focus-group pages: stored as naive UTC, shown in the deployment's zone, named.

The zone is named the Indonesian way (WIB, WITA, WIT) in either interface language: that
is how staff in Medan read a time, and an offset such as ``+0700`` says less.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime as babel_datetime
from flask_babel import format_datetime, get_timezone


def local_time(moment: dt.datetime | None) -> str:
    """``12 Mar 2026, 10:04 WIB`` for a stored 03:04 UTC; "—" for no time."""
    if moment is None:
        return "—"
    utc = moment.replace(tzinfo=dt.UTC)
    zone = babel_datetime(utc, "zzz", tzinfo=get_timezone(), locale="id")
    return f"{format_datetime(utc, 'd MMM y, HH:mm')} {zone}"
