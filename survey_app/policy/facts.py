"""Everything the policy draft states, read once from the database.

The priority table is the dashboard's (:func:`survey_app.results.service.analyse`),
which is the table of ``flask analyze priorities``: same rows, same order, same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app

from ..analysis import KendallW, min_cell_for
from ..campaigns.models import Campaign
from ..fgd.models import FgdSession
from ..fgd.service import NeedEvidence, finalized_sessions, merged_needs
from ..mentoring.summary import ProgrammeStatus, programme_status
from ..monitoring.indicators import Indicator, indicators
from ..monitoring.period import campaign_period
from ..results import agreement
from ..results import waves as wave_service
from ..results.preferences import Preferences, read_preferences
from ..results.reliability import reliability_rows
from ..results.service import Analysis, analyse, tables_by_group
from ..results.tables import GroupTable, ItemResult, Split
from .mentoring_evaluation import MentoringEvaluation, read_evaluation
from .quotes import Quote, selected_quotes


@dataclass(frozen=True)
class Facts:
    analysis: Analysis
    organisation: str
    reliability: list[dict[str, Any]]
    prefs: Preferences
    sessions: list[FgdSession]
    needs: dict[str, NeedEvidence]
    each_agreement: list[agreement.SessionAgreement]
    pooled_agreement: KendallW | None
    quotes: list[Quote]
    #: Report-group question -> one table per value (suppressed ones without figures).
    groups: dict[str, list[GroupTable]]
    previous: Campaign | None
    waves: wave_service.Waves | None
    #: The mentoring programme in aggregate counts, and its latest anonymous evaluation.
    programme: ProgrammeStatus | None = None
    mentoring_evaluation: MentoringEvaluation | None = None
    #: Section 7's indicators, the evaluation report's (monitoring/indicators.py).
    indicators: tuple[Indicator, ...] = ()

    @property
    def campaign(self) -> Campaign:
        return self.analysis.campaign

    @property
    def min_cell(self) -> int:
        """The campaign's ``min_cell_size``: the smallest group or item base the draft shows."""
        return self.analysis.min_cell

    @property
    def min_distribution(self) -> int:
        """The smallest base for an answer distribution (preferred forms, mentoring, the JP
        baseline): the campaign's ``min_cell_size``, but at least 8, the privacy rules'
        threshold for distributions. The only place the draft derives a threshold; the
        method section states both."""
        return max(self.min_cell, min_cell_for("distribution"))

    @property
    def items(self) -> Split:
        """The table's items as the draft may show them (none when it is suppressed)."""
        table = self.analysis.table
        return table.split(self.min_cell) if table else Split([], [])

    @property
    def shown_rows(self) -> list[ItemResult]:
        """Items answered by at least ``min_cell`` respondents, in rank order."""
        return self.items.shown

    @property
    def all_rows(self) -> list[ItemResult]:
        """Every item; the small ones (shown as suppressed) last, by code, as on the dashboard."""
        return self.items.ordered


def gather(campaign: Campaign, language: str) -> Facts:
    analysis = analyse(campaign, None, language)
    sessions = finalized_sessions(campaign)
    each, pooled = agreement.fgd_agreement(sessions)
    previous = _previous_wave(campaign)
    shown = not analysis.too_few
    return Facts(
        analysis=analysis,
        organisation=str(current_app.config.get("SURVEY_APP_ORGANISATION", "")),
        reliability=reliability_rows(analysis.data) if shown else [],
        prefs=read_preferences(campaign, analysis.form),
        sessions=sessions,
        needs=merged_needs(sessions),
        each_agreement=each,
        pooled_agreement=pooled,
        quotes=selected_quotes(campaign, language),
        groups=_groups(analysis) if shown else {},
        previous=previous,
        waves=wave_service.compare(previous, campaign, language) if previous else None,
        programme=programme_status(),
        mentoring_evaluation=read_evaluation(language),
        indicators=tuple(indicators(campaign_period(campaign, language))),
    )


def _groups(analysis: Analysis) -> dict[str, list[GroupTable]]:
    """Per report group, as ``analyze priorities --group`` computes them; no population:
    a subgroup's own headcount is unknown. The dashboard's subgroup tables, remembered."""
    questions = analysis.form.report_groups
    return {question: tables_by_group(analysis, question) for question in questions}


def _previous_wave(campaign: Campaign) -> Campaign | None:
    """The latest earlier campaign on the same questionnaire, for the wave comparison."""
    earlier = [c for c in wave_service.other_waves(campaign) if c.created_at < campaign.created_at]
    return earlier[0] if earlier else None
