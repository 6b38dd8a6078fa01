"""A competency rated twice on one scale: "before the training" and "now".

The retrospective pre/post design (Howard 1980): asked after a training, when no
pre-test was given. With ``repeat_for: targeted_competencies`` one written question
stands for one concrete question per entry of the form's ``competencies:`` catalogue
(:mod:`..repeat`); a campaign then asks only the codes its activity targets.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final, Literal

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
from .scale import point_labels, scale_point

if TYPE_CHECKING:
    from ..spec import FormSpec

MOMENTS: Final = ("before", "now")
#: How exports and the form name the two ratings.
MOMENT_LABELS: Final[dict[str, LocalText]] = {
    "before": {"id": "Sebelum pelatihan", "en": "Before the training"},
    "now": {"id": "Saat ini", "en": "Now"},
}
PLACEHOLDER: Final = "{competency}"
_SLUG = re.compile(r"[^a-z0-9]+")


def code_slug(code: str) -> str:
    """``SK.1`` -> ``sk_1``: the part a repeated question adds to its name."""
    return _SLUG.sub("_", code.lower()).strip("_")


@register("retrospective")
class Retrospective(Question):
    type: Literal["retrospective"]
    scale: str
    code: str | None = Field(
        default=None, description="The competency rated (a code of `competencies:`)"
    )
    repeat_for: Literal["targeted_competencies"] | None = Field(
        default=None,
        description="Ask once per competency of the catalogue the campaign targets; the "
        "label's {competency} names it",
    )

    @property
    def repeated(self) -> bool:
        """Whether this is one copy of a ``repeat_for`` question (asked only if targeted)."""
        return self.repeat_for is not None and self.code is not None

    def field_names(self) -> list[str]:
        return [f"{self.name}/{moment}" for moment in MOMENTS]

    def parse(self, raw: RawAnswers, form: FormSpec) -> Answer | None:
        before, now = (single_value(raw, field) for field in self.field_names())
        if not before and not now:
            return None
        if not before or not now:
            raise AnswerError("both_moments", self.field_names()[0 if not before else 1])
        fields = self.field_names()
        return {
            "before": scale_point(before, self.scale, form, fields[0]),
            "now": scale_point(now, self.scale, form, fields[1]),
        }

    def as_form_values(self, answer: Answer | None) -> dict[str, list[str]]:
        if answer is None:
            return {}
        return {f"{self.name}/{moment}": [str(answer[moment])] for moment in MOMENTS}

    def numeric_columns(self) -> tuple[str, ...]:
        return tuple(self.field_names())

    def numeric_values(self, answer: Answer | None) -> tuple[float, ...]:
        if answer is None:
            return (math.nan, math.nan)
        return (float(answer["before"]), float(answer["now"]))

    def export_columns(self, form: FormSpec) -> list[str]:
        return self.field_names()

    def export_values(self, answer: Answer | None, form: FormSpec) -> list[str | float | None]:
        return [None, None] if answer is None else [answer["before"], answer["now"]]

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        moment = column.removeprefix(f"{self.name}/")
        labels = point_labels(self.scale, form)
        return ColumnMeaning("numeric", "ordinal", labels, MOMENT_LABELS[moment])

    def rated_columns(self) -> dict[str, str]:
        return {field: self.scale for field in self.field_names()}

    def check(self, form: FormSpec) -> Iterator[Finding]:
        yield from super().check(form)
        yield from check_scale(form, self.scale)
        if self.repeat_for is not None:
            yield from self._check_template(form)
        elif self.code is None:
            yield ("code",), "give the competency's code, or repeat_for: targeted_competencies"
        elif form.competencies and self.code not in {c.code for c in form.competencies}:
            yield ("code",), f"code '{self.code}' is not in the form's competencies catalogue"

    def _check_template(self, form: FormSpec) -> Iterator[Finding]:
        if self.code is not None:
            yield ("code",), "a repeat_for question takes its code from each competency"
        if not form.competencies:
            yield ("repeat_for",), "repeat_for needs the form's competencies: catalogue"
        if self.role is not None:
            yield ("role",), "a repeat_for question cannot carry a role"
        texts = self.label.items() if isinstance(self.label, dict) else [("", self.label)]
        for language, text in texts:
            if PLACEHOLDER not in text:
                path = ("label", language) if language else ("label",)
                yield path, f"the label must name {PLACEHOLDER} (the competency)"

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        """ "Now" leans a point or so above "before": the usual shape of such ratings."""
        points = form.scales[self.scale].values()
        top = len(points) - 1
        before = min(top, max(0, round(rng.gauss(top * 0.4, top * 0.2))))
        gain = max(0, round(rng.gauss(top * 0.25, top * 0.2)))
        return {"before": points[before], "now": points[min(top, before + gain)]}
