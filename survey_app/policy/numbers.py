"""Numbers in the draft's language ("4,21" in Indonesian); "—" where there is no value."""

from __future__ import annotations

import math
from collections.abc import Sequence

from flask_babel import format_decimal, format_percent

DASH = "—"


def num(value: float | None, pattern: str = "0.00") -> str:
    if value is None or not math.isfinite(value):
        return DASH
    return str(format_decimal(value, pattern))


def count(value: float | None) -> str:
    return num(value, "#,##0")


def percent(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return DASH
    return str(format_percent(value, "#,##0%"))


def interval(pair: Sequence[float | None] | None, pattern: str = "0.00") -> str:
    if not pair or pair[0] is None or pair[1] is None:
        return DASH
    return f"{num(pair[0], pattern)}\N{EN DASH}{num(pair[1], pattern)}"
