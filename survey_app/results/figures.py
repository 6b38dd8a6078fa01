"""The dashboard's charts: data taken from a priority table, labels in the reader's language."""

from __future__ import annotations

import math
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from ..analysis import ipa_quadrants
from . import charts
from .labels import ipa_quadrants as ipa_names
from .service import Analysis, choice_label, shown_groups
from .tables import ItemResult

#: Items shown per group in the ``groups`` chart: the campaign's top ranks.
TOP = 8


def chart_svg(name: str, analysis: Analysis, by: str | None) -> bytes:
    """``mwds``, ``ipa`` or ``groups`` (by report group ``by``) as SVG."""
    if analysis.table is None:
        return charts.render("svg", charts.message, _("Suppressed to protect anonymity."))
    shown = analysis.table.split(analysis.min_cell).shown
    if name == "mwds":
        return charts.render("svg", charts.mwds_bars, *mwds_args(shown))
    if name == "ipa":
        return charts.render("svg", charts.ipa_scatter, *ipa_args(shown))
    rows = [row for row in shown if row.mwds is not None]
    return _groups(analysis, rows[:TOP], by)


def mwds_args(shown: list[ItemResult]) -> tuple[Any, ...]:
    """:func:`.charts.mwds_bars`' arguments: the shown rows with an MWDS, in table order."""
    rows = [row for row in shown if row.mwds is not None]
    return (
        [row.code for row in rows],
        [row.mwds for row in rows],
        [(_nan(row.mwds_ci[0]), _nan(row.mwds_ci[1])) for row in rows],
        _("MWDS (bar) with its %(level)s confidence interval", level="95%"),
        locale(),
    )


def ipa_args(shown: list[ItemResult]) -> tuple[Any, ...]:
    """:func:`.charts.ipa_scatter`'s arguments, crosshairs at the means of the shown items."""
    importance = [_nan(row.importance_mean) for row in shown]
    competence = [_nan(row.competence_mean) for row in shown]
    grid = ipa_quadrants(importance, competence)
    return (
        [row.code for row in shown],
        competence,
        importance,
        (grid.x_cut, grid.y_cut),
        {"x": _("Mean competence"), "y": _("Mean importance"), **ipa_names()},
        locale(),
    )


def locale() -> str:
    """The language the chart's numbers are written in: the reader's (or the draft's)."""
    return str(get_locale() or "en")


def _groups(analysis: Analysis, top: list[ItemResult], by: str | None) -> bytes:
    codes, min_cell = [row.code for row in top], analysis.min_cell
    series = []
    for value, table in shown_groups(analysis, by) if by else []:
        mwds = {row.code: _nan(row.mwds) for row in table.split(min_cell).shown}
        label = choice_label(analysis.form, by or "", value, analysis.language)
        series.append((label, [mwds.get(code, math.nan) for code in codes]))
    if not series:
        message = _("Every group is suppressed to protect anonymity.")
        return charts.render("svg", charts.message, message)
    return charts.render("svg", charts.grouped_bars, codes, series, _("MWDS"), locale())


def _nan(value: float | None) -> float:
    return math.nan if value is None else value
