"""What readers see for the analysis' internal codes, in the current language.

The analysis names its methods and categories by code (``mwds_then_fgd``, ``holm``,
``bca``, ``sosial_kultural``, ``concentrate_here``); the dashboard, the policy draft and
the charts ask here for the words, so that no page or document shows a code. Call inside
a request or under ``force_locale``. A code without a label (a future method) is shown
as it is rather than hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext

from .tables import PriorityTable


def _(message: str, **variables: Any) -> str:
    return str(gettext(message, **variables))


def ranking_method(provenance: Mapping[str, Any]) -> str:
    """How the items were ranked, with the tie rule, from a priority table's provenance."""
    method = provenance.get("method")
    if method == "mwds_then_fgd":
        return _(
            "by Borich's MWDS, highest first; equal scores by focus-group points, then by "
            "mean importance, then by code"
        )
    if method == "weighted":
        weights = provenance.get("weights") or {}
        return _(
            "by a weighted score: survey MWDS (weight %(survey)s) and focus-group points "
            "(weight %(fgd)s), each standardised across the competencies; equal scores as "
            "in the MWDS order",
            survey=weights.get("survey", "?"),
            fgd=weights.get("fgd", "?"),
        )
    return str(method)


def p_adjustment(method: str) -> str:
    names = {
        "holm": _("Holm's method (controls the chance of any false finding across the items)"),
        "bh": _("the Benjamini-Hochberg method (controls the share of false findings)"),
    }
    return names.get(method, method)


def interval_method(method: str) -> str:
    """How a confidence interval was computed (:data:`survey_app.analysis.borich.CiMethod`)."""
    names = {
        "bca": _("bias-corrected and accelerated bootstrap (BCa)"),
        "percentile": _("percentile bootstrap"),
        "normal": _("normal approximation"),
        "none": _("not computed (too few respondents)"),
    }
    return names.get(method, method)


def missing_data(rule: str) -> str:
    """The missing-data rule of :func:`survey_app.results.priorities.priority_table`."""
    if rule == "pairwise-complete respondents per item":
        return _(
            "each competency counts the respondents who rated both its importance and "
            "their mastery of it"
        )
    return rule


def competency_group(code: str) -> str:
    """The competency groups of PermenPANRB 38/2017."""
    names = {
        "manajerial": _("Managerial"),
        "sosial_kultural": _("Socio-cultural"),
        "teknis": _("Technical"),
    }
    return names.get(code, code)


def ipa_quadrants() -> dict[str, str]:
    """The four quadrants of the importance-performance chart."""
    return {
        "concentrate_here": _("Concentrate here"),
        "keep_up_the_good_work": _("Keep up the good work"),
        "low_priority": _("Low priority"),
        "possible_overkill": _("Possible overkill"),
    }


def lff_quadrants() -> dict[str, str]:
    """The four quadrants of the locus-for-focus model."""
    return {
        "focus": _("Focus"),
        "maintain": _("Maintain"),
        "watch": _("Watch"),
        "low_priority": _("Low priority"),
    }


def wave_flags() -> dict[str, str]:
    """What the wave comparison says of an item's gap."""
    return {
        "need_reduced": _("Need reduced"),
        "grew": _("Need grew"),
        "persists": _("Persists"),
    }


def method_terms(table: PriorityTable) -> list[tuple[str, str]]:
    """``(term, description)`` pairs saying how a priority table was made (a method box)."""
    provenance = table.provenance
    interval = str(table.rows[0].ci_method) if table.rows else "none"
    return [
        (_("Ranking"), ranking_method(provenance)),
        (_("Confidence intervals"), f"95%, {interval_method(interval)}"),
        (_("p-value adjustment"), p_adjustment(str(provenance.get("p_adjust", "")))),
        (_("Missing answers"), missing_data(str(provenance.get("missing_data", "")))),
        (_("Random seed"), str(provenance.get("seed", "—"))),
    ]
