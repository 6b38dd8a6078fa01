"""Small-cell suppression for published counts: primary and complementary.

One breakdown at a time (the groups of one report variable, or the answer categories of
one question within one group), with its total assumed public.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["group", "distribution", "sensitive"]
Reason = Literal["primary", "complementary"]

#: Reporting thresholds from the privacy rules (docs: ASN context, "Privacy").
MIN_CELL: Mapping[Kind, int] = {"group": 5, "distribution": 8, "sensitive": 20}


@dataclass(frozen=True, slots=True)
class Suppression:
    """Which cells of a breakdown to hide, and why (``"primary"`` or ``"complementary"``)."""

    hidden: frozenset[str]
    reasons: Mapping[str, Reason] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form: ``{"hidden": [sorted names], "reasons": {...}}``."""
        return {"hidden": sorted(self.hidden), "reasons": dict(self.reasons)}


def min_cell_for(kind: Kind) -> int:
    """The smallest publishable count for a kind of figure.

    ``"group"``: a group's size or any figure about a group (5); ``"distribution"``: the
    answer distribution of a question (8); ``"sensitive"``: a very sensitive yes/no item
    (20).
    """
    if kind not in MIN_CELL:
        raise ValueError(f"unknown kind {kind!r}; use one of {sorted(MIN_CELL)}")
    return MIN_CELL[kind]


def suppress(
    counts: Mapping[str, int],
    min_cell: int = 5,
    total: int | None = None,
    *,
    show_zeros: bool = False,
    hidden: Collection[str] = (),
) -> Suppression:
    """Cells to hide so that no hidden count can be told from the published figures.

    1. **Primary**: every cell with a count below ``min_cell``.
    2. **Complementary**: the total is public (``total``, else the sum of ``counts``), so
       ``total - sum(visible cells)`` gives the *sum* of the hidden cells. While the hidden
       cells are exactly one cell, or their sum is below ``min_cell``, the smallest visible
       cell (ties by name) is hidden too, until the hidden cells are at least two with a
       sum of at least ``min_cell``, or every cell is hidden.

    Zeros: by default a zero is a small cell like any other and is hidden, because an
    empty answer category discloses something about everyone in the group ("nobody in
    group X answered *no*"). Pass ``show_zeros=True`` for *structural* zeros that disclose
    nothing (for example a band nobody can belong to): they stay visible and are never
    used as complements.

    ``hidden``: cells already hidden for another reason (in a two-way table, by the
    other direction's rule, :mod:`.crossing`); they count as hidden (``complementary``).

    A ``total`` larger than the sum of the counts (for example respondents who did not
    answer) is accepted but assumed public: the difference protects nothing. The total
    itself must meet the group threshold, which is the caller's check.

    The rule prevents exact recovery by subtraction; it does not guarantee wider
    protection intervals (Hundepool et al., 2012, *Statistical Disclosure Control*,
    Wiley, ch. 4-5).

    :raises ValueError: a negative count, ``min_cell < 1``, or a total below the sum.
    """
    _check(counts, min_cell, total)
    candidates = {g: c for g, c in counts.items() if c > 0 or not show_zeros}
    reasons: dict[str, Reason] = {g: "complementary" for g in hidden if g in candidates}
    reasons |= {g: "primary" for g, c in candidates.items() if c < min_cell}
    while reasons and not _safe(candidates, reasons, min_cell):
        reasons[_smallest_visible(candidates, reasons)] = "complementary"
    return Suppression(hidden=frozenset(reasons), reasons=reasons)


def _check(counts: Mapping[str, int], min_cell: int, total: int | None) -> None:
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    if any(count < 0 for count in counts.values()):
        raise ValueError("counts cannot be negative")
    if total is not None and total < sum(counts.values()):
        raise ValueError(f"total {total} is smaller than the sum of the counts")


def _safe(candidates: Mapping[str, int], hidden: Mapping[str, Reason], min_cell: int) -> bool:
    """True when the hidden cells cannot be recovered from the total."""
    if len(hidden) == len(candidates):
        return True
    hidden_sum = sum(candidates[group] for group in hidden)
    return len(hidden) >= 2 and hidden_sum >= min_cell


def _smallest_visible(candidates: Mapping[str, int], hidden: Mapping[str, Reason]) -> str:
    visible = [(count, group) for group, count in candidates.items() if group not in hidden]
    return min(visible)[1]
