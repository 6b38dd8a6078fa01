"""JP credit of mentoring sessions: the conversion, the monthly cap, months in order."""

from __future__ import annotations

from datetime import date

import pytest

from survey_app.mentoring.credit import MonthCredit, credit


def test_the_monthly_cap_and_months_in_order() -> None:
    days = [
        date(2026, 3, 2),
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),  # a third January session earns nothing
        date(2025, 12, 30),
        date(2026, 3, 2),  # two sessions on one day both count
    ]
    statement = credit(days, jp_per_session=2, max_per_month=2)
    assert statement.months == (
        MonthCredit("2025-12", 1, 1, 2),
        MonthCredit("2026-01", 3, 2, 4),
        MonthCredit("2026-03", 2, 2, 4),
    )
    assert (statement.total_jp, statement.total_sessions, statement.credited_sessions) == (10, 6, 5)


def test_the_rounds_conversion_is_used() -> None:
    statement = credit(
        [date(2026, 5, d) for d in (1, 8, 15, 22)], jp_per_session=3, max_per_month=3
    )
    assert statement.total_jp == 9


def test_no_sessions_no_jp() -> None:
    statement = credit([], jp_per_session=2, max_per_month=2)
    assert (statement.months, statement.total_jp, statement.total_sessions) == ((), 0, 0)


@pytest.mark.parametrize(("jp", "cap"), [(0, 2), (2, 0), (-1, 2)])
def test_a_conversion_that_credits_nothing_is_refused(jp: int, cap: int) -> None:
    with pytest.raises(ValueError, match="must both be at least 1"):
        credit([date(2026, 1, 1)], jp_per_session=jp, max_per_month=cap)
