"""Reading answers page by page: skip logic, validation and constraints.

The server is the authority: the same code decides which questions are shown and
which answers are valid, on every page and again at submit. (The page's script only
mirrors same-page skip logic, from the same expressions, for a smoother page.)
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from .form import Answers, Form
from .spec import Section
from .types import AnswerError, Question, RawAnswers


@dataclass(frozen=True)
class FieldError:
    """A message for one input: ``kind`` names a translatable message."""

    question: str
    field: str
    kind: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class PageResult:
    answers: Answers
    errors: list[FieldError]


def read_section(form: Form, section: Section, raw: RawAnswers, answers: Answers) -> PageResult:
    """Merge one page's post into ``answers``; hidden questions lose their answers."""
    merged = dict(answers)
    errors: list[FieldError] = []
    for question in section.questions:
        merged.pop(question.name, None)
        if question.has_answer and form.question_shown(question, merged):
            try:
                value = _accepted(form, question, question.parse(raw, form.spec), merged)
            except AnswerError as exc:
                errors.append(_field_error(question, exc))
                continue
            if value is not None:
                merged[question.name] = value
    return PageResult(prune_hidden(form, merged), errors)


def _accepted(form: Form, question: Question, value: Any, answers: Answers) -> Any:
    if value is None:
        if question.required:
            raise AnswerError("required")
        return None
    if not form.constraint_holds(question, answers, value):
        raise AnswerError("constraint", message=question.constraint_message)
    return value


def _field_error(question: Question, exc: AnswerError) -> FieldError:
    target = exc.field or (question.field_names() or [question.name])[0]
    return FieldError(question.name, target, exc.kind, exc.params)


def prune_hidden(form: Form, answers: Answers) -> Answers:
    """Drop answers to questions that skip logic now hides (in document order)."""
    kept: Answers = {}
    for section in form.sections:
        shown = form.section_shown(section, kept)
        for question in section.questions:
            if question.name in answers and shown and form.question_shown(question, kept):
                kept[question.name] = answers[question.name]
    return kept


def appeared_questions(
    form: Form, section: Section, before: Answers, after: Answers, seen: Collection[str] = ()
) -> list[str]:
    """Questions of ``section`` that ``after`` shows, unanswered, that the respondent never saw.

    ``before`` holds the answers the page was rendered with; ``seen`` names questions the
    browser showed anyway (revealed by the page's script, or posted). Without JavaScript
    such a follow-up would be skipped unseen, so the page is shown again instead.
    """
    if not form.section_shown(section, after):
        return []
    return [
        question.name
        for question in section.questions
        if question.has_answer
        and question.name not in after
        and question.name not in seen
        and form.question_shown(question, after)
        and not form.question_shown(question, before)
    ]


def first_incomplete_section(form: Form, answers: Answers) -> int | None:
    """Index of the first shown section with a required question left unanswered."""
    for index, section in enumerate(form.sections):
        if not form.section_shown(section, answers):
            continue
        for question in section.questions:
            if (
                question.required
                and question.name not in answers
                and form.question_shown(question, answers)
            ):
                return index
    return None
