"""The codebook of a response export: one entry per column, built from the form once.

Each entry gives the column's name, its label in Indonesian and English, its type
(numeric, string or date), its level of measurement, its value labels (choice value ->
label, scale point -> label, 0/1 -> not selected/selected) and the SPSS variable name
that the SAV export uses for it. Entries come from each question's ``export_columns``,
so the codebook always lines up with :func:`~.responses.response_table`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..questionnaire import Form
from ..questionnaire.spec import FormSpec
from ..questionnaire.text import LocalText, localize
from ..questionnaire.types import Question

LANGUAGES = ("id", "en")
ColumnType = Literal["numeric", "string", "date"]
Measure = Literal["nominal", "ordinal", "scale"]
Code = str | int
#: A text in every export language: ``{"id": ..., "en": ...}``.
Labels = dict[str, str]

#: SPSS keywords that cannot name a variable.
_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}
_SPSS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
SPSS_NAME_BYTES = 64


@dataclass(frozen=True)
class Entry:
    #: The export column, e.g. ``integritas/importance``.
    variable: str
    label: Labels
    type: ColumnType
    measure: Measure = "nominal"
    #: Code -> label in every language; for a ``space_separated`` cell, each code's label.
    values: dict[Code, Labels] = field(default_factory=dict)
    #: The cell holds several codes separated by spaces (select_multiple, ranking).
    space_separated: bool = False
    #: The variable's name in SPSS (``/`` and other characters mapped to ``_``, unique).
    spss_name: str = ""

    def value_labels(self, language: str) -> dict[Code, str]:
        return {code: labels[language] for code, labels in self.values.items()}


@dataclass(frozen=True)
class Codebook:
    entries: tuple[Entry, ...]

    @property
    def variables(self) -> list[str]:
        return [entry.variable for entry in self.entries]

    def headers(self, language: str) -> list[str]:
        """Labels as column headers; a label used twice gets its column name appended."""
        labels = [entry.label[language] for entry in self.entries]
        uses = Counter(labels)
        return [
            f"{label} [{entry.variable}]" if uses[label] > 1 else label
            for label, entry in zip(labels, self.entries, strict=True)
        ]


_FIXED = (
    Entry("response_id", {"id": "ID respons (acak)", "en": "Response id (random)"}, "string"),
    Entry("submitted_on", {"id": "Tanggal pengiriman", "en": "Date submitted"}, "date", "scale"),
)


def build_codebook(form: Form) -> Codebook:
    """The codebook of ``response_table(campaign, form)``, column for column."""
    entries = list(_FIXED)
    for question in form.questions.values():
        entries += [_entry(question, form.spec, c) for c in question.export_columns(form.spec)]
    names = spss_names([entry.variable for entry in entries])
    return Codebook(tuple(replace(e, spss_name=n) for e, n in zip(entries, names, strict=True)))


def spss_names(columns: Sequence[str]) -> list[str]:
    """Valid, unique (ignoring case) SPSS names of at most 64 bytes, in column order.

    A column that already is a valid name keeps it; the others map every character
    outside ``[A-Za-z0-9_]`` to ``_`` and, on a clash, get a ``_2``, ``_3`` ... suffix.
    """
    taken: set[str] = set()
    kept: list[bool] = []
    for column in columns:
        kept.append(_is_spss_name(column) and column.lower() not in taken)
        if kept[-1]:
            taken.add(column.lower())
    return [
        column if keep else _unique(_spss_base(column), taken)
        for column, keep in zip(columns, kept, strict=True)
    ]


def _is_spss_name(name: str) -> bool:
    return _SPSS_NAME.fullmatch(name) is not None and name.upper() not in _RESERVED


def _spss_base(column: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", column)
    if not name[:1].isalpha() or name.upper() in _RESERVED:
        name = "v" + name
    return name[:SPSS_NAME_BYTES]


def _unique(base: str, taken: set[str]) -> str:
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        name = base[: SPSS_NAME_BYTES - len(f"_{number}")] + f"_{number}"
    taken.add(name.lower())
    return name


def _local(text: LocalText, spec: FormSpec) -> Labels:
    return {language: localize(text, language, spec.default_language) for language in LANGUAGES}


def _entry(question: Question, spec: FormSpec, column: str) -> Entry:
    """The column as its question's type describes it (:meth:`Question.column_meaning`)."""
    meaning = question.column_meaning(column, spec)
    label = _local(question.label, spec)
    if meaning.detail is not None:
        detail = _local(meaning.detail, spec)
        label = {language: f"{label[language]}: {detail[language]}" for language in LANGUAGES}
    values = {code: _local(text, spec) for code, text in meaning.values.items()}
    return Entry(column, label, meaning.type, meaning.measure, values, meaning.space_separated)


def describe_values(entry: Entry, language: str) -> str:
    """Value labels as one line: ``pns: PNS; pppk: PPPK``."""
    return "; ".join(f"{code}: {label}" for code, label in entry.value_labels(language).items())
