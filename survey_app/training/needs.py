"""A campaign's ranked needs read through ``results/``, matched with the activities."""

from __future__ import annotations

from ..campaigns.models import Campaign
from ..results.service import analyse
from .coverage import ActivityFacts, Coverage, coverage
from .models import TrainingActivity
from .service import activities_for


def facts(activity: TrainingActivity) -> ActivityFacts:
    return ActivityFacts(
        activity.id,
        activity.title,
        tuple(activity.competency_codes),
        activity.jp,
        activity.participants,
    )


def campaign_coverage(campaign: Campaign, language: str) -> Coverage | None:
    """``None`` when the campaign has too few responses to show anything."""
    analysis = analyse(campaign, None, language)
    if analysis.table is None:
        return None
    activities = [facts(activity) for activity in activities_for(campaign)]
    return coverage(analysis.table.split(analysis.min_cell), activities)
