"""Same-page skip logic: how a page lays out its follow-ups, and what its script needs.

A *live* question is one whose ``relevant`` names an earlier question on the same page.
The page always carries it: shown when the saved answers make it relevant, otherwise
inside a ``<template>`` (inert without JavaScript: not shown, not posted). The page's
script (``static/js/skip-logic.js``) shows and hides live questions as the respondent
answers, evaluating the very expressions the server compiled (serialised by
``expressions.to_json``). Without JavaScript the server rule in
``answers.appeared_questions`` keeps the respondent on the page instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from .expressions import MAX_REGEX_INPUT, Expression
from .expressions.to_json import NotSerialisable, expression_to_json
from .form import Answers, Form
from .spec import FormSpec, Section
from .types import Question
from .types.choice import ChoiceQuestion
from .types.scale import Likert

#: Types whose posted fields the script reads the way the server parses them.
READABLE_TYPES: Final = frozenset(
    {"select_one", "select_multiple", "ranking", "likert", "integer", "decimal"}
    | {"text", "long_text", "date", "competency", "note"}
)
_LIMITS: Final = ("min", "max", "max_length", "pattern", "max_selected", "top")
#: The field in which the script posts the live questions it shows (space-separated
#: names). A hyphen keeps it apart from every question's field names.
REVEALED_FIELD: Final = "revealed-questions"


class Mode(Enum):
    SHOWN = "shown"  # rendered as usual
    LIVE_SHOWN = "live_shown"  # rendered in a live wrapper, visible
    LIVE_HIDDEN = "live_hidden"  # rendered in a live wrapper, inside a <template>


@dataclass(frozen=True)
class PageItem:
    question: Question
    mode: Mode


@dataclass(frozen=True)
class PageLayout:
    items: list[PageItem]
    #: The script's data (``data-skip-logic``), ``None`` when nothing changes live.
    script: dict[str, Any] | None


def page_layout(form: Form, section: Section, answers: Answers) -> PageLayout:
    """What ``section`` renders under the saved ``answers``, and its script's data."""
    live = live_questions(form, section)
    script = _script_data(form, section, live, answers) if live else None
    if script is None:
        live = set()
    items = []
    for question in section.questions:
        is_live = question.name in live and question.name not in form.not_asked
        mode = _mode(is_live, form.question_shown(question, answers))
        if mode is not None:
            items.append(PageItem(question, mode))
    return PageLayout(items, script)


def _mode(live: bool, shown: bool) -> Mode | None:
    if live:
        return Mode.LIVE_SHOWN if shown else Mode.LIVE_HIDDEN
    return Mode.SHOWN if shown else None


def live_questions(form: Form, section: Section) -> set[str]:
    """Questions whose ``relevant`` names an earlier question of the same section."""
    earlier: set[str] = set()
    live: set[str] = set()
    for question in section.questions:
        expression = form.relevant.get(question.name)
        if expression is not None and expression.references & earlier:
            live.add(question.name)
        earlier.add(question.name)
    return live


def _script_data(
    form: Form, section: Section, live: set[str], answers: Answers
) -> dict[str, Any] | None:
    """The questions the script evaluates, in page order; ``None`` if it cannot mirror them."""
    needed = _needed(form, section, live)
    questions = [q for q in section.questions if q.name in needed]
    if any(q.type not in READABLE_TYPES for q in questions):
        return None
    try:
        entries = [_entry(form, q, q.name in live) for q in questions]
    except NotSerialisable:
        return None
    on_page = {q.name for q in section.questions}
    outside = {ref for e in _expressions(form, questions, live) for ref in e.references} - on_page
    context = {name: answers[name] for name in sorted(outside) if name in answers}
    return {
        "questions": entries,
        "context": context,
        "regexLimit": MAX_REGEX_INPUT,
        "revealedField": REVEALED_FIELD,
    }


def _needed(form: Form, section: Section, live: set[str]) -> set[str]:
    """Live questions plus every same-page question their expressions read, transitively."""
    by_name = {q.name: q for q in section.questions}
    needed, todo = set(live), list(live)
    while todo:
        question = by_name[todo.pop()]
        for expression in _expressions(form, [question], live):
            for ref in expression.references & by_name.keys() - needed:
                needed.add(ref)
                todo.append(ref)
    return needed


def _expressions(form: Form, questions: Iterable[Question], live: set[str]) -> list[Expression]:
    """The expressions the script evaluates for ``questions``: live relevants, constraints."""
    found = []
    for question in questions:
        if question.name in live:
            found.append(form.relevant[question.name])
        if (constraint := form.constraints.get(question.name)) is not None:
            found.append(constraint)
    return found


def _entry(form: Form, question: Question, live: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": question.name,
        "type": question.type,
        "fields": question.field_names(),
        "required": question.required,
        **_reader_params(question, form.spec),
    }
    if live:
        entry["relevant"] = expression_to_json(form.relevant[question.name])
    if (constraint := form.constraints.get(question.name)) is not None:
        entry["constraint"] = expression_to_json(constraint)
    return entry


def _reader_params(question: Question, spec: FormSpec) -> dict[str, Any]:
    """What the script needs to read an answer as the question type parses it."""
    params: dict[str, Any] = {}
    for key in _LIMITS:
        value = getattr(question, key, None)
        if value is not None:
            params[key] = value.isoformat() if isinstance(value, dt.date) else value
    if isinstance(question, ChoiceQuestion):
        params["choices"] = question.values(spec)
    if isinstance(question, Likert):
        params["points"] = spec.scales[question.scale].values()
    return params
