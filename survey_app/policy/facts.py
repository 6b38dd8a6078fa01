"""Everything the policy draft states, read once from the database.

The priority table is the dashboard's (:func:`survey_app.dashboard.service.analyse`),
which is the table of ``flask analyze priorities``: same rows, same order, same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app

from ..analysis import KendallW
from ..campaigns.models import Campaign
from ..dashboard import agreement
from ..dashboard import waves as wave_service
from ..dashboard.service import Analysis, analyse
from ..fgd.models import FgdSession
from ..fgd.service import NeedEvidence, finalized_sessions, merged_needs
from ..reports.priorities import GroupTable, group_tables
from ..reports.reliability import reliability_rows
from .preferences import Preferences, read_preferences
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

    @property
    def campaign(self) -> Campaign:
        return self.analysis.campaign

    @property
    def min_cell(self) -> int:
        return self.analysis.min_cell

    @property
    def shown_rows(self) -> list[dict[str, Any]]:
        """Items answered by at least ``min_cell`` respondents, in rank order."""
        rows = self.analysis.table.rows if self.analysis.table else []
        return [row for row in rows if row["n"] >= self.min_cell]

    @property
    def all_rows(self) -> list[dict[str, Any]]:
        """Every item; the small ones (shown as suppressed) last, by code, as on the dashboard."""
        rows = self.analysis.table.rows if self.analysis.table else []
        small = sorted((r for r in rows if r["n"] < self.min_cell), key=lambda r: r["code"])
        return self.shown_rows + small


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
    )


def _groups(analysis: Analysis) -> dict[str, list[GroupTable]]:
    """Per report group, as ``analyze priorities --group`` computes them; no population:
    a subgroup's own headcount is unknown (the dashboard does the same)."""
    return {
        question: group_tables(
            analysis.data,
            question,
            analysis.min_cell,
            language=analysis.language,
            fgd=analysis.fgd,
        )
        for question in analysis.form.report_groups
    }


def _previous_wave(campaign: Campaign) -> Campaign | None:
    """The latest earlier campaign on the same questionnaire, for the wave comparison."""
    earlier = [c for c in wave_service.other_waves(campaign) if c.created_at < campaign.created_at]
    return earlier[0] if earlier else None
