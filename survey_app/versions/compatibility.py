"""ODK's rule for form versions: exports must mean the same thing across versions.

A new version may add questions and choices, and drop them. It may not give an
existing name another type, hand a competency name another code, or bring back a
choice value that an earlier version retired (it would mean something new).

Each conflict is reported once, at its place in the new file, naming the stored
version it conflicts with (the latest one that says otherwise).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..questionnaire import Form, SessionForm
from ..questionnaire.types import Question
from ..questionnaire.types.base import Finding
from ..questionnaire.yaml_source import Path


@dataclass(frozen=True)
class Earlier:
    """A stored (or, in a dry run, planned) version, as the rule reads it."""

    form_id: str
    number: int
    label: str
    #: The part that carries answers: the survey, or a session form's details.
    form: Form

    def conflict(self, message: str) -> str:
        return f"conflicts with version {self.number} ('{self.label}') of {self.form_id}: {message}"


def conflicts(earlier: list[Earlier], new: Form | SessionForm) -> list[Finding]:
    """Every reason ``new`` cannot follow ``earlier`` (oldest first); empty when fine."""
    details = new.details if isinstance(new, SessionForm) else new
    paths = question_paths(new)
    return [*_changed_questions(earlier, details, paths), *_reused_choices(earlier, details)]


def question_paths(form: Form | SessionForm) -> dict[str, Path]:
    """Where each question stands in the file, by name (the first of a repeated name)."""
    paths: dict[str, Path] = {}
    if isinstance(form, SessionForm):
        for key in ("metadata", "participant_profile"):
            for index, question in enumerate(getattr(form.spec, key)):
                paths.setdefault(question.name, (key, index))
        return paths
    for s_index, section in enumerate(form.sections):
        for q_index, question in enumerate(section.questions):
            paths.setdefault(question.name, ("sections", s_index, "questions", q_index))
    return paths


def _changed_questions(
    earlier: list[Earlier], new: Form, paths: dict[str, Path]
) -> Iterator[Finding]:
    for name, current in new.questions.items():
        path = paths.get(name, ())
        typed = _latest(earlier, name, _type, current.type)
        if typed is not None:
            old = typed.form.questions[name]
            yield (
                (*path, "type"),
                typed.conflict(
                    f"question '{name}' was {old.type} there and cannot become {current.type}; "
                    "give the new question a new name"
                ),
            )
            continue
        coded = _latest(earlier, name, _code, _code(current))
        if coded is not None:
            yield (
                (*path, "code"),
                coded.conflict(
                    f"competency '{name}' had code {_code(coded.form.questions[name])} there and "
                    f"cannot change to {_code(current)}"
                ),
            )


def _latest(
    earlier: list[Earlier], name: str, read: Callable[[Question], str | None], value: str | None
) -> Earlier | None:
    """The latest earlier version whose question ``name`` has another ``read(question)``."""
    for version in reversed(earlier):
        old = version.form.questions.get(name)
        if old is not None and read(old) != value:
            return version
    return None


def _type(question: Question) -> str:
    return question.type


def _code(question: Question) -> str | None:
    return getattr(question, "code", None)


def _reused_choices(earlier: list[Earlier], new: Form) -> Iterator[Finding]:
    if not earlier:
        return
    latest = earlier[-1].form.spec.choice_lists
    for list_name, choices in new.spec.choice_lists.items():
        current = {choice.value for choice in latest.get(list_name, [])}
        for index, choice in enumerate(choices):
            if choice.value in current:
                continue
            had = _last_with(earlier, list_name, choice.value)
            if had is not None:
                yield (
                    ("choice_lists", list_name, index, "value"),
                    had.conflict(
                        f"choice '{choice.value}' of list '{list_name}' was retired after that "
                        "version and cannot come back (old answers would read with a new "
                        "meaning); use a new value"
                    ),
                )


def _last_with(earlier: list[Earlier], list_name: str, value: str) -> Earlier | None:
    """The latest earlier version whose list ``list_name`` has ``value``."""
    for version in reversed(earlier):
        if any(c.value == value for c in version.form.spec.choice_lists.get(list_name, [])):
            return version
    return None
