"""The "adjust the material" rules of a training activity (issue 13, section 4).

Each rule either raises a flag with its :class:`Evidence` (the numbers that crossed the
threshold), stays silent, or could not be checked: then the ``*_unassessed`` function of
the same rule says why (:class:`Unassessed`), so that a report can show "not enough
responses" instead of a silent absence. One private function per rule decides all three.
See docs/statistics.md, "Adjust-material flags".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .evaluation import MeanCI, PairedGain

LOW_RELEVANCE = "low_relevance"
NO_LEARNING_GAIN = "no_learning_gain"
NEED_NOT_REDUCED = "need_not_reduced"

TOO_FEW_RESPONSES = "too_few_responses"
NO_INTERVAL = "no_interval"
NO_TEST = "no_test"
UNKNOWN_HEADCOUNT = "unknown_headcount"
NO_TREND = "no_trend"

#: Wave-comparison statuses: a need that did not shrink, and one that did.
NOT_REDUCED_STATUSES = frozenset({"persists", "grew"})
REDUCED_STATUSES = frozenset({"reduced", "need_reduced"})

Detail = Mapping[str, float | int | str]


@dataclass(frozen=True, slots=True)
class FlagThresholds:
    """Configurable thresholds of the three rules; invalid values raise ``ValueError``."""

    relevance: float = 3.5
    min_responses: int = 5
    gain_alpha: float = 0.05
    trained_share: float = 0.2

    def __post_init__(self) -> None:
        if not math.isfinite(self.relevance):
            raise ValueError("the relevance threshold must be a finite number")
        if self.min_responses < 1:
            raise ValueError("min_responses must be at least 1")
        if not 0 < self.gain_alpha < 1:
            raise ValueError("gain_alpha must lie strictly between 0 and 1")
        if not 0 <= self.trained_share <= 1:
            raise ValueError("trained_share must lie between 0 and 1")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A raised flag: its rule, the competency (per-competency rules) and the numbers."""

    rule: str
    code: str | None
    detail: Detail


@dataclass(frozen=True, slots=True)
class Unassessed:
    """A rule that could not be checked; ``reason`` is a key the caller translates."""

    rule: str
    code: str | None
    reason: str
    detail: Detail


Outcome = Evidence | Unassessed | None


def relevance_flag(relevance: MeanCI, t: FlagThresholds) -> Evidence | None:
    """Flag when n >= ``min_responses`` and the CI's upper bound is below ``t.relevance``."""
    outcome = _relevance(relevance, t)
    return outcome if isinstance(outcome, Evidence) else None


def relevance_unassessed(relevance: MeanCI, t: FlagThresholds) -> Unassessed | None:
    """Why the relevance rule could not be checked (too few responses, no interval)."""
    outcome = _relevance(relevance, t)
    return outcome if isinstance(outcome, Unassessed) else None


def learning_flags(gains: Mapping[str, PairedGain], t: FlagThresholds) -> list[Evidence]:
    """One flag per competency code without a significant gain (Holm p >= ``gain_alpha``)."""
    outcomes = (_learning(code, gain, t) for code, gain in gains.items())
    return [o for o in outcomes if isinstance(o, Evidence)]


def learning_unassessed(gains: Mapping[str, PairedGain], t: FlagThresholds) -> list[Unassessed]:
    """The competencies whose gain could not be judged (too few pairs, no test)."""
    outcomes = (_learning(code, gain, t) for code, gain in gains.items())
    return [o for o in outcomes if isinstance(o, Unassessed)]


def trend_flag(
    code: str, status: str, trained: int, headcount_in_need: float | None, t: FlagThresholds
) -> Evidence | None:
    """Flag a need that ``persists`` or ``grew`` although trained/headcount >= the share."""
    outcome = _trend(code, status, trained, headcount_in_need, t)
    return outcome if isinstance(outcome, Evidence) else None


def trend_unassessed(
    code: str, status: str, trained: int, headcount_in_need: float | None, t: FlagThresholds
) -> Unassessed | None:
    """Why the trend rule could not be checked (unknown headcount, no wave comparison)."""
    outcome = _trend(code, status, trained, headcount_in_need, t)
    return outcome if isinstance(outcome, Unassessed) else None


def weakest_items(items: Mapping[str, MeanCI], k: int = 3) -> list[tuple[str, MeanCI]]:
    """The ``k`` items with the lowest mean (ties: lower upper bound, then code).

    Items without a mean (no responses) are left out; ``k`` < 0 raises ``ValueError``.
    """
    if k < 0:
        raise ValueError("k must not be negative")
    rated = [(code, ci) for code, ci in items.items() if not math.isnan(ci.mean)]
    rated.sort(key=lambda item: (item[1].mean, _or_inf(item[1].high), item[0]))
    return rated[:k]


def _relevance(ci: MeanCI, t: FlagThresholds) -> Outcome:
    detail: dict[str, float | int | str] = {"n": ci.n, "mean": ci.mean, "low": ci.low}
    detail |= {"high": ci.high, "confidence": ci.confidence, "threshold": t.relevance}
    detail["min_responses"] = t.min_responses
    if ci.n < t.min_responses:
        return Unassessed(LOW_RELEVANCE, None, TOO_FEW_RESPONSES, detail)
    if math.isnan(ci.high):
        return Unassessed(LOW_RELEVANCE, None, NO_INTERVAL, detail)
    return Evidence(LOW_RELEVANCE, None, detail) if ci.high < t.relevance else None


def _learning(code: str, gain: PairedGain, t: FlagThresholds) -> Outcome:
    detail: dict[str, float | int | str] = {"n": gain.n, "n_nonzero": gain.n_nonzero}
    detail |= {"mean_before": gain.mean_before, "mean_after": gain.mean_after}
    detail |= {"mean_gain": gain.mean_gain, "effect": gain.effect, "method": gain.method}
    detail |= {"p_value": gain.p_value, "p_adjusted": gain.p_adjusted, "alpha": t.gain_alpha}
    detail["min_responses"] = t.min_responses
    if gain.n < t.min_responses:
        return Unassessed(NO_LEARNING_GAIN, code, TOO_FEW_RESPONSES, detail)
    if math.isnan(gain.p_adjusted):
        return Unassessed(NO_LEARNING_GAIN, code, NO_TEST, detail)
    return Evidence(NO_LEARNING_GAIN, code, detail) if gain.p_adjusted >= t.gain_alpha else None


def _trend(
    code: str, status: str, trained: int, headcount: float | None, t: FlagThresholds
) -> Outcome:
    if trained < 0:
        raise ValueError("the number of people trained must not be negative")
    detail: dict[str, float | int | str] = {"status": status, "trained": trained}
    detail["threshold"] = t.trained_share
    if status in REDUCED_STATUSES:
        return None
    if status not in NOT_REDUCED_STATUSES:
        return Unassessed(NEED_NOT_REDUCED, code, NO_TREND, detail)
    if headcount is None or not math.isfinite(headcount) or headcount <= 0:
        return Unassessed(NEED_NOT_REDUCED, code, UNKNOWN_HEADCOUNT, detail)
    share = trained / headcount  # a ratio, not share * headcount: 3/10 >= 0.3 must hold
    detail |= {"headcount_in_need": headcount, "trained_share": share}
    return Evidence(NEED_NOT_REDUCED, code, detail) if share >= t.trained_share else None


def _or_inf(value: float) -> float:
    return math.inf if math.isnan(value) else value
