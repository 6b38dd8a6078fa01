"""Medians of repeats, with the spread of the repeats."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    """The median of ``repeats`` measurements and their range, in one unit."""

    median: float
    low: float
    high: float
    repeats: int

    def scaled(self, factor: float) -> Summary:
        return Summary(self.median * factor, self.low * factor, self.high * factor, self.repeats)

    def as_dict(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.low, "max": self.high, "repeats": self.repeats}


def summarize(values: Sequence[float]) -> Summary:
    return Summary(statistics.median(values), min(values), max(values), len(values))


def time_calls(
    fn: Callable[[], object], repeats: int, number: int = 1, warm_up: bool = True
) -> Summary:
    """Wall seconds per call of ``fn``: ``repeats`` timings of ``number`` calls each.

    One untimed call first, unless the caller has just made one (``warm_up=False``).
    """
    if warm_up:
        fn()
    per_call = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        per_call.append((time.perf_counter() - start) / number)
    return summarize(per_call)
