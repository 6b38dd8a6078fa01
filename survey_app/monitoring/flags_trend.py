"""The "need not reduced" rule of an activity, read from a campaign series.

The wave before the activity is its motivating campaign when the series holds it, else
the last wave that opened by the activity's start; the wave after is the next wave, if it
opened after the activity ended. Per targeted code, the pair's status (reduced, persists,
grew; absent or suppressed leave the rule unchecked) and the participants against the
first wave's ``estimated_headcount`` go to :func:`~survey_app.analysis.flags.trend_flag`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import sqlalchemy as sa

from ..analysis.flags import (
    NEED_NOT_REDUCED,
    Evidence,
    FlagThresholds,
    Unassessed,
    trend_flag,
    trend_unassessed,
)
from ..campaigns.models import Campaign
from ..extensions import db
from ..results.service import analyse
from ..training.models import TrainingActivity
from .models import CampaignSeries, SeriesWave, wave_order
from .trends import Trend, TrendError, series_trend

#: A raised flag: its evidence, the competency's label, the waves and the p-value.
Raised = tuple[Evidence, str, Mapping[str, str | float | None]]
#: A rule that could not be checked, and the competency's label.
Skipped = tuple[Unassessed, str]

NO_SERIES = "no_series"
NO_WAVE_BEFORE = "no_wave_before"
NO_WAVE_AFTER = "no_wave_after"
NO_TREND = "no_trend"


class TrendSource:
    """Trends and headcounts read once per series and campaign, for a page of activities."""

    def __init__(self, language: str, series: CampaignSeries | None = None) -> None:
        self.language = language
        self.series = series
        self._trends: dict[int, Trend | None] = {}
        self._heads: dict[int, dict[str, float | None]] = {}

    def series_for(self, activity: TrainingActivity) -> CampaignSeries | None:
        """The given series, else the first series holding the motivating campaign."""
        if self.series is not None or activity.campaign_id is None:
            return self.series
        query = (
            sa.select(CampaignSeries)
            .join(SeriesWave)
            .where(SeriesWave.campaign_id == activity.campaign_id)
            .order_by(CampaignSeries.id)
            .limit(1)
        )
        return db.session.scalar(query)

    def trend(self, series: CampaignSeries) -> Trend | None:
        if series.id not in self._trends:
            try:
                self._trends[series.id] = series_trend(series, self.language)
            except TrendError:
                self._trends[series.id] = None
        return self._trends[series.id]

    def headcounts(self, campaign: Campaign) -> dict[str, float | None]:
        """Each shown item's estimated headcount in need (suppressed items: none)."""
        if campaign.id not in self._heads:
            analysis = analyse(campaign, None, self.language)
            table = analysis.table
            rows = [] if table is None else table.split(analysis.min_cell).shown
            self._heads[campaign.id] = {row.code: row.estimated_headcount for row in rows}
        return self._heads[campaign.id]


def trend_outcomes(
    activity: TrainingActivity, t: FlagThresholds, source: TrendSource
) -> tuple[list[Raised], list[Skipped]]:
    series = source.series_for(activity)
    trend = None if series is None else source.trend(series)
    if series is None or trend is None:
        return [], [_skipped(NO_SERIES if series is None else NO_TREND)]
    index = _before(series.campaigns, activity)
    reason = _window_problem(series.campaigns, index, activity)
    if reason is not None or index is None:
        return [], [_skipped(reason or NO_WAVE_BEFORE)]
    heads = source.headcounts(series.campaigns[index])
    rows = {row.code: row for row in trend.rows}
    context = {"before": trend.waves[index].title, "after": trend.waves[index + 1].title}
    raised: list[Raised] = []
    skipped: list[Skipped] = []
    for code in activity.competency_codes:
        row = rows.get(code)
        label, pair = ("", None) if row is None else (row.label, row.pairs[index])
        status = "absent" if pair is None else pair.status.value
        args = (code, status, activity.participants, heads.get(code), t)
        if (evidence := trend_flag(*args)) is not None:
            p = None if pair is None else pair.p_adjusted
            raised.append((evidence, label, {**context, "p_adjusted": p}))
        if (why := trend_unassessed(*args)) is not None:
            skipped.append((why, label))
    return raised, skipped


def _skipped(reason: str) -> Skipped:
    """The rule as a whole could not be checked (no competency named)."""
    return Unassessed(NEED_NOT_REDUCED, None, reason, {}), ""


def _before(campaigns: list[Campaign], activity: TrainingActivity) -> int | None:
    ids = [campaign.id for campaign in campaigns]
    if activity.campaign_id in ids:
        return ids.index(activity.campaign_id)
    opened = [i for i, c in enumerate(campaigns) if _day(c) <= activity.starts_on]
    return opened[-1] if opened else None


def _window_problem(
    campaigns: list[Campaign], index: int | None, activity: TrainingActivity
) -> str | None:
    if index is None:
        return NO_WAVE_BEFORE
    if index + 1 >= len(campaigns) or _day(campaigns[index + 1]) < activity.ends_on:
        return NO_WAVE_AFTER
    return None


def _day(campaign: Campaign) -> dt.date:
    """The wave's date: its opening, else its creation."""
    return wave_order(campaign)[0].date()
