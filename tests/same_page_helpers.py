"""Reading a survey page as a browser without JavaScript sees it."""

from __future__ import annotations

import re
from typing import Any

from survey_app.questionnaire import Form
from survey_app.questionnaire.types import Question
from survey_app.questionnaire.types.choice import ChoiceQuestion, Ranking, SelectMultiple
from survey_app.questionnaire.types.scale import Competency

_TEMPLATE = re.compile(r"<template>.*?</template>", re.DOTALL)
_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


def outside_templates(html: str) -> str:
    """The page without its ``<template>`` contents, which only a script brings to life."""
    return _TEMPLATE.sub("", html)


def visible_fields(html: str) -> set[str]:
    """Names of the inputs a browser without JavaScript shows and posts."""
    return set(_NAME.findall(outside_templates(html)))


def page_answers(form: Form, page: int, html: str, **overrides: Any) -> dict[str, Any]:
    """Plain valid answers to every question ``html`` shows without JavaScript, then
    ``overrides`` (which may also answer a question the page does not show)."""
    shown = visible_fields(html)
    answers: dict[str, Any] = {}
    for question in form.sections[page].questions:
        if question.has_answer and shown & set(question.field_names()):
            answers.update(question.as_form_values(_plain_answer(form, question)))
    return {**answers, **overrides}


def _plain_answer(form: Form, question: Question) -> Any:
    """The first choice, the middle of a range, or a short text: valid and unremarkable."""
    spec = form.spec
    if isinstance(question, Ranking):
        return question.values(spec)[: question.top]
    if isinstance(question, SelectMultiple):
        return question.values(spec)[:1]
    if isinstance(question, ChoiceQuestion):
        return question.values(spec)[0]
    if isinstance(question, Competency):
        points = spec.scales[question.scale].values()
        return {"importance": points[-1], "competence": points[0]}
    if question.type == "likert":
        return question.every_answer(spec)[-1]
    if question.type in {"integer", "decimal"}:
        low, high = getattr(question, "min", None), getattr(question, "max", None)
        return min(max(25, low if low is not None else 0), high if high is not None else 25)
    return None if question.type == "date" else "Contoh jawaban"
