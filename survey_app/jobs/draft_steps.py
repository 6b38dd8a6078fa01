"""The policy draft's costly figures as named steps, so that its job page says what is
being done: the priority table of all respondents, then each report group's tables.

Each step leaves its tables remembered (:mod:`survey_app.results.memo`), so the draft
built afterwards (:func:`survey_app.policy.draft.build_draft`) finds them computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..campaigns.models import Campaign
from ..results.service import Analysis, analyse, tables_by_group
from ..versions.service import form_of
from .service import N_

#: Shown on the job's page, translated, as "Step 2 of 9: …".
ALL = N_("Ranking the priorities of all respondents")
GROUPS = N_("Ranking the priorities within each group")
WRITING = N_("Writing the sections")
LAYOUT = N_("Laying out the document")

Step = tuple[str, Callable[[], None]]


def figures(campaign: Campaign, language: str) -> list[Step]:
    """One step for all respondents, then one per report group of the form."""
    return _Figures(campaign, language).steps()


@dataclass
class _Figures:
    campaign: Campaign
    language: str
    analysis: Analysis | None = field(default=None)

    def steps(self) -> list[Step]:
        groups = form_of(self.campaign.version).report_groups
        return [(ALL, self._all), *((GROUPS, partial(self._group, q)) for q in groups)]

    def _all(self) -> None:
        self.analysis = analyse(self.campaign, None, self.language)

    def _group(self, question: str) -> None:
        """Nothing to compute for a campaign too small to show (the draft says so)."""
        if self.analysis is not None and not self.analysis.too_few:
            tables_by_group(self.analysis, question)
