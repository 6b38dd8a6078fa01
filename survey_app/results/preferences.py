"""Counts the policy draft needs from the answers' JSON: preferred development forms per
competency need, and the mentoring section.

One streamed SELECT reads each response's numeric vector with the few JSON answers it
needs, so memory stays flat: per chunk, the counts of
:func:`survey_app.analysis.preferences.count_forms` are added up, never a
per-respondent list. "In need" is the analysis' own rule
(:func:`survey_app.analysis.preferences.in_need`): importance - competence >= 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa

from ..analysis.preferences import count_forms, in_need
from ..campaigns.models import Campaign
from ..database import session_pages
from ..questionnaire import Form
from ..questionnaire.roles import MENTORING_ROLES
from ..questionnaire.types import Question
from ..questionnaire.types.choice import ChoiceQuestion
from ..respond.models import Response
from .dataset import CHUNK
from .priorities import competencies

#: The gap (importance - competence) at which a respondent counts as in need.
NEED_THRESHOLD = 1.0


@dataclass
class Preferences:
    """``forms``: choice values of the ``development_forms`` question, empty when the form
    declares none; ``mentoring`` has the questions of the mentoring roles it declares."""

    codes: list[str]
    forms: list[str]
    #: Respondents who answered the forms question, overall.
    answered: int = 0
    #: Respondents who chose each form, overall.
    overall: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: Per competency: respondents in need who answered the forms question.
    in_need: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: (competencies x forms): respondents in need of the item who chose the form.
    by_need: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    #: Question name -> answer value -> count (mentoring section).
    mentoring: dict[str, Counter[str]] = field(default_factory=dict)


def read_preferences(campaign: Campaign, form: Form) -> Preferences:
    """Stream the campaign's responses once and count what the draft reports."""
    items = competencies(form)
    forms_question = form.by_role.get("development_forms")
    forms = _choice_values(form, forms_question)
    asked = [form.by_role[role].name for role in MENTORING_ROLES if role in form.by_role]
    prefs = Preferences([item.code for item in items], forms)
    prefs.overall = np.zeros(len(forms), dtype=np.int64)
    prefs.in_need = np.zeros(len(items), dtype=np.int64)
    prefs.by_need = np.zeros((len(items), len(forms)), dtype=np.int64)
    prefs.mentoring = {name: Counter() for name in asked}
    names = [forms_question.name, *asked] if forms_question and forms else asked
    if not names:
        return prefs
    gaps = _gap_columns(form, [item.name for item in items])
    for rows in _chunks(campaign, names):
        _add_chunk(prefs, rows, form, gaps, bool(forms), asked)
    return prefs


def _chunks(campaign: Campaign, names: Sequence[str]) -> Iterable[Sequence[Any]]:
    """Each response's numeric vector and the named answers (the id only pages them)."""
    query = sa.select(
        Response.id, Response.numeric, *(Response.answers[name] for name in names)
    ).where(Response.campaign_id == campaign.id)
    for page in session_pages(query, Response.id, CHUNK):
        yield [row[1:] for row in page]


def _add_chunk(
    prefs: Preferences,
    rows: Sequence[Any],
    form: Form,
    gaps: tuple[list[int], list[int]],
    has_forms: bool,
    asked: list[str],
) -> None:
    if has_forms:
        values = np.frombuffer(b"".join(row[0] for row in rows), dtype="<f4")
        values = values.reshape(len(rows), len(form.numeric_columns))
        need = in_need(values[:, gaps[0]], values[:, gaps[1]], NEED_THRESHOLD)
        chose = np.array([_chosen(row[1], prefs.forms) for row in rows], dtype=np.int64)
        counts = count_forms(need, chose)
        prefs.answered += counts.answered
        prefs.overall += counts.overall
        prefs.in_need += counts.in_need
        prefs.by_need += counts.by_need
    offset = 2 if has_forms else 1
    for index, name in enumerate(asked):
        prefs.mentoring[name].update(
            str(row[offset + index]) for row in rows if row[offset + index] is not None
        )


def _chosen(answer: Any, forms: list[str]) -> list[int]:
    picked = set(answer) if isinstance(answer, list) else set()
    return [1 if value in picked else 0 for value in forms]


def _gap_columns(form: Form, names: list[str]) -> tuple[list[int], list[int]]:
    columns = form.numeric_columns
    return (
        [columns.index(f"{name}/importance") for name in names],
        [columns.index(f"{name}/competence") for name in names],
    )


def _choice_values(form: Form, question: Question | None) -> list[str]:
    return question.values(form.spec) if isinstance(question, ChoiceQuestion) else []
