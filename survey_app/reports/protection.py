"""Protected response exports: the table's quasi-identifier and free-text cells, released.

Before the rows stream, one pass reads the quasi-identifiers (:mod:`.quasi_data`) and
:func:`~survey_app.analysis.anonymize.protect` decides, per combination of their values,
what the export shows: the recoded value or the marker :data:`MARKER` for each
quasi-identifier, and whether the row's free text is withheld (then the cell says
why). The rows are then rewritten as they stream, looked up by their combination, so
memory holds the combinations, not the rows. Competency ratings and every other column
pass unchanged. A row submitted after that pass (its day or combination unknown) gets
every quasi-identifier suppressed and its free text withheld.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..analysis.anonymize import Protection, protect
from ..campaigns.models import Campaign
from ..questionnaire import Form
from ..questionnaire.types.textual import TextQuestion
from .codebook import LANGUAGES, Code, Codebook, Entry, Labels
from .quasi import MARKER, QuasiColumn
from .quasi_data import QuasiTable, read_quasi
from .responses import Cell, Table

MARKER_LABEL: Labels = {
    "id": "Disembunyikan untuk melindungi anonimitas",
    "en": "Suppressed to protect anonymity",
}
#: Recoding aims at no more than this share of rows below k; suppression does the rest.
MAX_SHARE_BELOW_K = 0.05


def withheld_text(k: int) -> Labels:
    """What a withheld free-text cell says instead of the text."""
    return {
        "id": f"[ditahan: kurang dari {k} responden memiliki profil yang sama]",
        "en": f"[withheld: fewer than {k} respondents share this profile]",
    }


@dataclass
class Tally:
    """Counted while the rows stream (the risk report of a file states them)."""

    text_cells_withheld: int = 0
    #: Rows submitted after the protection was computed: every quasi-identifier suppressed.
    late_rows: int = 0


@dataclass(frozen=True)
class Assessment:
    """A campaign's quasi-identifiers and what protection does with them."""

    quasi: QuasiTable
    protection: Protection

    @property
    def levels(self) -> tuple[int, ...]:
        return self.protection.levels


def assess(campaign: Campaign, form: Form) -> Assessment:
    """Read the quasi-identifiers and protect them at the campaign's minimum cell size."""
    quasi = read_quasi(campaign.id, form)
    hierarchies = [column.hierarchy for column in quasi.columns]
    protection = protect(quasi.codes, hierarchies, campaign.min_cell_size, MAX_SHARE_BELOW_K)
    return Assessment(quasi, protection)


@dataclass(frozen=True)
class Plan:
    """Per combination ``c``: the released cells and whether free text is withheld."""

    index: dict[tuple[int, ...], int]
    cells: list[tuple[Cell, ...]]
    withheld: list[bool]
    tally: Tally = field(default_factory=Tally)

    @classmethod
    def of(cls, assessment: Assessment) -> Plan:
        protection = assessment.protection
        index = {tuple(row): c for c, row in enumerate(protection.rows.tolist())}
        codes, hidden = protection.distinct_codes.tolist(), protection.distinct_suppressed.tolist()
        cells = [_cells(assessment, *row) for row in zip(codes, hidden, strict=True)]
        return cls(index, cells, protection.distinct_withheld.tolist())


def _cells(assessment: Assessment, codes: list[int], hidden: list[bool]) -> tuple[Cell, ...]:
    """What the export shows for one combination: each column's cell at its level, or *."""
    columns, levels = assessment.quasi.columns, assessment.levels
    return tuple(
        MARKER if blank else column.cells[level][code]
        for column, level, code, blank in zip(columns, levels, codes, hidden, strict=True)
    )


def protect_rows(
    table: Table, assessment: Assessment, text_columns: list[str], note: str, plan: Plan
) -> Table:
    """``table`` with its quasi-identifier cells released and small classes' text withheld."""
    columns = assessment.quasi.columns
    positions = [table.columns.index(column.name) for column in columns]
    texts = [table.columns.index(name) for name in text_columns]
    rows = _released(table.rows, positions, [c.codes for c in columns], texts, note, plan)
    return replace(table, rows=rows)


def _released(
    rows: Iterator[list[Cell]],
    positions: list[int],
    codes: list[Mapping[Any, int]],
    texts: list[int],
    note: str,
    plan: Plan,
) -> Iterator[list[Cell]]:
    late = (MARKER,) * len(positions)
    for row in rows:
        key = tuple(code.get(row[p], -1) for code, p in zip(codes, positions, strict=True))
        combination = plan.index.get(key)
        if combination is None:
            plan.tally.late_rows += 1
        cells = late if combination is None else plan.cells[combination]
        for position, cell in zip(positions, cells, strict=True):
            row[position] = cell
        if combination is None or plan.withheld[combination]:
            for position in texts:
                if row[position] not in (None, ""):
                    row[position] = note
                    plan.tally.text_cells_withheld += 1
        yield row


def text_columns(form: Form) -> list[str]:
    """The free-text answers (``text``, ``long_text``): withheld in small classes."""
    return [q.name for q in form.questions.values() if isinstance(q, TextQuestion)]


def protected_codebook(codebook: Codebook, assessment: Assessment, texts: list[str]) -> Codebook:
    """Quasi-identifier entries relabelled for their level, marker and notes; text notes."""
    by_name = {column.name: (i, column) for i, column in enumerate(assessment.quasi.columns)}
    entries = []
    for entry in codebook.entries:
        if entry.variable in by_name:
            entry = _quasi_entry(entry, assessment, *by_name[entry.variable])
        elif entry.variable in texts:
            entry = _noted(entry, withheld_note(assessment.protection.k))
        entries.append(entry)
    return Codebook(tuple(entries))


def _quasi_entry(entry: Entry, assessment: Assessment, index: int, column: QuasiColumn) -> Entry:
    """The column's values at its level, the marker's label, and a note when changed."""
    level = assessment.levels[index]
    suppressed = suppressed_per_column(assessment)[column.name]
    shown = column.labels[level] or entry.values
    values: dict[Code, Labels] = {code: label for code, label in shown.items()}
    values[MARKER] = MARKER_LABEL
    entry = replace(entry, values=values)
    if level == 0 and not suppressed:
        return entry
    if entry.type == "date":  # an ISO week, a month or a period: text, in order
        entry = replace(entry, type="string", measure="ordinal", values={MARKER: MARKER_LABEL})
    return _noted(entry, quasi_note(column.describe(level) if level else None, suppressed))


_PROTECTED: Labels = {"id": "disamarkan", "en": "protected"}
_CELLS: Labels = {"id": "sel disembunyikan", "en": "cells suppressed"}


def quasi_note(recoded: Labels | None, suppressed: int) -> Labels:
    """``protected: grouped at level 1 of 2 (3 groups); 12 cells suppressed (*)``."""

    def words(language: str) -> str:
        parts = [recoded[language]] if recoded else []
        if suppressed:
            parts.append(f"{suppressed} {_CELLS[language]} ({MARKER})")
        return f"{_PROTECTED[language]}: {'; '.join(parts)}"

    return {language: words(language) for language in LANGUAGES}


def withheld_note(k: int) -> Labels:
    return {
        "id": f"ditahan bila kurang dari {k} responden memiliki profil yang sama",
        "en": f"withheld where fewer than {k} respondents share the profile",
    }


def _noted(entry: Entry, note: Labels) -> Entry:
    return replace(
        entry, label={lang: f"{text} [{note[lang]}]" for lang, text in entry.label.items()}
    )


def suppressed_per_column(assessment: Assessment) -> dict[str, int]:
    per_column = assessment.protection.weights @ assessment.protection.distinct_suppressed
    return dict(
        zip(assessment.quasi.names, (int(v) for v in np.atleast_1d(per_column)), strict=True)
    )
