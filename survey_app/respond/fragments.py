"""Rendered HTML of one question, and of one answer on the review page, cached.

Rendering the question macros was half of a respondent's server CPU: a page of ten
competency items is a hundred radio buttons, each a few Jinja macro calls and
translation lookups, and almost every respondent sees exactly the same HTML. The HTML of
a question depends only on the form (its content hash), the language, the question, the
values of its own fields and the error messages of its own fields, so it is rendered
once per such combination and kept (least recently used, per process). The same holds
for an answer shown on the review page; there a miss calls the ``answer`` macro of a
module imported once per form and language.

Values longer than :data:`MAX_KEY_CHARS` (free text) are rendered every time: they are
rarely shared and would crowd out the rest. With ``TEMPLATES_AUTO_RELOAD`` (development)
nothing is cached, so an edited template shows at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from flask import current_app, render_template
from markupsafe import Markup

from ..questionnaire import Form
from ..questionnaire.types import Question

#: Fragments kept per process (about 2-6 KB each for a question).
CACHE_SIZE = 4096
#: Longest key (values or answer, in characters) that is cached.
MAX_KEY_CHARS = 64

Values = dict[str, list[str]]


@dataclass(frozen=True)
class _Fragment:
    """A cache key; ``form`` and ``question`` ride along for a miss, outside the key."""

    template: str
    content_hash: str
    language: str
    name: str
    key: tuple[Any, ...]
    form: Form = field(compare=False, hash=False)
    question: Question = field(compare=False, hash=False)
    context: tuple[tuple[str, Any], ...] = field(compare=False, hash=False)


def question_html(
    form: Form, language: str, values: Values, errors: dict[str, str], question: Question
) -> Markup:
    """The question as the page shows it, with these values and error messages."""
    fields = question.field_names()
    own_values = tuple((f, tuple(values[f])) for f in fields if f in values)
    own_errors = tuple((f, str(errors[f])) for f in fields if f in errors)
    context = (("values", dict(own_values)), ("errors", dict(own_errors)))
    size = sum(len(v) for _, found in own_values for v in found)
    fragment = _Fragment(
        "respond/_question.html",
        form.content_hash,
        language,
        question.name,
        (own_values, own_errors),
        form,
        question,
        context,
    )
    return _cached(fragment) if _cacheable(size) else _render(fragment)


def answer_html(form: Form, language: str, question: Question, value: Any) -> Markup:
    """A stored answer as the review page shows it (``None``: not answered)."""
    key = json.dumps(value, sort_keys=True, ensure_ascii=False)
    macros = _Macros(form.content_hash, language, form)
    if not _cacheable(len(key)):
        return _answer(macros, question, value)
    return _cached_answer(_Answer(macros, question.name, key, question, value))


@dataclass(frozen=True)
class _Macros:
    """The answer macros of one form and language; ``form`` rides along for a miss."""

    content_hash: str
    language: str
    form: Form = field(compare=False, hash=False)


@dataclass(frozen=True)
class _Answer:
    """A cache key: the value as JSON (``key``); the question and value ride along."""

    macros: _Macros
    name: str
    key: str
    question: Question = field(compare=False, hash=False)
    value: Any = field(compare=False, hash=False)


@lru_cache(maxsize=CACHE_SIZE)
def _cached_answer(answer: _Answer) -> Markup:
    return _answer(answer.macros, answer.question, answer.value)


def _answer(macros: _Macros, question: Question, value: Any) -> Markup:
    """Call the ``answer`` macro of ``respond/_answers.html``, imported once per form and
    language: importing it ``with context`` for every answer cost more than the macro."""
    module = _module(macros) if _reloading() else _answer_module(macros)
    return Markup(module.answer(question, value))  # the macro's own escaped output


@lru_cache(maxsize=64)
def _answer_module(macros: _Macros) -> Any:
    return _module(macros)


def _module(macros: _Macros) -> Any:
    template = current_app.jinja_env.get_template("respond/_answers.html")
    return template.make_module({"form": macros.form, "lang": macros.language})


def _cacheable(size: int) -> bool:
    return size <= MAX_KEY_CHARS and not _reloading()


def _reloading() -> bool:
    """Templates reload when edited (development): then nothing is kept."""
    return bool(current_app.jinja_env.auto_reload)


@lru_cache(maxsize=CACHE_SIZE)
def _cached(fragment: _Fragment) -> Markup:
    return _render(fragment)


def _render(fragment: _Fragment) -> Markup:
    html = render_template(
        fragment.template,
        form=fragment.form,
        question=fragment.question,
        lang=fragment.language,
        **dict(fragment.context),
    )
    return Markup(html)  # our own template's output, escaped by Jinja


def clear() -> None:
    """Forget every fragment (tests; a process never needs it: keys name the content)."""
    _cached.cache_clear()
    _cached_answer.cache_clear()
    _answer_module.cache_clear()
