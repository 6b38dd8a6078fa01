"""Progress of a campaign: responses per local day and the response rate. Reads only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from ..campaigns.models import Campaign
from ..extensions import db
from .models import Response


@dataclass(frozen=True)
class DayCount:
    day: dt.date
    count: int
    #: ``count`` as a share of the busiest day (0..1), for a bar.
    share: float


@dataclass(frozen=True)
class ResponseStats:
    days: list[DayCount]
    total: int
    population: int | None

    @property
    def rate(self) -> float | None:
        """Responses per head of the target group; None without a population."""
        return response_rate(self.total, self.population)


def response_rate(responses: int, population: int | None) -> float | None:
    """``responses / population``; above 1 when the headcount was set too low."""
    return responses / population if population else None


def response_stats(campaign: Campaign) -> ResponseStats:
    """One ``GROUP BY submitted_on`` query; days without responses between the first and
    the last are listed with 0, so the table shows gaps."""
    rows = db.session.execute(
        sa.select(Response.submitted_on, sa.func.count())
        .where(Response.campaign_id == campaign.id)
        .group_by(Response.submitted_on)
    )
    counts: dict[dt.date, int] = {day: count for day, count in rows}
    return ResponseStats(_days(counts), sum(counts.values()), campaign.population)


def _days(counts: dict[dt.date, int]) -> list[DayCount]:
    if not counts:
        return []
    first, last, busiest = min(counts), max(counts), max(counts.values())
    span = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [DayCount(day, counts.get(day, 0), counts.get(day, 0) / busiest) for day in span]


def response_counts() -> dict[int, int]:
    """Responses per campaign id (campaigns without any are absent)."""
    rows = db.session.execute(
        sa.select(Response.campaign_id, sa.func.count()).group_by(Response.campaign_id)
    )
    return {campaign_id: count for campaign_id, count in rows}
