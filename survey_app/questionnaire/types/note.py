"""A display-only note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .base import Answer, Question, RawAnswers
from .registry import register

if TYPE_CHECKING:
    from ..spec import FormSpec


@register("note")
class Note(Question):
    type: Literal["note"]
    has_answer = False

    def field_names(self) -> list[str]:
        return []

    def parse(self, raw: RawAnswers, form: FormSpec) -> Answer | None:
        return None
