"""What an evaluation period of a series holds, read once: the trend of its waves, the
activities that ended in the period, their evaluations and the decisions recorded.

The evaluation report (``--series S --period 2027``) and section 7 of the policy draft
both read a :class:`PeriodFacts`, so the indicators they print
(:func:`survey_app.monitoring.indicators.indicators`) come from the same figures. A period
is a calendar year: the activities whose last day falls in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa

from ..campaigns.models import Campaign
from ..extensions import db
from ..results.service import Analysis, analyse
from ..training.evaluation import ActivityEvaluation, activity_evaluation
from ..training.models import TrainingActivity
from .models import CampaignSeries, EvaluationDecision, SeriesWave, wave_order
from .trends import Trend, TrendError, series_trend

PERIOD = re.compile(r"(19|20)\d\d")


class PeriodError(ValueError):
    """A period that is not a year."""


@dataclass(frozen=True)
class PeriodFacts:
    series: CampaignSeries | None
    #: ``"2027"``; ``None`` when no series gives one (a draft outside any series).
    period: str | None
    #: ``None`` without a series (or when a deleted campaign left it one wave).
    trend: Trend | None
    #: The series' latest wave (or the draft's campaign), read once.
    latest: Analysis
    activities: tuple[TrainingActivity, ...]
    #: Activity id -> its evaluation (``None``: no evaluation campaign yet).
    evaluations: dict[int, ActivityEvaluation | None]
    decisions: tuple[EvaluationDecision, ...]


def check_period(period: str) -> str:
    """``period`` stripped, if it is a year (``2027``); else :class:`PeriodError`."""
    period = period.strip()
    if not PERIOD.fullmatch(period):
        raise PeriodError(f"the period must be a year such as 2027, not {period!r}")
    return period


def read_period(series: CampaignSeries, period: str, language: str) -> PeriodFacts:
    """The series' trend and the activities that ended in ``period`` (a year)."""
    period = check_period(period)
    activities = activities_of(int(period))
    return PeriodFacts(
        series,
        period,
        _trend(series, language),
        analyse(series.campaigns[-1], None, language),
        activities,
        {a.id: activity_evaluation(a, language) for a in activities},
        decisions_of(activities),
    )


def campaign_period(campaign: Campaign, language: str) -> PeriodFacts:
    """The facts section 7 of ``campaign``'s policy draft reports: of the series in which
    it is the latest wave, the period of the previous wave's year (the training that
    followed that wave's needs); without such a series, only the campaign itself."""
    series = series_ending_with(campaign)
    if series is None or len(series.campaigns) < 2:
        empty: dict[int, ActivityEvaluation | None] = {}
        return PeriodFacts(None, None, None, analyse(campaign, None, language), (), empty, ())
    return read_period(series, str(wave_order(series.campaigns[-2])[0].year), language)


def series_ending_with(campaign: Campaign) -> CampaignSeries | None:
    """The newest series whose latest wave is ``campaign``."""
    query = (
        sa.select(CampaignSeries)
        .join(SeriesWave)
        .where(SeriesWave.campaign_id == campaign.id)
        .order_by(CampaignSeries.created_at.desc(), CampaignSeries.id.desc())
    )
    found = [s for s in db.session.scalars(query).unique() if s.campaigns[-1].id == campaign.id]
    return found[0] if found else None


def activities_of(year: int | None) -> tuple[TrainingActivity, ...]:
    """The activities whose last day falls in ``year`` (every one for ``None``), by start."""
    query = sa.select(TrainingActivity).order_by(TrainingActivity.starts_on, TrainingActivity.id)
    if year is not None:
        ends = TrainingActivity.ends_on
        query = query.where(ends.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return tuple(db.session.scalars(query))


def decisions_of(activities: tuple[TrainingActivity, ...]) -> tuple[EvaluationDecision, ...]:
    """Every decision recorded on these activities, oldest first."""
    if not activities:
        return ()
    query = (
        sa.select(EvaluationDecision)
        .where(EvaluationDecision.activity_id.in_([a.id for a in activities]))
        .order_by(EvaluationDecision.decided_at, EvaluationDecision.id)
    )
    return tuple(db.session.scalars(query))


def _trend(series: CampaignSeries, language: str) -> Trend | None:
    try:
        return series_trend(series, language)
    except TrendError:
        return None


def activity_years() -> list[int]:
    """The years in which some activity ended, newest first: the periods to choose from."""
    ends = db.session.scalars(sa.select(TrainingActivity.ends_on).distinct())
    return sorted({day.year for day in ends}, reverse=True)
