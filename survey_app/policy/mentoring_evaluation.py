"""The end-of-round mentoring evaluation, as section 6 of the draft reports it.

Read through the results layer's dataset only: the anonymous campaign's answers, never
the mentoring programme's named tables. The campaign is the latest one whose
questionnaire declares ``mentoring_evaluation`` items (``questionnaires/
mentoring-evaluation.yaml``); each item is summarised as the share agreeing (4 or 5 of
5) with a Wilson interval, for all respondents when they reach the campaign's
``min_cell_size``, and by the ``mentoring_participation`` answer (mentor, mentee) only
when no group is hidden by the one suppression rule of the reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ..analysis.evaluation import Share, share_at_least
from ..campaigns.models import Campaign
from ..extensions import db
from ..questionnaire import Form
from ..questionnaire.types import Question
from ..results.dataset import Dataset, load_dataset
from ..results.priorities import hidden_groups
from ..versions.cache import form_of
from ..versions.models import Questionnaire, QuestionnaireVersion

ITEM_ROLE, GROUP_ROLE = "mentoring_evaluation", "mentoring_participation"
#: "Agree" or "strongly agree" on the 1-5 agreement scale.
AGREE = 4


@dataclass(frozen=True, slots=True)
class ItemShares:
    label: str
    total: Share
    #: One per :attr:`MentoringEvaluation.groups`; empty when the groups are not shown.
    by_group: tuple[Share, ...]


@dataclass(frozen=True, slots=True)
class MentoringEvaluation:
    title: str
    n: int
    min_cell: int
    #: Labels of the groups shown (mentor, mentee); empty when any would be hidden.
    groups: tuple[str, ...]
    group_sizes: tuple[int, ...]
    #: Empty when the campaign has fewer than ``min_cell`` responses.
    items: tuple[ItemShares, ...]

    @property
    def too_few(self) -> bool:
        return self.n < self.min_cell


def read_evaluation(language: str) -> MentoringEvaluation | None:
    """The latest evaluation campaign's summary; ``None`` when there is none."""
    if (found := _latest_campaign()) is None:
        return None
    campaign, form = found
    data = load_dataset(campaign.id, form)
    k = campaign.min_cell_size
    if data.n < k:
        return MentoringEvaluation(campaign.title, data.n, k, (), (), ())
    groups = _groups(data, form, k, language)
    items = tuple(
        ItemShares(
            form.text(question.label, language),
            share_at_least(data.column(question.name), AGREE),
            tuple(share_at_least(data.column(question.name)[mask], AGREE) for _, mask in groups),
        )
        for question in _items(form)
    )
    labels, sizes = tuple(g for g, _ in groups), tuple(int(m.sum()) for _, m in groups)
    return MentoringEvaluation(campaign.title, data.n, k, labels, sizes, items)


def _items(form: Form) -> list[Question]:
    return [question for question in form.questions.values() if question.role == ITEM_ROLE]


def _latest_campaign() -> tuple[Campaign, Form] | None:
    query = (
        sa.select(Campaign)
        .join(QuestionnaireVersion, QuestionnaireVersion.id == Campaign.version_id)
        .join(Questionnaire, Questionnaire.id == QuestionnaireVersion.questionnaire_id)
        .where(Questionnaire.kind == "survey")
        .order_by(Campaign.created_at.desc(), Campaign.id.desc())
    )
    for campaign in db.session.scalars(query):
        form = form_of(campaign.version)
        if _items(form):
            return campaign, form
    return None


def _groups(data: Dataset, form: Form, k: int, language: str) -> list[tuple[str, np.ndarray]]:
    """(label, mask) of each participation group; none when any group would be hidden."""
    question = form.by_role.get(GROUP_ROLE)
    if question is None or question.name not in data.groups:
        return []
    answered = data.groups[question.name]
    labels = question.value_labels(form.spec)
    if hidden_groups(data, question.name, k).hidden:
        return []
    groups = [(form.text(labels[v], language), answered == v) for v in labels]
    shown = [(label, mask) for label, mask in groups if mask.any()]
    return shown if len(shown) > 1 else []
