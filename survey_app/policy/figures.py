"""The draft's charts: the dashboard's MWDS and IPA figures, as SVG (HTML, PDF) or PNG (DOCX).

The arguments come from :mod:`survey_app.results.figures` (the same shown rows, the
same labels), so the draft and the dashboard draw the same charts; Word cannot show SVG,
so DOCX gets the same figure as PNG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from ..results import charts
from ..results.figures import ipa_args, mwds_args
from ..results.tables import ItemResult

BUILDERS: dict[str, Callable[..., Figure]] = {
    "mwds": charts.mwds_bars,
    "ipa": charts.ipa_scatter,
}


@dataclass(frozen=True)
class Chart:
    """A chart to draw: which dashboard chart, and its arguments."""

    kind: str
    args: tuple[Any, ...]

    def svg(self) -> bytes:
        return charts.render("svg", BUILDERS[self.kind], *self.args)

    def png(self) -> bytes:
        return charts.render("png", BUILDERS[self.kind], *self.args)


def mwds_chart(rows: list[ItemResult]) -> Chart:
    """Shown rows with an MWDS, best first, with their 95% intervals."""
    return Chart("mwds", mwds_args(rows))


def ipa_chart(rows: list[ItemResult]) -> Chart:
    return Chart("ipa", ipa_args(rows))
