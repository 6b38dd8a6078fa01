"""Validate focus-group session forms, and dispatch any questionnaire file on its ``kind``.

A session form goes through the survey's three passes: YAML, the schema, then the
survey's semantic checks run on its details form (metadata and participant profile)
plus the session's own rules. Every problem is reported at its ``PATH:LINE:COL``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .form import Form
from .session_form import SessionForm, SessionFormSpec, details_spec
from .types.base import Finding
from .validate import (
    QuestionnaireInvalid,
    _Compiler,
    _repeats,
    content_hash,
    form_from_document,
    load_document,
    validate_model,
)
from .yaml_source import LocatedDocument, Path, Problem

KINDS = ("survey", "focus_group")


def parse_session_form(text: str) -> SessionForm:
    """Validate and compile one session-form file; raise :class:`QuestionnaireInvalid`."""
    return session_form_from_document(*load_document(text))


def parse_any(text: str) -> Form | SessionForm:
    """A survey or a session form, by the top-level ``kind`` (a missing kind is a survey)."""
    document, problems = load_document(text)
    kind = document.data.get("kind", "survey")
    if kind == "focus_group":
        return session_form_from_document(document, problems)
    if kind not in KINDS:
        message = f"kind: unknown kind '{kind}' (known: {', '.join(KINDS)})"
        raise QuestionnaireInvalid([*problems, Problem(document.position_of(("kind",)), message)])
    return form_from_document(document, problems)


def session_form_from_document(document: LocatedDocument, problems: list[Problem]) -> SessionForm:
    spec = validate_model(SessionFormSpec, document, problems)
    compiler = _DetailsCompiler(spec, document)
    details = compiler.compile()
    found = [Problem(document.position_of(path), message) for path, message in _findings(spec)]
    if problems or compiler.problems or found:
        raise QuestionnaireInvalid(problems + compiler.problems + found)
    digest = content_hash(spec)
    return SessionForm(spec, digest, dataclasses.replace(details, content_hash=digest))


class _DetailsCompiler(_Compiler):
    """The survey checks, run on the details form, reported where the session file has them."""

    def __init__(self, spec: SessionFormSpec, document: LocatedDocument) -> None:
        super().__init__(details_spec(spec), document)

    def report(self, path: Path, message: str) -> None:
        super().report(self._in_file(path), message)

    def _in_file(self, path: Path) -> Path:
        """``sections.i.questions.j...`` -> ``metadata.j...``: sections are named by key."""
        if path[:1] != ("sections",) or path[2:3] != ("questions",):
            return path
        return (self.spec.sections[int(path[1])].name, *path[3:])


def _findings(spec: SessionFormSpec) -> Iterator[Finding]:
    yield from _prompt_names(spec)
    yield from _profile_limits(spec)
    yield from _ranking(spec)
    if spec.survey_form == spec.form_id:
        yield ("survey_form",), "survey_form must name the linked survey, not this session form"


def _prompt_names(spec: SessionFormSpec) -> Iterator[Finding]:
    """Names are unique across metadata, participant_profile and prompts (the export columns)."""
    questions = [q.name for q in (*spec.metadata, *spec.participant_profile)]
    names = questions + [prompt.name for prompt in spec.prompts]
    for index in _repeats(names):
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
