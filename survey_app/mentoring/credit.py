"""JP credited for mentoring sessions: the round's conversion, capped per calendar month.

Mentoring is a non-classroom form of development (Peraturan LAN 10/2018). A common
conversion counts one session as 2 JP, at most 2 sessions a month; the round stores
both numbers. Sessions above the monthly cap are listed but earn nothing
(docs/mentoring.md, "JP credit"). Pure: no Flask, no SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = ["CreditStatement", "MonthCredit", "credit"]


@dataclass(frozen=True, slots=True)
class MonthCredit:
    #: "YYYY-MM".
    month: str
    sessions: int
    #: Sessions that earn JP: at most the monthly cap.
    credited_sessions: int
    jp: int


@dataclass(frozen=True, slots=True)
class CreditStatement:
    #: Months with at least one session, oldest first.
    months: tuple[MonthCredit, ...]
    total_jp: int
    total_sessions: int

    @property
    def credited_sessions(self) -> int:
        return sum(month.credited_sessions for month in self.months)


def credit(
    session_dates: Iterable[date], jp_per_session: int, max_per_month: int
) -> CreditStatement:
    """Count the sessions per calendar month and credit at most ``max_per_month`` of each."""
    if jp_per_session < 1 or max_per_month < 1:
        raise ValueError(
            f"JP per session ({jp_per_session}) and sessions per month ({max_per_month}) "
            "must both be at least 1"
        )
    per_month = Counter(f"{day.year:04d}-{day.month:02d}" for day in session_dates)
    months = tuple(
        _month(month, sessions, jp_per_session, max_per_month)
        for month, sessions in sorted(per_month.items())
    )
    return CreditStatement(
        months,
        total_jp=sum(month.jp for month in months),
        total_sessions=sum(per_month.values()),
    )


def _month(month: str, sessions: int, jp_per_session: int, cap: int) -> MonthCredit:
    credited = min(sessions, cap)
    return MonthCredit(month, sessions, credited, credited * jp_per_session)
