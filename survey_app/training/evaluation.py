"""Per-activity results of its evaluation campaigns (Kirkpatrick levels 1-3).

The campaigns' numeric answers are read in one columnar pass each
(:func:`..results.dataset.load_dataset`) and summarised with the pure functions of
:mod:`..analysis.evaluation`. Items are found by ``role:`` (relevance, reaction,
transfer) and the learning pairs by the competency code of each repeated
``retrospective`` question. Suppression: below the campaigns' min cell size nothing is
shown; an item answered by fewer people shows no figures of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..analysis.evaluation import MeanCI, PairedGain, Share, learning_gains, mean_ci, share_at_least
from ..campaigns.asked import campaign_form
from ..questionnaire import Form
from ..questionnaire.types.retrospective import Retrospective
from ..questionnaire.types.scale import Likert
from ..results.dataset import Dataset, load_dataset
from .evaluation_service import evaluations_of
from .models import TrainingActivity


@dataclass(frozen=True)
class ItemResult:
    """One rated item: mean with its 95% t interval, share agreeing (top two points)."""

    name: str
    label: str
    n: int
    mean: MeanCI | None
    agreeing: Share | None

    @property
    def suppressed(self) -> bool:
        return self.mean is None


@dataclass(frozen=True)
class LearningRow:
    """The retrospective gain of one targeted competency (``None``: too few pairs)."""

    code: str
    label: str
    n: int
    gain: PairedGain | None


@dataclass(frozen=True)
class ActivityEvaluation:
    activity_id: int
    campaigns: tuple[str, ...]
    n: int
    min_cell_size: int
    suppressed: bool
    relevance: ItemResult | None
    reaction: tuple[ItemResult, ...]
    learning: Mapping[str, LearningRow]
    transfer: ItemResult | None


@dataclass(frozen=True)
class _Answers:
    """The pooled campaigns: a column by name, concatenated where a campaign has it."""

    datasets: Sequence[Dataset]

    @property
    def n(self) -> int:
        return sum(d.n for d in self.datasets)

    def column(self, name: str) -> np.ndarray:
        parts = [d.column(name) for d in self.datasets if name in d.columns]
        return np.concatenate(parts) if parts else np.empty(0, "<f4")


def activity_evaluation(activity: TrainingActivity, language: str) -> ActivityEvaluation | None:
    """The results of the activity's evaluation campaigns; ``None`` when it has none."""
    links = evaluations_of(activity)
    if not links:
        return None
    campaigns = [link.campaign for link in links]
    form = campaign_form(campaigns[-1])
    answers = _Answers([load_dataset(c.id, campaign_form(c)) for c in campaigns])
    floor = max(c.min_cell_size for c in campaigns)
    slugs = tuple(c.slug for c in campaigns)
    if answers.n < floor:
        return ActivityEvaluation(activity.id, slugs, answers.n, floor, True, None, (), {}, None)
    codes = _targeted(activity, [c.targeted_codes for c in campaigns])
    return ActivityEvaluation(
        activity.id,
        slugs,
        answers.n,
        floor,
        False,
        _first(_items(form, "training_relevance", answers, floor, language)),
        tuple(_items(form, "training_reaction", answers, floor, language)),
        _learning(form, codes, answers, floor, language),
        _first(_items(form, "training_applied", answers, floor, language)),
    )


def _targeted(activity: TrainingActivity, targets: list[list[str] | None]) -> list[str]:
    """The codes the campaigns asked, in the activity's order."""
    asked = {code for codes in targets for code in codes or ()}
    return [code for code in activity.competency_codes if code in asked]


def _first(items: list[ItemResult]) -> ItemResult | None:
    return items[0] if items else None


def _items(form: Form, role: str, answers: _Answers, floor: int, lang: str) -> list[ItemResult]:
    return [
        _item(q, form, answers.column(q.name), floor, lang)
        for q in form.with_role(role)
        if isinstance(q, Likert)
    ]


def _item(q: Likert, form: Form, values: np.ndarray, floor: int, lang: str) -> ItemResult:
    label = form.text(q.label, lang)
    answered = int(np.count_nonzero(~np.isnan(values)))
    if answered < floor:
        return ItemResult(q.name, label, answered, None, None)
    return ItemResult(
        q.name, label, answered, mean_ci(values), share_at_least(values, _agree(q, form))
    )


def _agree(question: Likert | Retrospective, form: Form) -> int:
    """The lowest point counted as agreeing: the scale's second highest (4 of 1-5)."""
    return sorted(form.spec.scales[question.scale].values())[-2]


def _learning(
    form: Form, codes: list[str], answers: _Answers, floor: int, lang: str
) -> dict[str, LearningRow]:
    questions = _retrospectives(form)
    names = {entry.code: entry.label for entry in form.spec.competencies}
    pairs = {
        code: (answers.column(f"{q.name}/before"), answers.column(f"{q.name}/now"))
        for code in codes
        if (q := questions.get(code)) is not None
    }
    counts = {code: _complete(*pair) for code, pair in pairs.items()}
    shown = [code for code in pairs if counts[code] >= floor]
    gains = dict(zip(shown, learning_gains([pairs[code] for code in shown]), strict=True))
    return {
        code: LearningRow(code, form.text(names.get(code), lang), counts[code], gains.get(code))
        for code in pairs
    }


def _retrospectives(form: Form) -> dict[str, Retrospective]:
    return {
        q.code: q
        for q in form.questions.values()
        if isinstance(q, Retrospective) and q.code is not None
    }


def _complete(before: np.ndarray, now: np.ndarray) -> int:
    return int(np.count_nonzero(~np.isnan(before) & ~np.isnan(now)))
