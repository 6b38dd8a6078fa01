"""Screening the open answers of an evaluation campaign before anyone else reads them.

The same approach as the policy draft's quotes (:mod:`survey_app.policy.quotes`): the
open answers are read only on the screening page, and only once the campaign has reached
its minimum cell size; staff keep some as a screened text (names removed). Pages and
documents show only screened texts whose original is still unchanged (the digest). The
answers are listed by digest, not by submission, so their order tells nothing. Flushes
and audits, never commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort

from .. import audit
from ..auth.models import User
from ..campaigns.asked import campaign_form
from ..campaigns.models import Campaign
from ..campaigns.service import campaign_or_404
from ..clock import utcnow
from ..extensions import db
from ..questionnaire import Form
from ..questionnaire.types.textual import TextQuestion
from ..respond.models import Response
from ..screening import Choice
from ..training.models import TrainingEvaluation
from .models import EvaluationComment

#: The longest screened text kept.
MAX_TEXT = 500


@dataclass(frozen=True)
class OpenAnswer:
    """One distinct open answer (``count`` respondents wrote exactly this); ``digest``
    names its form fields."""

    digest: str
    campaign_id: int
    question: str
    question_label: str
    text: str
    count: int
    comment: EvaluationComment | None


class ScreeningError(ValueError):
    """A kept answer without screened text, or with too much; ``keys`` says which."""

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = list(keys)


def answer_digest(campaign: Campaign, question: str, text: str) -> str:
    return hashlib.sha256(f"{campaign.id}\n{question}\n{text}".encode()).hexdigest()


def evaluation_campaign_or_404(slug: str) -> Campaign:
    """A campaign that evaluates a training activity; any other campaign is a 404."""
    campaign = campaign_or_404(slug)
    query = sa.select(TrainingEvaluation.id).where(TrainingEvaluation.campaign_id == campaign.id)
    if db.session.scalar(query) is None:
        abort(404)
    return campaign


def response_count(campaign: Campaign) -> int:
    query = sa.select(sa.func.count()).where(Response.campaign_id == campaign.id)
    return int(db.session.scalar(query) or 0)


def may_screen(campaign: Campaign) -> bool:
    """The open answers may be read once the campaign reaches its minimum cell size."""
    return response_count(campaign) >= campaign.min_cell_size


def open_answers(campaign: Campaign, language: str) -> list[OpenAnswer]:
    """Every distinct open answer with its screening, by question, then by digest."""
    form = campaign_form(campaign)
    kept = _comments(campaign)
    answers = []
    for (question, text), count in _texts(campaign, form).items():
        digest = answer_digest(campaign, question, text)
        label = form.text(form.questions[question].label, language)
        answers.append(
            OpenAnswer(digest, campaign.id, question, label, text, count, kept.get(digest))
        )
    order = {name: i for i, name in enumerate(form.questions)}
    return sorted(answers, key=lambda a: (order[a.question], a.digest))


def screened_comments(campaign: Campaign) -> list[str]:
    """The screened texts whose original answer is still there, unchanged."""
    kept = _comments(campaign)
    if not kept:
        return []
    current = {answer_digest(campaign, q, t) for q, t in _texts(campaign, campaign_form(campaign))}
    return [kept[d].screened_text for d in sorted(kept) if d in current]


def save_screening(campaign: Campaign, choices: Mapping[str, Choice], user: User) -> int:
    """Apply the choices to the answers they name; returns the number changed.

    :raises ScreeningError: a kept answer whose text is empty or too long (nothing is
        changed then).
    """
    answers = {a.digest: a for a in open_answers(campaign, "id")}
    invalid = [d for d, c in choices.items() if d in answers and _invalid(c)]
    if invalid:
        raise ScreeningError(invalid)
    changed = [d for d, c in choices.items() if d in answers and _apply(answers[d], c, user)]
    db.session.flush()
    if changed:
        _audit(campaign, changed, choices)
    return len(changed)


def _audit(campaign: Campaign, changed: list[str], choices: Mapping[str, Choice]) -> None:
    """Names the answers by a digest prefix, never by their text."""
    kept = [d[:12] for d in changed if choices[d].keep]
    dropped = [d[:12] for d in changed if not choices[d].keep]
    audit.record(
        "evaluation.comments",
        "campaign",
        campaign.id,
        campaign=campaign.slug,
        kept=kept,
        dropped=dropped,
    )


def _invalid(choice: Choice) -> bool:
    return choice.incomplete(MAX_TEXT)


def _apply(answer: OpenAnswer, choice: Choice, user: User) -> bool:
    """Add, update or remove one screened comment; True when something changed."""
    current = answer.comment
    if not choice.keep:
        if current is not None:
            db.session.delete(current)
        return current is not None
    if current is None:
        current = EvaluationComment(campaign_id=answer.campaign_id, source_digest=answer.digest)
        db.session.add(current)
    elif current.screened_text == choice.text:
        return False
    current.screened_text = choice.text
    current.screened_by, current.screened_at = user.id, utcnow()
    return True


def _comments(campaign: Campaign) -> dict[str, EvaluationComment]:
    query = sa.select(EvaluationComment).where(EvaluationComment.campaign_id == campaign.id)
    return {row.source_digest: row for row in db.session.scalars(query)}


def _texts(campaign: Campaign, form: Form) -> dict[tuple[str, str], int]:
    """(question, text) -> how many wrote it, for the form's free-text questions."""
    names = [q.name for q in form.questions.values() if isinstance(q, TextQuestion)]
    counts: dict[tuple[str, str], int] = {}
    for question, text in _answers(campaign, names):
        counts[question, text] = counts.get((question, text), 0) + 1
    return counts


def _answers(campaign: Campaign, names: list[str]) -> Iterator[tuple[str, str]]:
    if not names:
        return
    query = sa.select(Response.answers).where(Response.campaign_id == campaign.id)
    for answers in db.session.scalars(query):
        for name in names:
            text = answers.get(name)
            if isinstance(text, str) and text.strip():
                yield name, text
