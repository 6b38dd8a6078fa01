"""The base of every question type: shared keys and the behaviour a type declares.

A question type is one small class. It says how its answer is read from a form
post, stored, laid out for numeric analysis, and invented by the demo generator.
The renderer, validator, exporter and analysis all ask the type.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from ..roles import Role
from ..text import LocalText

if TYPE_CHECKING:
    from ..spec import FormSpec

#: A form post as lists of strings per field name (``MultiDict.to_dict(flat=False)``).
RawAnswers: TypeAlias = Mapping[str, Sequence[str]]
#: A stored answer: JSON-compatible.
Answer: TypeAlias = Any
#: A semantic problem: the sub-path inside the question and the message.
Finding: TypeAlias = tuple[tuple[str | int, ...], str]

NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
#: Keys left out of a question's canonical form while unset (empty or false).
_PROTECTION_KEYS = ("quasi_identifier", "hierarchy", "role")


@dataclass(frozen=True)
class ColumnMeaning:
    """What one export column holds: for codebooks (SPSS, XLSX) and the offline reader."""

    type: Literal["numeric", "string", "date"] = "string"
    measure: Literal["nominal", "ordinal", "scale"] = "nominal"
    #: Code -> its label (choices, scale points, 0/1).
    values: Mapping[str | int, LocalText] = field(default_factory=dict)
    #: Said after the question's label: a rated dimension, or the choice of a 0/1 column.
    detail: LocalText | None = None
    #: The cell holds several codes separated by spaces (select_multiple, ranking).
    space_separated: bool = False


class AnswerError(ValueError):
    """An answer that cannot be accepted; ``kind`` names a translatable message."""

    def __init__(self, kind: str, field: str | None = None, **params: Any) -> None:
        super().__init__(kind)
        self.kind = kind
        self.field = field
        self.params = params


class Question(BaseModel):
    #: Numbers must be finite: ``min: .nan`` would compare false with every answer.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(pattern=NAME_PATTERN, max_length=64)
    type: str
    label: LocalText
    hint: LocalText | None = None
    required: bool = False
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: LocalText | None = None
    appearance: str | None = None
    report_group: bool = False
    quasi_identifier: bool = Field(
        default=False,
        description="Can single a respondent out together with other answers: protected "
        "in response exports (report groups are quasi-identifiers anyway)",
    )
    role: Role | None = Field(
        default=None,
        description="What the question means to the policy draft or the training "
        "evaluation (at most one question per role, except training_reaction): "
        "development_forms, training_hours, mentoring_benefit, wants_mentoring, "
        "mentoring_mode, willing_to_mentor, training_relevance, training_reaction, "
        "training_applied",
    )

    #: Whether the type stores an answer at all (``note`` does not).
    has_answer: ClassVar[bool] = True
    #: Whether ``quasi_identifier: true`` is allowed (a few categories; see the format doc).
    may_be_quasi_identifier: ClassVar[bool] = False

    @model_serializer(mode="wrap")
    def _omit_unset_protection(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Leave the protection keys out while unset, so forms written before they existed
        keep their content hash (a new key would otherwise make every form a new version)."""
        data = handler(self)
        for key in _PROTECTION_KEYS:
            if isinstance(data, dict) and not data.get(key, True):
                del data[key]
        return data

    @property
    def is_quasi_identifier(self) -> bool:
        return self.report_group or self.quasi_identifier

    def field_names(self) -> list[str]:
        """The names of the form inputs this question posts."""
        return [self.name]

    def parse(self, raw: RawAnswers, form: FormSpec) -> Answer | None:
        """The stored answer for a post, ``None`` when left empty; raises AnswerError."""
        value = single_value(raw, self.name)
        answer = None if value == "" else self.parse_text(value, form)
        return None if answer == "" else answer  # e.g. text that was only control characters

    def parse_text(self, value: str, form: FormSpec) -> Answer:
        return value

    def numeric_columns(self) -> tuple[str, ...]:
        """Columns this question adds to the campaign's numeric matrix."""
        return ()

    def numeric_values(self, answer: Answer | None) -> tuple[float, ...]:
        return ()

    def export_columns(self, form: FormSpec) -> list[str]:
        """Column names in exports; stable across versions (a name never changes type)."""
        return [self.name] if self.has_answer else []

    def export_values(self, answer: Answer | None, form: FormSpec) -> list[str | float | None]:
        """One cell per export column, ``None`` when unanswered."""
        return [answer] if self.has_answer else []

    def column_meaning(self, column: str, form: FormSpec) -> ColumnMeaning:
        """What ``column`` (one of :meth:`export_columns`) holds; free text by default."""
        return ColumnMeaning()

    def value_labels(self, form: FormSpec) -> dict[str, LocalText]:
        """Each possible answer value (as text) and its label, in the form's order."""
        return {}

    def rated_columns(self) -> dict[str, str]:
        """Export columns rated on a scale -> the scale's name (checked offline)."""
        return {}

    def as_form_values(self, answer: Answer | None) -> dict[str, list[str]]:
        """The stored answer shown back in the form inputs."""
        return {} if answer is None else {self.name: [str(answer)]}

    def random_answer(self, rng: random.Random, form: FormSpec) -> Answer | None:
        return None

    def every_answer(self, form: FormSpec) -> list[Answer]:
        """All possible answers when there are few (choices, scale points), else none."""
        return []

    def check(self, form: FormSpec) -> Iterator[Finding]:
        """Semantic problems beyond the schema (unknown lists, min >= max, ...); a type
        that adds its own yields these first."""
        if self.quasi_identifier and not self.may_be_quasi_identifier:
            message = (
                f"quasi_identifier is only allowed on select_one questions, not {self.type} "
                "(ask numbers and dates in bands, as a select_one)"
            )
            yield ("quasi_identifier",), message


def single_value(raw: RawAnswers, name: str) -> str:
    """The one value posted for ``name``; two values mean a tampered post."""
    values = raw.get(name, ())
    if len(values) > 1:
        raise AnswerError("tampered", name)
    return values[0].strip() if values else ""


def check_range(low: float | None, high: float | None) -> Iterator[Finding]:
    if low is not None and high is not None and low >= high:
        yield ("min",), f"min ({low}) must be less than max ({high})"


def check_list(form: FormSpec, list_name: str) -> Iterator[Finding]:
    if list_name not in form.choice_lists:
        known = ", ".join(sorted(form.choice_lists)) or "none"
        yield ("choices",), f"unknown choice list '{list_name}' (declared: {known})"


def check_scale(form: FormSpec, scale: str, key: str = "scale") -> Iterator[Finding]:
    if scale not in form.scales:
        known = ", ".join(sorted(form.scales)) or "none"
        yield (key,), f"unknown scale '{scale}' (declared: {known})"
