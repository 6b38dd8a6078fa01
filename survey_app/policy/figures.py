"""The draft's charts: the dashboard's MWDS and IPA figures, as SVG (HTML, PDF) or PNG (DOCX).

The data is prepared as :mod:`survey_app.dashboard.figures` does, from the shown rows of
the priority table. Word cannot show SVG, so for DOCX the same matplotlib figure is saved
as PNG: the undecorated builder (``functools.wraps`` keeps it as ``__wrapped__``) is drawn
under the chart module's lock and house style, as the SVG renderer does.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib

from ..analysis import ipa_quadrants
from ..dashboard import charts
from ..dashboard.figures import ipa_names
from .words import _

#: PNG resolution: sharp when printed at the figure's width (5 inches).
DPI = 200


@dataclass(frozen=True)
class Chart:
    """A chart to draw: which dashboard chart function, and its arguments."""

    kind: str
    args: tuple[Any, ...]

    def svg(self) -> bytes:
        return _builders()[self.kind](*self.args)  # type: ignore[no-any-return]

    def png(self) -> bytes:
        build = getattr(_builders()[self.kind], "__wrapped__")  # noqa: B009 - typed as Callable
        buffer = io.BytesIO()
        with charts._LOCK, matplotlib.rc_context(charts.RC):
            build(*self.args).savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        return buffer.getvalue()


def _builders() -> dict[str, Callable[..., Any]]:
    return {"mwds": charts.mwds_bars, "ipa": charts.ipa_scatter}


def mwds_chart(rows: list[dict[str, Any]]) -> Chart:
    """Shown rows with an MWDS, best first, with their 95% intervals."""
    rows = [row for row in rows if row["mwds"] is not None]
    return Chart(
        "mwds",
        (
            [row["code"] for row in rows],
            [row["mwds"] for row in rows],
            [(_nan(row["mwds_ci"][0]), _nan(row["mwds_ci"][1])) for row in rows],
            _("MWDS (bar) with its %(level)s confidence interval", level="95%"),
        ),
    )


def ipa_chart(rows: list[dict[str, Any]]) -> Chart:
    importance = [_nan(row["importance_mean"]) for row in rows]
    competence = [_nan(row["competence_mean"]) for row in rows]
    grid = ipa_quadrants(importance, competence)
    labels = {"x": _("Mean competence"), "y": _("Mean importance"), **ipa_names()}
    return Chart(
        "ipa",
        ([row["code"] for row in rows], competence, importance, (grid.x_cut, grid.y_cut), labels),
    )


def _nan(value: float | None) -> float:
    return math.nan if value is None else value
