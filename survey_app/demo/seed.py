"""Synthetic responses that respect skip logic and constraints, written in bulk (no HTTP)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa

from ..campaigns.models import Campaign
from ..clock import local_today
from ..extensions import db
from ..questionnaire import Answers, Form
from ..questionnaire.types import Question
from ..questionnaire.types.scale import Competency
from ..respond.models import Response

BATCH = 5_000
ATTEMPTS = 25


#: Changes one fake respondent's answers in place, keeping them valid (a demo's tendency:
#: a training judged irrelevant, a gap that closed).
Tweak = Callable[[Answers, random.Random], None]


class SeedError(ValueError):
    """The form has a required question the generator cannot answer validly."""


def fake_answers(form: Form, rng: random.Random) -> Answers:
    """One plausible set of answers: hidden questions skipped, constraints met.

    A respondent-level tendency shifts all of one person's ratings together, so items
    correlate as real answers do (reliability and subgroup breakdowns look realistic).
    """
    answers: Answers = {}
    tendency = (round(rng.gauss(0, 0.8)), round(rng.gauss(0, 0.8)))
    for section in form.sections:
        if not form.section_shown(section, answers):
            continue
        for question in section.questions:
            if question.has_answer and form.question_shown(question, answers):
                value = _fake_answer(form, question, answers, rng)
                if isinstance(question, Competency) and value is not None:
                    value = _shifted(form, question, value, tendency)
                if value is not None:
                    answers[question.name] = value
    return answers


def _shifted(form: Form, question: Competency, value: Any, tendency: tuple[int, int]) -> Any:
    points = form.spec.scales[question.scale].values()
    low, high = min(points), max(points)
    importance = min(high, max(low, value["importance"] + tendency[0]))
    competence = min(high, max(low, value["competence"] + tendency[1]))
    return {"importance": importance, "competence": competence}


def _fake_answer(form: Form, question: Question, answers: Answers, rng: random.Random) -> Any:
    if not question.required and rng.random() < 0.05:
        return None
    for _ in range(ATTEMPTS):
        value = question.random_answer(rng, form.spec)
        if value is None and not question.required:
            return None
        if value is not None and form.constraint_holds(question, answers, value):
            return value
    fallback = question.every_answer(form.spec)  # rare valid choices: try each one
    rng.shuffle(fallback)
    for value in fallback:
        if form.constraint_holds(question, answers, value):
            return value
    if question.required:
        raise SeedError(f"cannot invent an answer to '{question.name}' that meets its constraint")
    return None


def seed_responses(
    campaign: Campaign,
    form: Form,
    count: int,
    seed: int | None = None,
    tweak: Tweak | None = None,
) -> int:
    """Insert ``count`` synthetic responses in batches (each changed by ``tweak``, if
    given); flushes, the caller commits."""
    rng = random.Random(seed)
    today = local_today()
    inserted = 0
    for batch in _batches(count):
        rows = [_row(campaign, form, rng, today, tweak) for _ in range(batch)]
        db.session.execute(sa.insert(Response), rows)
        inserted += batch
    return inserted


def _row(
    campaign: Campaign, form: Form, rng: random.Random, today: dt.date, tweak: Tweak | None
) -> dict[str, Any]:
    answers = fake_answers(form, rng)
    if tweak is not None:
        tweak(answers, rng)
    return {
        "id": uuid.uuid4(),  # random like real ids; the answers follow the seed
        "campaign_id": campaign.id,
        "submitted_on": today - dt.timedelta(days=rng.randrange(14)),
        "answers": answers,
        "numeric": form.numeric_vector(answers),
        "group_codes": form.group_codes(answers),
    }


def _batches(count: int) -> Iterator[int]:
    while count > 0:
        yield min(BATCH, count)
        count -= BATCH
