"""The two clocks the app uses: naive UTC for stored times, the local day for dates.

Responses carry only a date, and that date must be the respondents' calendar day
(Asia/Jakarta by default), not the server's.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app


def utcnow() -> dt.datetime:
    """Naive UTC, the one convention for every stored timestamp."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def local_today() -> dt.date:
    zone = ZoneInfo(str(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return dt.datetime.now(zone).date()
