"""The adjust-material flags of each training activity, with their evidence.

The three pure rules of :mod:`survey_app.analysis.flags` applied to what the database
holds: relevance and learning from the activity's evaluation campaigns
(:func:`~survey_app.training.evaluation.activity_evaluation`), and "need not reduced"
from the series that holds the activity's motivating campaign (or one given): the status
of each targeted code between the wave before the activity and the next one, with the
people trained against the first wave's ``estimated_headcount``. A rule that cannot be
checked says why (:class:`Unchecked`). Thresholds come from the configuration
(:func:`configured_thresholds`, the one place that reads them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis.evaluation import MeanCI
from ..analysis.flags import (
    LOW_RELEVANCE,
    NO_LEARNING_GAIN,
    TOO_FEW_RESPONSES,
    Evidence,
    FlagThresholds,
    Unassessed,
    learning_flags,
    learning_unassessed,
    relevance_flag,
    relevance_unassessed,
    weakest_items,
)
from ..campaigns.models import Campaign
from ..training.evaluation import ActivityEvaluation, activity_evaluation
from ..training.evaluation_service import evaluations_of
from ..training.models import TrainingActivity
from .comments import screened_comments
from .decisions import decision_history
from .flags_trend import Raised, TrendSource, trend_outcomes
from .models import CampaignSeries, EvaluationDecision

#: Reason of a rule that needs an evaluation the activity does not have.
NO_EVALUATION = "no_evaluation"

#: Setting name and type of each threshold; unset settings keep the defaults.
SETTINGS: dict[str, tuple[str, Callable[[Any], float]]] = {
    "relevance": ("SURVEY_APP_FLAG_RELEVANCE", float),
    "min_responses": ("SURVEY_APP_FLAG_MIN_RESPONSES", int),
    "gain_alpha": ("SURVEY_APP_FLAG_GAIN_ALPHA", float),
    "trained_share": ("SURVEY_APP_FLAG_TRAINED_SHARE", float),
}


@dataclass(frozen=True)
class Flag:
    """A raised flag, its competency's label, the trend's waves and its decisions."""

    evidence: Evidence
    label: str
    context: Mapping[str, str | float | None]
    #: The decisions on this flag, the one in force first.
    history: tuple[EvaluationDecision, ...] = ()

    @property
    def decision(self) -> EvaluationDecision | None:
        return self.history[0] if self.history else None

    @property
    def key(self) -> str:
        """``rule`` or ``rule-CODE``: unique within the activity (HTML ids, anchors)."""
        code = self.evidence.code
        return self.evidence.rule if code is None else f"{self.evidence.rule}-{code}"


@dataclass(frozen=True)
class Unchecked:
    unassessed: Unassessed
    label: str


@dataclass(frozen=True)
class WeakItem:
    label: str
    mean: MeanCI


@dataclass(frozen=True)
class ActivityFlags:
    activity: TrainingActivity
    flags: tuple[Flag, ...]
    unchecked: tuple[Unchecked, ...]
    weakest: tuple[WeakItem, ...]
    #: Screened texts only: unscreened answers never leave the screening page.
    comments: tuple[str, ...]
    #: The evaluation campaigns (their screening pages).
    campaigns: tuple[Campaign, ...]

    @property
    def evidence(self) -> list[Evidence]:
        return [flag.evidence for flag in self.flags]

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


def configured_thresholds(config: Mapping[str, Any]) -> FlagThresholds:
    """The ``SURVEY_APP_FLAG_*`` settings over :class:`FlagThresholds`' defaults.

    :raises ValueError: a setting that is not a number, or out of its range.
    """
    default = FlagThresholds()
    return FlagThresholds(
        relevance=_setting(config, "relevance", default.relevance),
        min_responses=int(_setting(config, "min_responses", default.min_responses)),
        gain_alpha=_setting(config, "gain_alpha", default.gain_alpha),
        trained_share=_setting(config, "trained_share", default.trained_share),
    )


def _setting(config: Mapping[str, Any], field: str, default: float) -> float:
    name, kind = SETTINGS[field]
    raw = config.get(name)
    if raw is None or raw == "":
        return default
    try:
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a number, not {raw!r}") from exc


def flags_for(
    activities: Sequence[TrainingActivity],
    thresholds: FlagThresholds,
    language: str,
    series: CampaignSeries | None = None,
) -> list[ActivityFlags]:
    """The flags of each activity; each series' trend is read once for all of them."""
    source = TrendSource(language, series)
    return [activity_flags(a, thresholds, language, source) for a in activities]


def activity_flags(
    activity: TrainingActivity, t: FlagThresholds, language: str, source: TrendSource
) -> ActivityFlags:
    evaluation = activity_evaluation(activity, language)
    history = decision_history(activity)
    raised, unchecked = _evaluation_outcomes(evaluation, t)
    trend_raised, skipped = trend_outcomes(activity, t, source)
    flags = [
        Flag(evidence, label, context, tuple(history.get((evidence.rule, evidence.code), ())))
        for evidence, label, context in [*raised, *trend_raised]
    ]
    campaigns = tuple(link.campaign for link in evaluations_of(activity))
    return ActivityFlags(
        activity,
        tuple(flags),
        tuple(unchecked + [Unchecked(why, label) for why, label in skipped]),
        tuple(_weakest(evaluation)),
        tuple(text for campaign in campaigns for text in screened_comments(campaign)),
        campaigns,
    )


def _evaluation_outcomes(
    evaluation: ActivityEvaluation | None, t: FlagThresholds
) -> tuple[list[Raised], list[Unchecked]]:
    """Relevance and learning: flags, and the rules that could not be checked."""
    if evaluation is None or evaluation.suppressed:
        return [], [_not_evaluated(rule, evaluation) for rule in (LOW_RELEVANCE, NO_LEARNING_GAIN)]
    raised, unchecked = _relevance(evaluation, t)
    learned, not_learned = _learning(evaluation, t)
    return raised + learned, unchecked + not_learned


def _not_evaluated(rule: str, evaluation: ActivityEvaluation | None) -> Unchecked:
    if evaluation is None:
        return Unchecked(Unassessed(rule, None, NO_EVALUATION, {}), "")
    return _too_few(rule, None, evaluation.n, evaluation.min_cell_size, "")


def _too_few(rule: str, code: str | None, n: int, floor: int, label: str) -> Unchecked:
    detail = {"n": n, "min_responses": floor}
    return Unchecked(Unassessed(rule, code, TOO_FEW_RESPONSES, detail), label)


def _relevance(
    evaluation: ActivityEvaluation, t: FlagThresholds
) -> tuple[list[Raised], list[Unchecked]]:
    item = evaluation.relevance
    if item is None:
        return [], []
    if item.mean is None:
        return [], [_too_few(LOW_RELEVANCE, None, item.n, evaluation.min_cell_size, item.label)]
    flag, why = relevance_flag(item.mean, t), relevance_unassessed(item.mean, t)
    raised: list[Raised] = [(flag, item.label, {})] if flag is not None else []
    return raised, [Unchecked(why, item.label)] if why is not None else []


def _learning(
    evaluation: ActivityEvaluation, t: FlagThresholds
) -> tuple[list[Raised], list[Unchecked]]:
    rows, floor = evaluation.learning, evaluation.min_cell_size
    gains = {code: row.gain for code, row in rows.items() if row.gain is not None}
    few = [
        _too_few(NO_LEARNING_GAIN, code, row.n, floor, row.label)
        for code, row in rows.items()
        if row.gain is None
    ]
    raised: list[Raised] = [(e, rows[e.code or ""].label, {}) for e in learning_flags(gains, t)]
    unchecked = [Unchecked(u, rows[u.code or ""].label) for u in learning_unassessed(gains, t)]
    return raised, few + unchecked


def _weakest(evaluation: ActivityEvaluation | None) -> list[WeakItem]:
    """The reaction items (relevance included) with the lowest means."""
    if evaluation is None or evaluation.suppressed:
        return []
    items = [i for i in (evaluation.relevance, *evaluation.reaction) if i is not None]
    labels = {item.name: item.label for item in items}
    means = {item.name: item.mean for item in items if item.mean is not None}
    return [WeakItem(labels[name], mean) for name, mean in weakest_items(means)]
