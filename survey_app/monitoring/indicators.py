"""The monitoring indicators, computed once for both documents that print them.

Section 7 of the policy draft and the evaluation report call :func:`indicators` on the
same :class:`~.period.PeriodFacts`, so they print the same values. An indicator without
data (no activity in the period, no evaluation shown, a wave too small) has ``value``
``None`` and the documents say "no data yet"; a share is never computed from a group
below the minimum cell size.

Names and sources are translated when computed: call under ``force_locale``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from flask_babel import gettext

from ..analysis import min_cell_for
from ..results.service import Analysis
from ..training.evaluation import ActivityEvaluation, ItemResult
from .period import PeriodFacts
from .trends import Status

#: PP 11/2017 Art. 203: at least 20 JP of competency development a year.
JP_PER_YEAR = 20
#: A learning gain counts when its Holm-adjusted p is below this.
ALPHA = 0.05


class Unit(enum.StrEnum):
    SHARE = "share"
    COUNT = "count"
    JP = "jp"


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    #: A share (0-1), a count or lesson hours; ``None``: no data yet.
    value: float | None
    unit: Unit
    #: Where the value comes from (a survey wave, the activities, the evaluations).
    source: str
    #: The survey wave or the training year it describes.
    period: str
    #: For a share: ``part`` of ``base`` (counts the documents print beside it).
    part: int | None = None
    base: int | None = None


def indicators(facts: PeriodFacts) -> list[Indicator]:
    """The indicators of section 7, in its order."""
    evaluations = [e for e in facts.evaluations.values() if e is not None and not e.suppressed]
    year = facts.period or "—"
    return [
        _jp_indicator(facts.latest),
        _delivered(facts, year),
        _pooled(
            "relevant",
            _("Participants who found the training relevant to their job"),
            [e.relevance for e in evaluations],
            year,
        ),
        _learning(evaluations, year),
        _pooled(
            "applied",
            _("Participants who applied the training on the job"),
            [e.transfer for e in evaluations],
            year,
        ),
        _needs_reduced(facts, year),
        _decisions(facts, year),
    ]


def _(message: str, **variables: object) -> str:
    return str(gettext(message, **variables))


def _jp_indicator(latest: Analysis) -> Indicator:
    wave = latest.campaign.title or latest.campaign.slug
    name = _("Civil servants with at least %(jp)s JP in the last 12 months", jp=JP_PER_YEAR)
    source = _("Survey wave “%(title)s”", title=wave)
    counted = jp_counts(latest)
    if counted is None:
        return Indicator("jp20", name, None, Unit.SHARE, source, wave)
    k, n = counted
    return Indicator("jp20", name, k / n, Unit.SHARE, source, wave, k, n)


def jp_counts(latest: Analysis) -> tuple[int, int] | None:
    """Respondents with at least 20 JP, among those who answered the ``training_hours``
    question; ``None`` when either side is below the distribution threshold."""
    question = latest.form.by_role.get("training_hours")
    if question is None or latest.too_few or question.name not in latest.data.columns:
        return None
    hours = latest.data.column(question.name).astype(np.float64)
    answered = hours[np.isfinite(hours)]
    enough = int(np.count_nonzero(answered >= JP_PER_YEAR))
    floor = max(latest.min_cell, min_cell_for("distribution"))
    if min(enough, answered.size - enough) < floor:
        return None
    return enough, int(answered.size)


def _delivered(facts: PeriodFacts, year: str) -> Indicator:
    name = _("Lesson hours (JP) delivered by the training activities")
    source = _("Training activities (%(n)s)", n=len(facts.activities))
    total = sum(a.jp for a in facts.activities) if facts.activities else None
    return Indicator("jp_delivered", name, total, Unit.JP, source, year)


def _pooled(key: str, name: str, items: Iterable[ItemResult | None], year: str) -> Indicator:
    """The share agreeing, pooled over the activities whose item may be shown."""
    shares = [item.agreeing for item in items if item is not None and item.agreeing is not None]
    source = _("Post-training evaluations (%(n)s activities)", n=len(shares))
    k, n = sum(s.k for s in shares), sum(s.n for s in shares)
    if n == 0:
        return Indicator(key, name, None, Unit.SHARE, source, year)
    return Indicator(key, name, k / n, Unit.SHARE, source, year, k, n)


def _learning(evaluations: list[ActivityEvaluation], year: str) -> Indicator:
    name = _("Targeted competencies with a significant learning gain")
    gains = [row.gain for e in evaluations for row in e.learning.values() if row.gain is not None]
    source = _("Post-training evaluations (%(n)s activities)", n=len(evaluations))
    if not gains:
        return Indicator("learning", name, None, Unit.SHARE, source, year)
    k = sum(1 for g in gains if g.mean_gain > 0 and g.p_adjusted < ALPHA)
    return Indicator("learning", name, k / len(gains), Unit.SHARE, source, year, k, len(gains))


def _needs_reduced(facts: PeriodFacts, year: str) -> Indicator:
    """Of the competencies the period's activities targeted, those whose need fell
    significantly between the series' last two waves (absent or suppressed: not counted)."""
    name = _("Targeted needs reduced at the latest survey wave")
    trend = facts.trend
    if trend is None:
        return Indicator("needs_reduced", name, None, Unit.SHARE, _("No series of waves"), year)
    waves = " → ".join(wave.title for wave in trend.waves[-2:])
    source = _("Series “%(title)s” (%(waves)s)", title=trend.title, waves=waves)
    targeted = {code for a in facts.activities for code in a.competency_codes}
    compared = [r.pairs[-1].status for r in trend.rows if r.code in targeted and r.pairs]
    tested = [s for s in compared if s not in (Status.ABSENT, Status.SUPPRESSED)]
    if not tested:
        return Indicator("needs_reduced", name, None, Unit.SHARE, source, year)
    k = tested.count(Status.REDUCED)
    return Indicator(
        "needs_reduced", name, k / len(tested), Unit.SHARE, source, year, k, len(tested)
    )


def _decisions(facts: PeriodFacts, year: str) -> Indicator:
    name = _("Decisions recorded on adjust-material flags")
    source = _("Evaluators' decisions")
    count = len(facts.decisions) if facts.activities else None
    return Indicator("decisions", name, count, Unit.COUNT, source, year)
