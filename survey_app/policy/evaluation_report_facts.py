"""Everything the evaluation report states, read once: the period's facts (shared with the
policy draft's section 7), the coverage of the baseline wave's needs, and the flags."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from ..campaigns.models import Campaign
from ..monitoring.flags import ActivityFlags, configured_thresholds, flags_for
from ..monitoring.models import CampaignSeries
from ..monitoring.period import PeriodFacts, read_period
from ..results.service import analyse
from ..training.coverage import Coverage, coverage
from ..training.needs import facts as activity_facts


@dataclass(frozen=True)
class ReportFacts:
    period: PeriodFacts
    #: The wave whose needs the period's training answered: the one before the latest.
    baseline: Campaign
    #: Its ranked needs against the period's activities; ``None`` when it is suppressed.
    coverage: Coverage | None
    flags: tuple[ActivityFlags, ...]
    organisation: str

    @property
    def series(self) -> CampaignSeries:
        assert self.period.series is not None
        return self.period.series


def gather_report(series: CampaignSeries, period: str, language: str) -> ReportFacts:
    """:raises ~survey_app.monitoring.period.PeriodError: a period that is not a year.
    :raises ValueError: a ``SURVEY_APP_FLAG_*`` setting that is not a number."""
    facts = read_period(series, period, language)
    campaigns = series.campaigns
    baseline = campaigns[-2] if len(campaigns) > 1 else campaigns[-1]
    thresholds = configured_thresholds(current_app.config)
    return ReportFacts(
        facts,
        baseline,
        _coverage(baseline, facts, language),
        tuple(flags_for(list(facts.activities), thresholds, language, series)),
        str(current_app.config.get("SURVEY_APP_ORGANISATION", "")),
    )


def _coverage(baseline: Campaign, facts: PeriodFacts, language: str) -> Coverage | None:
    analysis = analyse(baseline, None, language)
    if analysis.table is None:
        return None
    activities = [activity_facts(activity) for activity in facts.activities]
    return coverage(analysis.table.split(analysis.min_cell), activities)
