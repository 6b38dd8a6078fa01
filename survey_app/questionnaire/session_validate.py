"""Validate focus-group session forms, and dispatch any questionnaire file on its ``kind``.

A session form goes through the survey's three passes: YAML, the schema, then the
survey's semantic checks run on its details form (metadata and participant profile)
plus the session's own rules. Every problem is reported at its ``PATH:LINE:COL``.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .checks import Compiler, repeats
from .form import Form
from .partial import Dropped, validate_parts
from .schema_problems import found
from .session_form import SessionForm, SessionFormSpec, details_spec
from .spec import FormSpec, Section
from .types import Question
from .types.base import Finding
from .validate import QuestionnaireInvalid, content_hash, form_from_document, load_document
from .yaml_source import LocatedDocument, Path, Problem
from .yaml_subset import MAX_FILE_BYTES

KINDS = ("survey", "focus_group")


@dataclass(frozen=True)
class Parsed:
    """A valid file: its form, and where each of its parts stands in the text."""

    form: Form | SessionForm
    document: LocatedDocument


def parse_session_form(text: str) -> SessionForm:
    """Validate and compile one session-form file; raise :class:`QuestionnaireInvalid`."""
    return session_form_from_document(*load_document(text))


def parse_any(
    text: str, max_bytes: int | None = MAX_FILE_BYTES, *, strict: bool = True
) -> Form | SessionForm:
    """A survey or a session form, by the top-level ``kind`` (a missing kind is a survey)."""
    return parse_located(text, max_bytes, strict=strict).form


def parse_located(
    text: str, max_bytes: int | None = MAX_FILE_BYTES, *, strict: bool = True
) -> Parsed:
    """:func:`parse_any`, keeping the positions (to report later checks at their line).

    ``max_bytes=None, strict=False`` reads a stored version: it loaded under the limits
    and checks of its day, and must keep loading.
    """
    document, problems = load_document(text, max_bytes)
    kind, document, problems = _kind(document, problems)
    if kind == "focus_group":
        return Parsed(session_form_from_document(document, problems, strict=strict), document)
    return Parsed(form_from_document(document, problems, strict=strict), document)


def _kind(
    document: LocatedDocument, problems: list[Problem]
) -> tuple[str, LocatedDocument, list[Problem]]:
    """The file's kind; an unknown one is reported, and the file checked as its shape says."""
    data = document.data
    kind = data.get("kind", "survey")
    if isinstance(kind, str) and kind in KINDS:
        return kind, document, problems
    shaped = "focus_group" if "sections" not in data and "prompts" in data else "survey"
    close = difflib.get_close_matches(str(kind), KINDS, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    message = f"kind must be 'survey' or 'focus_group' (found {found(kind)}){hint}"
    problem = Problem(document.position_of(("kind",)), message)
    checked = dataclasses.replace(document, data={**data, "kind": shaped})
    return shaped, checked, [*problems, problem]


def session_form_from_document(
    document: LocatedDocument, problems: list[Problem], *, strict: bool = True
) -> SessionForm:
    parts = validate_parts(SessionFormSpec, document)
    spec, complete = parts.spec, not parts.problems
    compiler = _DetailsCompiler(spec, document, parts.dropped, complete, strict=strict)
    details = compiler.compile()
    found_here = [
        Problem(document.position_of(path), message)
        for path, message in _findings(spec, parts.dropped)
    ]
    every = [*problems, *parts.problems, *compiler.problems, *found_here]
    if every:
        raise QuestionnaireInvalid(every)
    digest = content_hash(spec)
    return SessionForm(spec, digest, dataclasses.replace(details, content_hash=digest))


class _DetailsCompiler(Compiler):
    """The survey checks, run on the details form, reported where the session file has them."""

    def __init__(
        self,
        spec: SessionFormSpec,
        document: LocatedDocument,
        dropped: Dropped,
        complete: bool,
        *,
        strict: bool,
    ) -> None:
        details = details_spec(spec) if complete else _details_of_parts(spec)
        super().__init__(details, document, dropped, strict=strict)

    def report(self, path: Path, message: str) -> None:
        super().report(self._in_file(path), message)

    def _in_file(self, path: Path) -> Path:
        """``sections.i.questions.j...`` -> ``metadata.j...``: sections are named by key."""
        if path[:1] != ("sections",) or path[2:3] != ("questions",):
            return path
        return (self.spec.sections[int(path[1])].name, *path[3:])


def _details_of_parts(spec: SessionFormSpec) -> FormSpec:
    """The details form of a file with schema problems, for the checks only (unvalidated)."""
    parts: dict[str, Sequence[Question]] = {
        "metadata": spec.metadata,
        "participant_profile": spec.participant_profile,
    }
    sections = [
        Section.model_construct(name=key, title="", questions=list(questions))
        for key, questions in parts.items()
        if questions
    ]
    shared: dict[str, Any] = {
        "languages": spec.languages,
        "choice_lists": spec.choice_lists,
        "scales": spec.scales,
    }
    return FormSpec.model_construct(sections=sections, **shared)


def _findings(spec: SessionFormSpec, dropped: Dropped) -> Iterator[Finding]:
    """The session's own rules, skipping those that would read a part the schema cut."""
    yield from _prompt_names(spec)
    if not dropped.touches(("max_participants",)):
        yield from _profile_limits(spec)
    if not dropped.touches(("participant_profile",)):
        yield from _participants(spec)
    yield from _ranking(spec)
    survey_form = getattr(spec, "survey_form", None)
    if survey_form is not None and survey_form == getattr(spec, "form_id", None):
        yield ("survey_form",), "survey_form must name the linked survey, not this session form"


def _prompt_names(spec: SessionFormSpec) -> Iterator[Finding]:
    """Names are unique across metadata, participant_profile and prompts (the export columns)."""
    questions = [q.name for q in (*spec.metadata, *spec.participant_profile)]
    names = questions + [prompt.name for prompt in spec.prompts]
    for index in repeats(names):
        if index >= len(questions):  # question repeats are the details compiler's to report
            yield (
                ("prompts", index - len(questions), "name"),
                f"duplicate name '{names[index]}' (metadata, participant_profile and prompts "
                "share one namespace)",
            )


def _profile_limits(spec: SessionFormSpec) -> Iterator[Finding]:
    for index, question in enumerate(spec.participant_profile):
        if question.max is not None and question.max > spec.max_participants:
            yield (
                ("participant_profile", index, "max"),
                f"max ({question.max}) exceeds max_participants ({spec.max_participants}): "
                "the profile counts participants",
            )


def _participants(spec: SessionFormSpec) -> Iterator[Finding]:
    """``participants`` names a required count of the participant profile."""
    if spec.participants is None:
        return
    counts = {question.name: question for question in spec.participant_profile}
    if (count := counts.get(spec.participants)) is None:
        yield ("participants",), f"'{spec.participants}' is not a participant_profile question"
    elif not count.required:
        yield ("participants",), f"'{spec.participants}' must be required: true (it sets the rows)"


def _ranking(spec: SessionFormSpec) -> Iterator[Finding]:
    if (ranking := spec.ranking) is None:
        return
    if ranking.method == "points" and ranking.points is None:
        yield (
            ("ranking", "method"),
            "method: points needs `points` (the points each participant spreads)",
        )
    if ranking.method != "points" and ranking.points is not None:
        yield ("ranking", "points"), "points is only used with method: points"
