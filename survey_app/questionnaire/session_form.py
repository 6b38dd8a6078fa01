"""The focus-group session form (``kind: focus_group``): what a facilitator fills per FGD.

It shares the survey file's conventions (texts, choice lists, scales, question types,
expressions) and adds what a focus group needs: discussion prompts, pseudonymous
speaker labels (P1..Pn, never names), aggregate participant counts, a nominal-group
ranking and action points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from .expressions import Expression
from .form import Form
from .spec import FORM_ID_PATTERN, FormBase, FormSpec, Section, Spec
from .text import LocalText, localize
from .types import QUESTION_TYPES, Question
from .types.base import NAME_PATTERN
from .types.number import Integer

#: Not for session metadata: ratings and rankings are the participants' to give, in the
#: discussion and the ranking step, never the note-taker's.
NOT_IN_METADATA = frozenset({"competency", "retrospective", "ranking"})
METADATA_TYPES = tuple(name for name in QUESTION_TYPES if name not in NOT_IN_METADATA)


class CountQuestion(Integer):
    """A number of participants: the profile holds aggregate counts only, never text."""

    min: int = Field(default=0, ge=0)


if TYPE_CHECKING:
    MetadataQuestion = Question
    ProfileQuestion = CountQuestion
else:  # discriminated unions, so a refused type is reported as "not allowed here"
    MetadataQuestion = Annotated[
        Union[tuple(QUESTION_TYPES[name] for name in METADATA_TYPES)],  # noqa: UP007
        Field(discriminator="type"),
    ]
    ProfileQuestion = Annotated[Union[(CountQuestion,)], Field(discriminator="type")]  # noqa: UP007


class Prompt(Spec):
    """A discussion prompt; for each, the app records notes, key quotes and tagged needs."""

    name: str = Field(pattern=NAME_PATTERN, max_length=64)
    label: LocalText
    hint: LocalText | None = None
    probes: list[LocalText] = Field(
        default_factory=list, description="Follow-up questions the facilitator may ask"
    )


class NominalRanking(Spec):
    """Nominal group technique: each participant ranks, or gives points to, the candidates."""

    label: LocalText | None = Field(default=None, description="The instruction read out")
    candidates: Literal["tagged_needs", "competencies", "both"] = Field(
        default="both",
        description="This session's tagged needs, the linked survey's competencies, or both",
    )
    method: Literal["rank", "points"] = "rank"
    top: int = Field(default=5, ge=1, le=20, description="Candidates each participant picks")
    points: int | None = Field(
        default=None, ge=1, le=100, description="Points each participant spreads (method: points)"
    )


class SessionFormSpec(FormBase):
    """A focus-group session form file: one record is filled per FGD session."""

    kind: Literal["focus_group"]
    survey_form: str = Field(
        pattern=FORM_ID_PATTERN,
        max_length=64,
        description="form_id of the linked survey; tagged needs use its competency codes",
    )
    max_participants: int = Field(
        default=12, ge=2, le=40, description="Speakers are labelled P1..Pn, never by name"
    )
    participants: str | None = Field(
        default=None,
        pattern=NAME_PATTERN,
        max_length=64,
        description="The participant_profile question that counts the participants present: "
        "the ranking has one row, and quotes one speaker label, per participant",
    )
    metadata: list[MetadataQuestion] = Field(min_length=1)
    participant_profile: list[ProfileQuestion] = Field(
        default_factory=list, description="Aggregate counts only (integer questions)"
    )
    prompts: list[Prompt] = Field(min_length=1)
    ranking: NominalRanking | None = None
    action_points: bool = True

    @model_serializer(mode="wrap")
    def _omit_undeclared(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Leave out an undeclared ``participants``: older files keep their content hash."""
        data: dict[str, Any] = handler(self)
        if self.participants is None:
            data.pop("participants", None)
        return data


#: The details form's pages; each is named after the session-file key that holds it.
DETAIL_SECTIONS = {
    "metadata": {"id": "Data sesi", "en": "Session details"},
    "participant_profile": {"id": "Profil peserta (jumlah)", "en": "Participants (counts)"},
}


def details_spec(spec: SessionFormSpec) -> FormSpec:
    """The metadata and participant profile as a survey of one or two pages."""
    parts: dict[str, Sequence[Question]] = {
        "metadata": spec.metadata,
        "participant_profile": spec.participant_profile,
    }
    sections = [
        Section(name=key, title=_titles(key, spec.languages), questions=[*questions])
        for key, questions in parts.items()
        if questions
    ]
    return FormSpec(
        form_id=spec.form_id,
        version=spec.version,
        title=spec.title,
        description=spec.description,
        languages=spec.languages,
        choice_lists=spec.choice_lists,
        scales=spec.scales,
        sections=sections,
    )


def _titles(key: str, languages: list[Literal["id", "en"]]) -> dict[str, str]:
    return {language: DETAIL_SECTIONS[key][language] for language in languages}


@dataclass(frozen=True)
class SessionForm:
    """An immutable focus-group session form, compiled once and then shared read-only.

    ``details`` holds the metadata and participant profile as a survey :class:`Form`
    (sections ``metadata`` and ``participant_profile``), so the web layer reads, checks
    and stores them with the survey machinery (``read_section``, ``numeric_vector``).
    Its ``content_hash`` is this session form's.
    """

    spec: SessionFormSpec
    content_hash: str
    details: Form

    @property
    def form_id(self) -> str:
        return self.spec.form_id

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def prompts(self) -> list[Prompt]:
        return self.spec.prompts

    @property
    def questions(self) -> dict[str, Question]:
        """Metadata and participant-profile questions, in file order."""
        return self.details.questions

    @property
    def relevant(self) -> Mapping[str, Expression]:
        return self.details.relevant

    @property
    def constraints(self) -> Mapping[str, Expression]:
        return self.details.constraints

    def present(self, details: Mapping[str, Any]) -> int | None:
        """How many participants are present: the declared count's answer, else None."""
        count = details.get(self.spec.participants) if self.spec.participants else None
        if not isinstance(count, int) or isinstance(count, bool):
            return None
        return max(0, min(count, self.spec.max_participants))

    def participant_labels(self, present: int | None = None) -> list[str]:
        """Pseudonymous speaker labels ``P1`` .. ``Pn``: quotes never carry names.

        ``n`` is the number present when known, else ``max_participants``.
        """
        count = self.spec.max_participants if present is None else present
        return [f"P{number}" for number in range(1, count + 1)]

    def text(self, value: LocalText | None, language: str) -> str:
        return localize(value, language, self.spec.default_language)
