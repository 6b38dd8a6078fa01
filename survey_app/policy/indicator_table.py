"""The monitoring indicators as one table, the same in the policy draft's section 7 and
in the evaluation report (:func:`survey_app.monitoring.indicators.indicators`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..monitoring.indicators import Indicator, Unit
from .blocks import Table
from .numbers import count, percent
from .words import _


def indicator_table(indicators: Sequence[Indicator]) -> Table:
    rows = [[i.name, value_text(i), i.source, i.period] for i in indicators]
    return Table(
        _("Monitoring indicators"),
        [_("Indicator"), _("Value"), _("Source"), _("Period")],
        rows,
        _(
            "“No data yet”: nothing measured in this period, or too few answers to show "
            "(suppressed to protect anonymity)."
        ),
        "indicators",
    )


def value_text(indicator: Indicator) -> str:
    """``62% (31 of 50)``, ``120 JP``, ``4``; ``no data yet`` without a value."""
    if indicator.value is None:
        return _("no data yet")
    if indicator.unit is Unit.JP:
        return _("%(n)s JP", n=count(indicator.value))
    if indicator.unit is Unit.COUNT:
        return count(indicator.value)
    share = percent(indicator.value)
    if indicator.part is None or indicator.base is None:
        return share
    return _(
        "%(share)s (%(part)s of %(base)s)",
        share=share,
        part=count(indicator.part),
        base=count(indicator.base),
    )
