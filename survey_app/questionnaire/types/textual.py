"""Free text and dates: text, long_text, date."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field

from ..patterns import PatternError, compile_pattern, pattern_problem
from ..text import LocalText
from .base import Answer, AnswerError, ColumnMeaning, Finding, Question
from .registry import register

if TYPE_CHECKING:
    from ..spec import FormSpec

DEMO_TEXT = "Contoh jawaban (data demo)"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


#: Longest answer to a ``text`` question that sets no ``max_length``.
TEXT_MAX_LENGTH: Final = 200
#: Longest answer to a ``long_text`` question that sets no ``max_length``.
LONG_TEXT_MAX_LENGTH: Final = 2000


class TextQuestion(Question):
    max_length: int = Field(default=TEXT_MAX_LENGTH, ge=1, le=10_000)

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        text = _CONTROL.sub("", value).replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(text) > self.max_length:
            raise AnswerError("too_long", self.name, limit=self.max_length)
        return text

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        """Free text stays empty unless required: invented prose would only be noise."""
        return DEMO_TEXT[: self.max_length] if self.required else None


@register("text")
class Text(TextQuestion):
    type: Literal["text"]
    pattern: str | None = Field(
        default=None,
        description="RE2 regular expression the whole answer must match "
        "(no backreferences, no lookaround)",
    )
    pattern_message: LocalText | None = Field(
        default=None, description="Shown when the answer does not match `pattern`"
    )

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        text = super().random_answer(rng, form)
        if text is not None and not self._matches(text):
            return None  # the generator then reports that it cannot answer this question
        return text

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        text = super().parse_text(value, form)  # refuses text over max_length first
        if not self._matches(text):
            raise AnswerError("pattern", self.name, message=self.pattern_message)
        return text

    def _matches(self, text: str) -> bool:
        """Linear in ``len(text)`` whatever the pattern (RE2); compiled once per process.

        A pattern RE2 refuses is a validation error, so only a version stored before
        patterns were RE2 can hold one; it is not enforced rather than failing every page.
        """
        if self.pattern is None:
            return True
        try:
            return compile_pattern(self.pattern).fullmatch(text)
        except PatternError:
            return True

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        if self.pattern is not None and (problem := pattern_problem(self.pattern)):
            yield ("pattern",), problem
        if self.pattern is None and self.pattern_message is not None:
            yield ("pattern_message",), "pattern_message is only used together with pattern"


@register("long_text")
class LongText(TextQuestion):
    type: Literal["long_text"]
    max_length: int = Field(default=LONG_TEXT_MAX_LENGTH, ge=1, le=10_000)


@register("date")
class Date(Question):
    type: Literal["date"]
    min: dt.date | None = None
    max: dt.date | None = None

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        return ColumnMeaning("date", "scale")

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise AnswerError("not_date", self.name) from None
        if (self.min and day < self.min) or (self.max and day > self.max):
            raise AnswerError("out_of_range", self.name, min=self.min, max=self.max)
        return day.isoformat()

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        if self.min and self.max and self.min >= self.max:
            yield ("min",), f"min ({self.min}) must be before max ({self.max})"

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        low = self.min or dt.date(2020, 1, 1)
        high = self.max or dt.date(2026, 12, 31)
        return dt.date.fromordinal(rng.randint(low.toordinal(), high.toordinal())).isoformat()
