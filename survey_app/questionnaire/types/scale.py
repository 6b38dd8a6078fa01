"""Questions rated on a named scale: likert, and competency (importance x competence)."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..text import LocalText
from .base import (
    Answer,
    AnswerError,
    ColumnMeaning,
    Finding,
    Question,
    RawAnswers,
    check_scale,
    single_value,
)
from .registry import register

if TYPE_CHECKING:
    from ..spec import FormSpec

DIMENSIONS = ("importance", "competence")
#: How exports name the two ratings of a competency.
DIMENSION_LABELS: dict[str, LocalText] = {
    "importance": {"id": "Tingkat kepentingan", "en": "Importance"},
    "competence": {"id": "Penguasaan saat ini", "en": "Current mastery"},
}


def point_labels(scale: str, form: FormSpec) -> dict[str | int, LocalText]:
    return {p.value: p.label for p in form.scales[scale].points}


def scale_point(value: str, scale: str, form: FormSpec, field: str) -> int:
    points = form.scales[scale].values()
    try:
        number = int(value)
    except ValueError:
        raise AnswerError("invalid_choice", field) from None
    if number not in points:
        raise AnswerError("invalid_choice", field)
    return number


@register("likert")
class Likert(Question):
    type: Literal["likert"]
    scale: str

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        return scale_point(value, self.scale, form, self.name)

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        return ColumnMeaning("numeric", "ordinal", point_labels(self.scale, form))

    def value_labels(self, form: FormSpec) -> dict[str, LocalText]:
        return {str(p.value): p.label for p in form.scales[self.scale].points}

    def rated_columns(self) -> dict[str, str]:
        return {self.name: self.scale}

    def numeric_columns(self) -> tuple[str, ...]:
        return (self.name,)

    def numeric_values(self, answer: Answer | None) -> tuple[float, ...]:
        return (math.nan if answer is None else float(answer),)

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        yield from check_scale(form, self.scale)

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        points = form.scales[self.scale].values()
        return rng.choices(points, weights=range(1, len(points) + 1))[0]

    def every_answer(self, form: FormSpec) -> list[Answer]:
        return list(form.scales[self.scale].values())


@register("competency")
class Competency(Question):
    """One competency rated twice on one scale (Borich 1980): importance, then mastery."""

    type: Literal["competency"]
    code: str = Field(min_length=1, description="Competency code, e.g. M.1 or T.3")
    group: Literal["manajerial", "sosial_kultural", "teknis"]
    scale: str = Field(description="Scale for importance")
    competence_scale: str | None = Field(
        default=None, description="Scale for current competence; same values as `scale`"
    )
    description: LocalText | None = None

    @property
    def mastery_scale(self) -> str:
        return self.competence_scale or self.scale

    def field_names(self) -> list[str]:
        return [f"{self.name}/{dimension}" for dimension in DIMENSIONS]

    def parse(self, raw: RawAnswers, form: FormSpec) -> Answer | None:
        importance, competence = (single_value(raw, field) for field in self.field_names())
        if not importance and not competence:
            return None
        if not importance or not competence:
            missing = self.field_names()[0 if not importance else 1]
            raise AnswerError("both_dimensions", missing)
        return {
            "importance": scale_point(importance, self.scale, form, self.field_names()[0]),
            "competence": scale_point(competence, self.mastery_scale, form, self.field_names()[1]),
        }

    def as_form_values(self, answer: Answer | None) -> dict[str, list[str]]:
        if answer is None:
            return {}
        return {f"{self.name}/{dim}": [str(answer[dim])] for dim in DIMENSIONS}

    def numeric_columns(self) -> tuple[str, ...]:
        return tuple(self.field_names())

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        dimension = column.removeprefix(f"{self.name}/")
        scale = self.scale if dimension == "importance" else self.mastery_scale
        detail = DIMENSION_LABELS[dimension]
        return ColumnMeaning("numeric", "ordinal", point_labels(scale, form), detail)

    def rated_columns(self) -> dict[str, str]:
        return {
            f"{self.name}/importance": self.scale,
            f"{self.name}/competence": self.mastery_scale,
        }

    def export_columns(self, form: FormSpec) -> list[str]:
        return self.field_names()

    def export_values(self, answer: Answer | None, form: FormSpec) -> list[str | float | None]:
        if answer is None:
            return [None, None]
        return [answer["importance"], answer["competence"]]

    def numeric_values(self, answer: Answer | None) -> tuple[float, ...]:
        if answer is None:
            return (math.nan, math.nan)
        return (float(answer["importance"]), float(answer["competence"]))

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        yield from check_scale(form, self.scale)
        if self.competence_scale is not None:
            yield from check_scale(form, self.competence_scale, "competence_scale")
        known = self.scale in form.scales and self.mastery_scale in form.scales
        if known and form.scales[self.scale].values() != form.scales[self.mastery_scale].values():
            yield ("competence_scale",), "importance and competence must use the same scale values"

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        """Importance leans high, mastery a little lower: the usual shape of TNA data."""
        points = form.scales[self.scale].values()
        top = len(points) - 1
        importance = min(top, max(0, round(rng.gauss(top * 0.75, top * 0.2))))
        gap = max(0, round(rng.gauss(top * 0.2 + (sum(map(ord, self.code)) % 3) * 0.2, top * 0.2)))
        return {"importance": points[importance], "competence": points[max(0, importance - gap)]}
