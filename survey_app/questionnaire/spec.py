"""The questionnaire format as typed, frozen models (the JSON Schema: :mod:`.json_schema`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from .text import LocalText
from .types import QUESTION_TYPES
from .types.base import NAME_PATTERN, Question

FORM_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
#: A competency code of the city's dictionary: ``M.1``, ``SK.1``, ``T.10``.
COMPETENCY_CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$"

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


class CatalogueCompetency(Spec):
    """One entry of the competency dictionary a ``repeat_for`` question is repeated over."""

    code: str = Field(pattern=COMPETENCY_CODE_PATTERN, max_length=32)
    group: Literal["manajerial", "sosial_kultural", "teknis"]
    label: LocalText


class FormSpec(FormBase):
    """A whole questionnaire file."""

    kind: Literal["survey"] = "survey"
    competencies: list[CatalogueCompetency] = Field(
        default_factory=list,
        description="The competency dictionary that `repeat_for: targeted_competencies` "
        "questions are repeated over (the same codes as the needs survey)",
    )
    sections: list[Section] = Field(min_length=1)

    @model_serializer(mode="wrap")
    def _omit_empty_catalogue(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Files without a catalogue keep the content hash they had before the key existed."""
        data = handler(self)
        if isinstance(data, dict) and not data.get("competencies", True):
            del data["competencies"]
        return data
