"""Reads for the analysis dashboard: a campaign's priority table, whole or for one subgroup.

One ``load_dataset`` per request. A campaign with fewer responses than its
``min_cell_size``, and a subgroup that small or hidden by complementary suppression,
get no table at all: the caller shows that it is suppressed, never a number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..campaigns.models import Campaign
from ..campaigns.service import all_campaigns
from ..questionnaire import Form
from ..respond.stats import response_counts
from ..versions.service import form_of
from . import evidence
from .dataset import Dataset, load_dataset
from .memo import Source, cached_priority_table
from .priorities import group_tables, hidden_groups
from .tables import FgdEvidence, GroupTable, ItemResult, PriorityTable


class SelectionError(ValueError):
    """A subgroup or report group that the campaign's form does not have."""


@dataclass(frozen=True)
class Subgroup:
    question: str
    value: str

    @property
    def param(self) -> str:
        """The query-string form, ``question=value``."""
        return f"{self.question}={self.value}"


@dataclass(frozen=True)
class Analysis:
    """A campaign read once: its whole dataset and the table of the selected respondents.

    ``table`` is ``None`` when the selection is suppressed.
    """

    campaign: Campaign
    form: Form
    data: Dataset
    subgroup: Subgroup | None
    table: PriorityTable | None
    language: str
    fgd: dict[str, FgdEvidence]

    @property
    def min_cell(self) -> int:
        return self.campaign.min_cell_size

    @property
    def too_few(self) -> bool:
        """The whole campaign is below the threshold: nothing may be shown."""
        return self.data.n < self.min_cell


@dataclass(frozen=True)
class GroupValue:
    value: str
    label: str
    #: Suppressed: fewer than ``min_cell_size`` respondents, or its complement.
    hidden: bool


@dataclass(frozen=True)
class ReportGroup:
    question: str
    label: str
    values: list[GroupValue]


def campaign_counts() -> list[tuple[Campaign, int]]:
    """Every campaign, newest first, with its number of responses."""
    counts = response_counts()
    return [(c, counts.get(c.id, 0)) for c in reversed(all_campaigns())]


def parse_subgroup(form: Form, text: str) -> Subgroup | None:
    """``"question=value"`` of a report group, or ``None`` for all respondents."""
    if not text:
        return None
    question, _sep, value = text.partition("=")
    if question not in form.report_groups or value not in form.report_group_values[question]:
        raise SelectionError(text)
    return Subgroup(question, value)


def report_group(form: Form, name: str | None, subgroup: Subgroup | None) -> str | None:
    """The report group to compare: ``name``, else the subgroup's question, else the first."""
    if name and name not in form.report_groups:
        raise SelectionError(name)
    chosen = name or (subgroup.question if subgroup else None)
    return chosen or next(iter(form.report_groups), None)


def analyse(campaign: Campaign, subgroup: Subgroup | None, language: str) -> Analysis:
    """Read the campaign once; rank its items for all respondents or for ``subgroup``."""
    form = form_of(campaign.version)
    data = load_dataset(campaign.id, form)
    analysis = Analysis(
        campaign, form, data, subgroup, None, language, evidence.fgd_evidence(campaign)
    )
    if analysis.too_few:
        return analysis
    if subgroup is None:
        table = _table(analysis, data, campaign.population)
    elif subgroup.value in hidden_groups(data, subgroup.question, campaign.min_cell_size).hidden:
        return analysis
    else:
        table = _table(analysis, _subset(data, subgroup), None)
    return replace(analysis, table=table)


def shown_groups(analysis: Analysis, question: str) -> list[tuple[str, PriorityTable]]:
    """``(value, table)`` for each value of ``question`` that may be shown, in form order."""
    if analysis.too_few:
        return []
    return [(g.value, g.table) for g in tables_by_group(analysis, question) if g.table]


def tables_by_group(analysis: Analysis, question: str) -> list[GroupTable]:
    """:func:`~survey_app.results.priorities.group_tables` of the campaign by ``question``,
    each table the one the subgroup's page shows (remembered, see :mod:`.memo`)."""
    return group_tables(
        analysis.data,
        question,
        analysis.min_cell,
        table=lambda subset: _table(analysis, subset, None),
    )


def group_options(analysis: Analysis) -> list[ReportGroup]:
    """The subgroups a reader may choose, each marked when it is suppressed."""
    if analysis.too_few:
        return []
    form, language = analysis.form, analysis.language
    options = []
    for question in form.report_groups:
        hidden = hidden_groups(analysis.data, question, analysis.min_cell).hidden
        values = [
            GroupValue(value, choice_label(form, question, value, language), value in hidden)
            for value in form.report_group_values[question]
        ]
        options.append(ReportGroup(question, question_label(form, question, language), values))
    return options


def disagreements(campaign: Campaign, language: str) -> list[ItemResult] | None:
    """Rows where the survey and the focus groups disagree; ``None`` if the survey is
    suppressed (too few responses)."""
    analysis = analyse(campaign, None, language)
    if analysis.table is None:
        return None
    return [row for row in analysis.table.rows if row.disagreement]


def _subset(data: Dataset, subgroup: Subgroup) -> Dataset:
    return data.subset(data.groups[subgroup.question] == subgroup.value)


def _table(analysis: Analysis, data: Dataset, population: int | None) -> PriorityTable:
    """A subgroup gets no population: its own headcount is unknown, and the campaign's
    would overstate the estimated headcount and the finite-population correction."""
    return cached_priority_table(
        data,
        source=Source(analysis.campaign.id, analysis.data.n),
        language=analysis.language,
        population=population,
        fgd=analysis.fgd,
    )


def choice_label(form: Form, question: str, value: str, language: str) -> str:
    """The label of a report group's value, in ``language``."""
    label = form.questions[question].value_labels(form.spec).get(value)
    return value if label is None else form.text(label, language)


def question_label(form: Form, question: str, language: str) -> str:
    return form.text(form.questions[question].label, language)


def subgroup_label(analysis: Analysis) -> str | None:
    """``"Question: value"`` of the selected subgroup, in the analysis' language."""
    chosen = analysis.subgroup
    if chosen is None:
        return None
    form, language = analysis.form, analysis.language
    question = question_label(form, chosen.question, language)
    return f"{question}: {choice_label(form, chosen.question, chosen.value, language)}"
