"""Numeric questions: integer and decimal, with optional bounds."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from .base import Answer, AnswerError, ColumnMeaning, Finding, Question, check_range
from .registry import register

if TYPE_CHECKING:
    from ..spec import FormSpec


class NumberQuestion(Question):
    min: float | None = None
    max: float | None = None

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        return ColumnMeaning("numeric", "scale")

    def numeric_columns(self) -> tuple[str, ...]:
        return (self.name,)

    def numeric_values(self, answer: Answer | None) -> tuple[float, ...]:
        return (math.nan if answer is None else float(answer),)

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        yield from check_range(self.min, self.max)

    def _bounded(self, number: float) -> None:
        if (self.min is not None and number < self.min) or (
            self.max is not None and number > self.max
        ):
            raise AnswerError("out_of_range", self.name, min=self.min, max=self.max)


@register("integer")
class Integer(NumberQuestion):
    type: Literal["integer"]
    min: int | None = None
    max: int | None = None

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        try:
            number = int(value.replace(" ", ""), 10)
        except ValueError:
            raise AnswerError("not_integer", self.name) from None
        self._bounded(number)
        return number

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        low = int(self.min) if self.min is not None else 0
        high = int(self.max) if self.max is not None else low + 100
        return min(high, low + int(rng.expovariate(4 / max(1, high - low))))


@register("decimal")
class Decimal(NumberQuestion):
    type: Literal["decimal"]

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise AnswerError("not_number", self.name) from None
        if not math.isfinite(number):
            raise AnswerError("not_number", self.name)
        self._bounded(number)
        return number

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        low = self.min if self.min is not None else 0.0
        high = self.max if self.max is not None else low + 100.0
        return round(rng.uniform(low, high), 2)
