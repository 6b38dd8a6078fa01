"""The two clocks the app uses: naive UTC for stored times, the local day for dates.

Responses carry only a date, and that date must be the respondents' calendar day
(Asia/Jakarta by default), not the server's.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TypeVar
from zoneinfo import ZoneInfo

from flask import current_app

#: A day or a moment: calendar arithmetic keeps the type.
Moment = TypeVar("Moment", dt.date, dt.datetime)


def utcnow() -> dt.datetime:
    """Naive UTC, the one convention for every stored timestamp."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def local_today() -> dt.date:
    zone = ZoneInfo(str(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return dt.datetime.now(zone).date()


def months_before(moment: Moment, months: int) -> Moment:
    """``moment`` minus whole calendar months (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month0 = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month0 + 1)[1])
    return moment.replace(year=year, month=month0 + 1, day=day)
