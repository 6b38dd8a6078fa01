"""Questions answered from a choice list: select_one, select_multiple, ranking."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..text import LocalText
from .base import (
    Answer,
    AnswerError,
    ColumnMeaning,
    Finding,
    Question,
    RawAnswers,
    check_list,
    single_value,
)
from .hierarchy import HierarchyLevel, hierarchy_findings
from .registry import register

if TYPE_CHECKING:
    from ..spec import FormSpec

#: The labels of a select_multiple's 0/1 column per choice.
PICKED: dict[str | int, LocalText] = {
    0: {"id": "Tidak dipilih", "en": "Not selected"},
    1: {"id": "Dipilih", "en": "Selected"},
}


class ChoiceQuestion(Question):
    choices: str = Field(description="Name of a list under choice_lists")

    #: An answer holds several codes (exported space-separated).
    several: ClassVar[bool] = True

    def values(self, form: FormSpec) -> list[str]:
        return [choice.value for choice in form.choice_lists.get(self.choices, [])]

    def value_labels(self, form: FormSpec) -> dict[str, LocalText]:
        return {c.value: c.label for c in form.choice_lists.get(self.choices, [])}

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        """select_one: one code; select_multiple and ranking: codes, first place first."""
        values: dict[str | int, LocalText] = {k: v for k, v in self.value_labels(form).items()}
        return ColumnMeaning("string", "nominal", values, space_separated=self.several)

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        yield from check_list(form, self.choices)

    def _known(self, value: str, form: FormSpec, field: str | None = None) -> str:
        if value not in self.values(form):
            raise AnswerError("invalid_choice", field or self.name)
        return value


@register("select_one")
class SelectOne(ChoiceQuestion):
    several: ClassVar[bool] = False
    type: Literal["select_one"]
    hierarchy: list[HierarchyLevel] = Field(
        default_factory=list,
        description="Coarser levels for protected exports, each merging groups of the one "
        "before (a quasi-identifier's only)",
    )

    may_be_quasi_identifier: ClassVar[bool] = True

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        if self.hierarchy and not self.is_quasi_identifier:
            message = (
                "hierarchy is only used on a quasi-identifier "
                "(add quasi_identifier: true, or report_group: true)"
            )
            yield ("hierarchy",), message
        if self.hierarchy and self.choices in form.choice_lists:
            yield from hierarchy_findings(self.hierarchy, self.values(form))

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        return self._known(value, form)

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        return rng.choice(self.values(form))

    def every_answer(self, form: FormSpec) -> list[Answer]:
        return list(self.values(form))


@register("select_multiple")
class SelectMultiple(ChoiceQuestion):
    type: Literal["select_multiple"]
    max_selected: int | None = Field(default=None, ge=1)

    def parse(self, raw: RawAnswers, form: FormSpec) -> Answer | None:
        picked = [value.strip() for value in raw.get(self.name, ()) if value.strip()]
        if len(set(picked)) != len(picked):
            raise AnswerError("tampered", self.name)
        for value in picked:
            self._known(value, form)
        if self.max_selected is not None and len(picked) > self.max_selected:
            raise AnswerError("too_many", self.name, limit=self.max_selected)
        order = self.values(form)
        return sorted(picked, key=order.index) or None

    def as_form_values(self, answer: Answer | None) -> dict[str, list[str]]:
        return {self.name: list(answer or [])}

    def export_columns(self, form: FormSpec) -> list[str]:
        """The codes space-separated, then one 0/1 column per choice, by value."""
        return [self.name, *(f"{self.name}/{value}" for value in self.values(form))]

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        """The picked codes, then one 0/1 column per choice."""
        if column == self.name:
            return super().column_meaning(column, form)
        choice = self.value_labels(form)[column.removeprefix(f"{self.name}/")]
        return ColumnMeaning("numeric", values=PICKED, detail=choice)

    def export_values(self, answer: Answer | None, form: FormSpec) -> list[str | float | None]:
        values = self.values(form)
        if answer is None:
            return [None] * (1 + len(values))
        return [" ".join(answer), *(1.0 if value in answer else 0.0 for value in values)]

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        available = len(self.values(form))
        if self.max_selected is not None and available and self.max_selected > available:
            yield (
                ("max_selected",),
                f"max_selected ({self.max_selected}) exceeds the {available} choices",
            )

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        values = self.values(form)
        count = rng.randint(1, self.max_selected or min(3, len(values)))
        picked = set(rng.sample(values, count))
        return [value for value in values if value in picked]


@register("ranking")
class Ranking(ChoiceQuestion):
    """Order the top ``top`` items of a list; posted as ``name/1`` .. ``name/top``."""

    type: Literal["ranking"]
    top: int = Field(default=3, ge=1, le=20)

    def field_names(self) -> list[str]:
        return [f"{self.name}/{place}" for place in range(1, self.top + 1)]

    def parse(self, raw: RawAnswers, form: FormSpec) -> Answer | None:
        picks = [single_value(raw, field) for field in self.field_names()]
        filled = [pick for pick in picks if pick]
        if not filled:
            return None
        if "" in picks[: len(filled)]:
            raise AnswerError("ranking_gap", self.field_names()[0])
        if len(set(filled)) != len(filled):
            raise AnswerError("ranking_repeat", self.field_names()[0])
        if self.required and len(filled) < min(self.top, len(self.values(form))):
            raise AnswerError("ranking_incomplete", self.field_names()[0], count=self.top)
        return [self._known(pick, form, self.field_names()[0]) for pick in filled]

    def as_form_values(self, answer: Answer | None) -> dict[str, list[str]]:
        ranked = list(answer or [])
        return {field: [ranked[i]] for i, field in enumerate(self.field_names()) if i < len(ranked)}

    def export_values(self, answer: Answer | None, form: FormSpec) -> list[str | float | None]:
        """The ranked codes, first place first, space-separated."""
        return [None if answer is None else " ".join(answer)]

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        available = len(self.values(form))
        if available and self.top > available:
            yield ("top",), f"top ({self.top}) exceeds the {available} choices"

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        values = self.values(form)
        return rng.sample(values, min(self.top, len(values)))
