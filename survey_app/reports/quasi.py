"""The quasi-identifiers of a response export: which columns, their codes, their levels.

Every ``report_group`` question is a quasi-identifier, and so is every ``select_one``
marked ``quasi_identifier: true``; the submission date always is. Each becomes an export
column whose cells are coded ``0..m`` (a ``select_one``: 0 = unanswered, ``i + 1`` =
the ``i``-th choice, as ``Response.group_codes`` packs them) with a
:class:`~survey_app.analysis.anonymize.Hierarchy` of coarser levels: the question's
declared ``hierarchy``; for the date, ISO week, month and the whole period, and never
the day itself (``lowest = 1``): when someone was seen filling in the survey is known
around the office, and no analysis needs the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..analysis.anonymize import Hierarchy
from ..questionnaire import Form
from ..questionnaire.spec import FormSpec
from ..questionnaire.text import localize
from ..questionnaire.types import Question
from ..questionnaire.types.choice import SelectOne
from ..questionnaire.types.hierarchy import HierarchyLevel, group_value, level_maps
from .codebook import LANGUAGES, Labels

Cell = str | None
SUBMITTED_ON = "submitted_on"
#: A suppressed quasi-identifier cell (as in ARX); never a choice value, which are
#: letters, digits, ``_ . -`` only.
MARKER = "*"
_PERIODS = {
    1: {"id": "per minggu ISO", "en": "by ISO week"},
    2: {"id": "per bulan", "en": "by month"},
    3: {"id": "hanya periode pengisian", "en": "survey period only"},
}


@dataclass(frozen=True)
class QuasiColumn:
    """One quasi-identifier column: its cells at every level, and their labels."""

    name: str
    #: ``cells[level][code]``: what the export shows for a code at a level.
    cells: tuple[tuple[Cell, ...], ...]
    #: Value labels per level (``{}`` for the date, whose cells say what they are).
    labels: tuple[dict[str, Labels], ...]
    hierarchy: Hierarchy
    #: Level-0 cell -> code, to find a streamed row's combination.
    codes: dict[Cell, int] = field(default_factory=dict)

    def describe(self, level: int) -> Labels:
        """How the column was coarsened, for the codebook and the risk report."""
        if self.name == SUBMITTED_ON:
            return _PERIODS[level]
        groups, height = len(set(self.cells[level]) - {None}), self.hierarchy.height
        return {
            "id": f"dikelompokkan ke tingkat {level} dari {height} ({groups} kelompok)",
            "en": f"grouped at level {level} of {height} "
            f"({groups} group{'' if groups == 1 else 's'})",
        }


def quasi_questions(form: Form) -> list[SelectOne]:
    """The questions that are quasi-identifiers, in form order."""
    return [
        q for q in form.questions.values() if isinstance(q, SelectOne) and q.is_quasi_identifier
    ]


def released_values(question: Question) -> set[str]:
    """Values a protected export may show besides the choices: groups and the marker."""
    if not isinstance(question, SelectOne) or not question.is_quasi_identifier:
        return set()
    return {MARKER, *(group_value(g) for level in question.hierarchy for g in level.groups)}


def choice_column(question: SelectOne, spec: FormSpec) -> QuasiColumn:
    choices = question.values(spec)
    values: list[Cell] = [None, *choices]
    choice_labels = _choice_labels(question, spec)
    cells, labels, levels = [tuple(values)], [choice_labels], []
    for level, mapping in zip(question.hierarchy, level_maps(question.hierarchy), strict=True):
        groups: list[Cell] = [None, *dict.fromkeys(group_value(g) for g in level.groups)]
        levels.append(np.array([0, *(groups.index(mapping[v]) for v in choices)]))
        cells.append(tuple(groups))
        labels.append(_group_labels(level, choice_labels, spec))
    hierarchy = Hierarchy(question.name, tuple(levels))
    codes = {cell: code for code, cell in enumerate(values)}
    return QuasiColumn(question.name, tuple(cells), tuple(labels), hierarchy, codes)


def _choice_labels(question: SelectOne, spec: FormSpec) -> dict[str, Labels]:
    return {c.value: _local(c.label, spec) for c in spec.choice_lists.get(question.choices, [])}


def _group_labels(
    level: HierarchyLevel, choice_labels: dict[str, Labels], spec: FormSpec
) -> dict[str, Labels]:
    return {
        group_value(g): choice_labels[g.choices[0]] if g.label is None else _local(g.label, spec)
        for g in level.groups
    }


def _local(text: str | dict[str, str], spec: FormSpec) -> Labels:
    return {language: localize(text, language, spec.default_language) for language in LANGUAGES}


def date_column(days: Sequence[dt.date]) -> QuasiColumn:
    """The submission date over the sorted distinct ``days`` of the campaign."""
    weeks = [f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in days]
    months = [d.strftime("%Y-%m") for d in days]
    period = f"{days[0].isoformat()}/{days[-1].isoformat()}" if days else ""
    levels = [_dense(weeks), _dense(months), np.zeros(len(days), dtype=np.int64)]
    cells = (
        tuple(d.isoformat() for d in days),
        tuple(dict.fromkeys(weeks)),
        tuple(dict.fromkeys(months)),
        (period,),
    )
    codes: dict[Cell, int] = {d.isoformat(): code for code, d in enumerate(days)}
    hierarchy = Hierarchy(SUBMITTED_ON, tuple(levels), lowest=1)
    return QuasiColumn(SUBMITTED_ON, cells, ({},) * 4, hierarchy, codes)


def _dense(keys: list[str]) -> np.ndarray:
    """Sorted keys (days in order give weeks and months in order) -> 0, 1, 2 ..."""
    order = {key: index for index, key in enumerate(dict.fromkeys(keys))}
    return np.array([order[key] for key in keys], dtype=np.int64)
