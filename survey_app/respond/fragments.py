"""Rendered HTML of one question, and of one answer on the review page, cached.

Rendering the question macros was half of a respondent's server CPU: a page of ten
competency items is a hundred radio buttons, each a few Jinja macro calls and
translation lookups, and almost every respondent sees exactly the same HTML. The HTML of
a question depends only on the form (its content hash), the language, the question, the
values of its own fields and the error messages of its own fields, so it is rendered
once per such combination and kept (least recently used, per process). The same holds
for an answer shown on the review page.

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
    fragment = _Fragment(
        "respond/_answer.html",
        form.content_hash,
        language,
        question.name,
        (key,),
        form,
        question,
        (("value", value),),
    )
    return _cached(fragment) if _cacheable(len(key)) else _render(fragment)


def _cacheable(size: int) -> bool:
    return size <= MAX_KEY_CHARS and not current_app.jinja_env.auto_reload


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
