"""Small-cell suppression of a two-way breakdown: report group A crossed with B.

A table of A x B comes with its margins: the one-way counts of A and of B (shown
elsewhere) and the total. It is safe when every line (a row with its row total, a
column with its column total) is safe by the one-way rule of
:func:`~.suppression.suppress`: no hidden cell can be recovered from its line's total.
Rows and columns share cells, so the rule runs over the rows, then the columns, each
seeing what the other direction hid, until nothing changes (the iterated row-and-column
heuristic; Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, ch. 5).
Like the one-way rule it prevents exact recovery; several lines together may still
narrow a hidden cell's value (an interval), which only a linear-programming audit
bounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .suppression import Reason, suppress

Cell = tuple[str, str]


@dataclass(frozen=True, slots=True)
class CrossedSuppression:
    """Hidden cells ``(a, b)`` of an A x B table, and why."""

    hidden: frozenset[Cell]
    reasons: Mapping[Cell, Reason] = field(default_factory=dict)

    def in_row(self, a: str) -> frozenset[str]:
        """The values of B hidden within ``A = a``."""
        return frozenset(b for row, b in self.hidden if row == a)


def suppress_crossed(
    counts: Mapping[str, Mapping[str, int]], min_cell: int = 5, *, show_zeros: bool = False
) -> CrossedSuppression:
    """Cells of ``counts[a][b]`` to hide: every row and every column safe by the one-way
    rule, with its own total public. Missing cells count as zero."""
    rows = sorted(counts)
    columns = sorted({b for line in counts.values() for b in line})
    table = {(a, b): counts[a].get(b, 0) for a in rows for b in columns}
    reasons: dict[Cell, Reason] = {}
    lines = [[(a, b) for b in columns] for a in rows] + [[(a, b) for a in rows] for b in columns]
    while _pass(lines, table, reasons, min_cell, show_zeros):
        pass
    return CrossedSuppression(frozenset(reasons), reasons)


def _pass(
    lines: list[list[Cell]],
    table: Mapping[Cell, int],
    reasons: dict[Cell, Reason],
    min_cell: int,
    show_zeros: bool,
) -> bool:
    """One sweep over every line; True when it hid something new."""
    changed = False
    for line in lines:
        names = {str(cell): cell for cell in line}
        line_counts = {name: table[cell] for name, cell in names.items()}
        already = [name for name, cell in names.items() if cell in reasons]
        result = suppress(line_counts, min_cell, show_zeros=show_zeros, hidden=already)
        for name in result.hidden - set(already):
            reasons[names[name]] = result.reasons[name]
            changed = True
    return changed
