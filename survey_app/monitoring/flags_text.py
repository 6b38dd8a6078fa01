"""The flags in words and numbers: which threshold was crossed, and by how much.

One sentence per flag or unchecked rule, in the reader's language (Flask-Babel), used by
the flags page and ``flask training flags``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..analysis.flags import (
    LOW_RELEVANCE,
    NEED_NOT_REDUCED,
    NO_INTERVAL,
    NO_LEARNING_GAIN,
    NO_TEST,
    TOO_FEW_RESPONSES,
    UNKNOWN_HEADCOUNT,
)
from .flags import NO_EVALUATION, Flag, Unchecked
from .flags_trend import NO_SERIES, NO_TREND, NO_WAVE_AFTER, NO_WAVE_BEFORE

RULE_NAMES = {
    LOW_RELEVANCE: _l("Low relevance"),
    NO_LEARNING_GAIN: _l("No learning gain"),
    NEED_NOT_REDUCED: _l("Need not reduced"),
}

REASONS = {
    TOO_FEW_RESPONSES: _l("not checked: %(n)s answers, at least %(min)s are needed."),
    NO_INTERVAL: _l("not checked: a single answer gives no confidence interval."),
    NO_TEST: _l("not checked: no before/now pair to test."),
    UNKNOWN_HEADCOUNT: _l(
        "not checked: the number of people in need is unknown (the needs campaign has no "
        "population, or the item is suppressed in that wave)."
    ),
    NO_TREND: _l(
        "not checked: the waves cannot be compared for this competency (absent or "
        "suppressed in a wave)."
    ),
    NO_SERIES: _l("not checked: the needs campaign that motivated the activity is in no series."),
    NO_WAVE_BEFORE: _l("not checked: the series has no wave before the activity."),
    NO_WAVE_AFTER: _l("not checked: the series has no wave after the activity yet."),
    NO_EVALUATION: _l("not checked: the activity has no evaluation campaign yet."),
}


def no_flag() -> str:
    return str(_("no flag"))


def rule_name(rule: str) -> str:
    return str(RULE_NAMES.get(rule, rule))


def subject(rule: str, code: str | None, label: str) -> str:
    """``"No learning gain · M.1 Integrity"``."""
    name = rule_name(rule)
    return f"{name} · {code} {label}".rstrip() if code else name


def unchecked_text(item: Unchecked) -> str:
    reason = item.unassessed.reason
    detail = item.unassessed.detail
    template = REASONS.get(reason)
    if template is None:
        return reason
    if reason == TOO_FEW_RESPONSES:
        return str(template) % {"n": detail.get("n", 0), "min": detail.get("min_responses", 0)}
    return str(template)


def evidence_text(flag: Flag) -> str:
    """The numbers behind ``flag``: what was measured, the threshold, the margin."""
    rule, detail = flag.evidence.rule, flag.evidence.detail
    if rule == LOW_RELEVANCE:
        return _relevance(detail)
    if rule == NO_LEARNING_GAIN:
        return _learning(detail)
    return _trend(detail, flag.context)


def _relevance(d: Mapping[str, float | int | str]) -> str:
    return gettext_str(
        "Relevance of the material to the job: mean %(mean)s, 95%% CI %(low)s\u2013%(high)s "
        "(n = %(n)s). The upper bound is %(by)s below the threshold %(threshold)s.",
        mean=num(d["mean"]),
        low=num(d["low"]),
        high=num(d["high"]),
        n=d["n"],
        by=num(float(d["threshold"]) - float(d["high"])),
        threshold=num(d["threshold"]),
    )


def _learning(d: Mapping[str, float | int | str]) -> str:
    return gettext_str(
        "Self-rated mastery %(before)s before and %(now)s now (gain %(gain)s, n = %(n)s); "
        "Holm-adjusted p = %(p)s is not below \u03b1 = %(alpha)s: no significant learning gain.",
        before=num(d["mean_before"]),
        now=num(d["mean_after"]),
        gain=num(d["mean_gain"], "+0.00;\u22120.00"),
        n=d["n"],
        p=num(d["p_adjusted"], "0.000"),
        alpha=num(d["alpha"]),
    )


def _trend(d: Mapping[str, float | int | str], context: Mapping[str, object]) -> str:
    change = _("grew") if d["status"] == "grew" else _("did not shrink")
    p = context.get("p_adjusted")
    return gettext_str(
        "From %(before)s to %(after)s the need %(change)s (Holm-adjusted p = %(p)s), although "
        "%(trained)s people were trained: %(share)s of the estimated %(headcount)s in need, "
        "at or above the threshold %(threshold)s.",
        before=context.get("before", ""),
        after=context.get("after", ""),
        change=change,
        p=num(p, "0.000") if isinstance(p, float) else "—",
        trained=d["trained"],
        share=format_percent(float(d["trained_share"]), "#,##0%"),
        headcount=format_decimal(float(d["headcount_in_need"]), "#,##0"),
        threshold=format_percent(float(d["threshold"]), "#,##0%"),
    )


def gettext_str(message: str, **values: object) -> str:
    """:func:`flask_babel.gettext` typed as ``str``."""
    return str(_(message, **values))


def num(value: object, pattern: str = "0.00") -> str:
    """A number in the reader's locale; "—" where there is none."""
    if not isinstance(value, int | float) or math.isnan(value):
        return "—"
    return str(format_decimal(value, pattern))
