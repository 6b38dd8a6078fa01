"""The questionnaire format as typed, frozen models (the JSON Schema: :mod:`.json_schema`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from .text import LocalText
from .types import QUESTION_TYPES
from .types.base import NAME_PATTERN, Question

FORM_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

if TYPE_CHECKING:
    AnyQuestion = Question
else:  # one discriminated union over every registered question type
    AnyQuestion = Annotated[Union[tuple(QUESTION_TYPES.values())], Field(discriminator="type")]  # noqa: UP007


class Spec(BaseModel):
    #: ``.nan`` and ``.inf`` are no number a questionnaire can mean (``min: .nan`` let -1 in).
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Choice(Spec):
    value: str = Field(pattern=r"^[A-Za-z0-9_.-]+$", max_length=64)
    label: LocalText


class ScalePoint(Spec):
    value: int
    label: LocalText


class Scale(Spec):
    points: list[ScalePoint] = Field(min_length=2)

    def values(self) -> list[int]:
        return [point.value for point in self.points]


class Section(Spec):
    name: str = Field(pattern=NAME_PATTERN, max_length=64)
    title: LocalText
    description: LocalText | None = None
    relevant: str | None = None
    questions: list[AnyQuestion] = Field(min_length=1)


class FormBase(Spec):
    """The keys every questionnaire file shares, whatever its ``kind``."""

    form_id: str = Field(pattern=FORM_ID_PATTERN, max_length=64)
    version: str = Field(min_length=1, max_length=32, description="Your own version label")
    kind: str
    title: LocalText
    description: LocalText | None = None
    languages: list[Literal["id", "en"]] = Field(default=["id", "en"], min_length=1)
    choice_lists: dict[str, list[Choice]] = Field(default_factory=dict)
    scales: dict[str, Scale] = Field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]


class FormSpec(FormBase):
    """A whole questionnaire file."""

    kind: Literal["survey"] = "survey"
    sections: list[Section] = Field(min_length=1)
