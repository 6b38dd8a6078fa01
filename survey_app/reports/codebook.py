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
from functools import singledispatch
from typing import Literal

from ..questionnaire import Form
from ..questionnaire.spec import FormSpec
from ..questionnaire.text import LocalText, localize
from ..questionnaire.types import Question
from ..questionnaire.types.choice import ChoiceQuestion, SelectMultiple, SelectOne
from ..questionnaire.types.number import NumberQuestion
from ..questionnaire.types.scale import Competency, Likert
from ..questionnaire.types.textual import Date

LANGUAGES = ("id", "en")
ColumnType = Literal["numeric", "string", "date"]
Measure = Literal["nominal", "ordinal", "scale"]
Code = str | int
#: A text in every export language: ``{"id": ..., "en": ...}``.
Labels = dict[str, str]

_DIMENSIONS = {
    "importance": {"id": "Tingkat kepentingan", "en": "Importance"},
    "competence": {"id": "Penguasaan saat ini", "en": "Current mastery"},
}
_PICKED: dict[Code, Labels] = {
    0: {"id": "Tidak dipilih", "en": "Not selected"},
    1: {"id": "Dipilih", "en": "Selected"},
}
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


def _joined(first: Labels, second: Labels) -> Labels:
    return {language: f"{first[language]}: {second[language]}" for language in LANGUAGES}


def _choices(question: ChoiceQuestion, spec: FormSpec) -> dict[Code, Labels]:
    return {c.value: _local(c.label, spec) for c in spec.choice_lists.get(question.choices, [])}


def _points(scale: str, spec: FormSpec) -> dict[Code, Labels]:
    return {p.value: _local(p.label, spec) for p in spec.scales[scale].points}


def _suffix(question: Question, column: str) -> str:
    return column.removeprefix(f"{question.name}/")


@singledispatch
def _entry(question: Question, spec: FormSpec, column: str) -> Entry:
    """Free text, and any type without its own description: a string."""
    return Entry(column, _local(question.label, spec), "string")


@_entry.register
def _choice(question: ChoiceQuestion, spec: FormSpec, column: str) -> Entry:
    """select_one: one code; ranking: codes, first place first."""
    separated = not isinstance(question, SelectOne)
    values = _choices(question, spec)
    return Entry(column, _local(question.label, spec), "string", "nominal", values, separated)


@_entry.register
def _multiple(question: SelectMultiple, spec: FormSpec, column: str) -> Entry:
    """The picked codes, then one 0/1 column per choice."""
    if column == question.name:
        return _choice(question, spec, column)
    choice = _choices(question, spec)[_suffix(question, column)]
    return Entry(column, _joined(_local(question.label, spec), choice), "numeric", values=_PICKED)


@_entry.register
def _number(question: NumberQuestion, spec: FormSpec, column: str) -> Entry:
    return Entry(column, _local(question.label, spec), "numeric", "scale")


@_entry.register
def _likert(question: Likert, spec: FormSpec, column: str) -> Entry:
    values = _points(question.scale, spec)
    return Entry(column, _local(question.label, spec), "numeric", "ordinal", values)


@_entry.register
def _competency(question: Competency, spec: FormSpec, column: str) -> Entry:
    dimension = _suffix(question, column)
    scale = question.scale if dimension == "importance" else question.mastery_scale
    label = _joined(_local(question.label, spec), _DIMENSIONS[dimension])
    return Entry(column, label, "numeric", "ordinal", _points(scale, spec))


@_entry.register
def _date(question: Date, spec: FormSpec, column: str) -> Entry:
    return Entry(column, _local(question.label, spec), "date", "scale")


def describe_values(entry: Entry, language: str) -> str:
    """Value labels as one line: ``pns: PNS; pppk: PPPK``."""
    return "; ".join(f"{code}: {label}" for code, label in entry.value_labels(language).items())
