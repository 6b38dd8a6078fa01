"""Protecting microdata before release: global recoding, then local suppression.

The two steps of statistical agencies' practice (Hundepool, A. et al. (2012).
*Statistical Disclosure Control*. Wiley, ch. 3; Templ, M., Kowarik, A., & Meindl, B.
(2015). Statistical disclosure control for micro-data using the R package sdcMicro.
*J. Statistical Software*, 67(4)):

1. **Global recoding** along declared hierarchies (grade I / II / III / IV -> I-II /
   III-IV): every row of a variable is recoded alike, at the level chosen by the
   lattice search of :mod:`.lattice`.
2. **Local suppression**: each row still in a class below ``k`` gets the fewest
   quasi-identifier cells blanked so that at least ``k`` rows match its remaining values
   (a blank matches any value, as in sdcMicro's ``localSuppression``); among blankings
   of the same size, the least informative variables (lowest entropy) go first.

Everything is computed on the table compressed to its distinct rows (combinations), so
the cost depends on the number of combinations, not of responses; what happens to a
row is a function of its combination (:attr:`Protection.rows` -> the rest).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .disclosure import BoolArray, IntArray, RiskProfile, class_sizes, risk_profile
from .lattice import Compressed, Hierarchy, choose_levels, entropy, loss, recode

__all__ = ["Hierarchy", "Protection", "protect", "released_sizes", "suppress_locally"]


@dataclass(frozen=True, slots=True)
class Protection:
    """What protection did, per distinct combination of the quasi-identifiers.

    ``rows[c]`` is combination ``c`` as answered; ``weights[c]`` how many rows hold it;
    ``inverse[r]`` the combination of input row ``r``. The properties without a
    ``distinct_`` prefix expand to one entry per input row.
    """

    names: tuple[str, ...]
    #: Chosen level per quasi-identifier (0 = as answered).
    levels: tuple[int, ...]
    rows: IntArray
    weights: IntArray
    inverse: IntArray
    #: Recoded codes per combination (at the chosen levels).
    distinct_codes: IntArray
    #: True where a quasi-identifier cell of the combination is blanked.
    distinct_suppressed: BoolArray
    #: Combinations whose free text is withheld (below k after recoding).
    distinct_withheld: BoolArray
    #: Normalised entropy loss per quasi-identifier from the recoding, 0..1.
    recoding_loss: tuple[float, ...]
    k: int
    before: RiskProfile
    after_recoding: RiskProfile
    #: The released table: a row's class is every row matching the cells it shows.
    after: RiskProfile
    #: Rows in a class below k with no cell suppressed: 0 after protection.
    unprotected_below_k: int

    @property
    def codes(self) -> IntArray:
        return self.distinct_codes[self.inverse]

    @property
    def suppressed(self) -> BoolArray:
        return self.distinct_suppressed[self.inverse]

    @property
    def text_withheld(self) -> BoolArray:
        return self.distinct_withheld[self.inverse]

    @property
    def cells_suppressed(self) -> dict[str, int]:
        per_variable = self.weights @ self.distinct_suppressed
        return {n: int(c) for n, c in zip(self.names, per_variable, strict=True)}

    @property
    def rows_suppressed(self) -> int:
        """Rows with at least one blanked cell."""
        return int(self.weights[self.distinct_suppressed.any(axis=1)].sum())

    @property
    def rows_withheld(self) -> int:
        return int(self.weights[self.distinct_withheld].sum())

    @property
    def information_loss(self) -> float:
        """Mean recoding loss over the quasi-identifiers (the lattice's objective)."""
        return float(np.mean(self.recoding_loss)) if self.recoding_loss else 0.0


def protect(
    codes: npt.ArrayLike,
    hierarchies: Sequence[Hierarchy],
    k: int,
    max_share_below_k: float = 0.05,
) -> Protection:
    """Recode, then suppress, until every row's class has ``k`` rows or blanked cells."""
    matrix = np.asarray(codes, dtype=np.int64).reshape(-1, len(hierarchies))
    _check_codes(matrix, hierarchies)
    table = Compressed.of(matrix)
    levels = choose_levels(table, hierarchies, k, max_share_below_k)
    recoded = recode(table.rows, hierarchies, levels)
    blank = suppress_locally(recoded, table.weights, k, _suppression_order(recoded, table.weights))
    recoded_sizes = class_sizes(recoded, table.weights)
    withheld = recoded_sizes < k
    return Protection(
        names=tuple(h.name for h in hierarchies),
        levels=levels,
        rows=table.rows,
        weights=table.weights,
        inverse=table.inverse,
        distinct_codes=recoded,
        distinct_suppressed=blank,
        distinct_withheld=withheld,
        recoding_loss=tuple(
            loss(table, h, i, lvl)
            for i, (h, lvl) in enumerate(zip(hierarchies, levels, strict=True))
        ),
        k=k,
        before=risk_profile(class_sizes(table.rows, table.weights), k, table.weights),
        after_recoding=risk_profile(recoded_sizes, k, table.weights),
        after=risk_profile(released_sizes(recoded, blank, table.weights), k, table.weights),
        unprotected_below_k=int(table.weights[withheld & ~blank.any(axis=1)].sum()),
    )


def _check_codes(matrix: IntArray, hierarchies: Sequence[Hierarchy]) -> None:
    if matrix.size and matrix.min() < 0:
        raise ValueError("codes must be non-negative integers")
    for column, hierarchy in zip(matrix.T, hierarchies, strict=True):
        top = int(column.max()) if column.size else -1
        if any(len(level) <= top for level in hierarchy.levels):
            raise ValueError(f"{hierarchy.name}: a level does not map code {top}")


def _suppression_order(rows: IntArray, weights: IntArray) -> tuple[int, ...]:
    """Variables from the least informative (lowest entropy after recoding) to the most."""
    entropies = [entropy(rows[:, i], weights) for i in range(rows.shape[1])]
    return tuple(sorted(range(rows.shape[1]), key=lambda i: (entropies[i], i)))


def suppress_locally(rows: IntArray, weights: IntArray, k: int, order: Sequence[int]) -> BoolArray:
    """Cells to blank: per row below ``k``, the fewest variables (earliest in ``order``
    first among equally few) whose blanking leaves ``k`` matching rows; every variable
    when the table itself has fewer than ``k`` rows.

    ``rows`` are distinct code rows standing for ``weights`` rows each.
    """
    blank = np.zeros(rows.shape, dtype=bool)
    pending = class_sizes(rows, weights) < k
    for subset in _subsets(order):
        if not pending.any():
            break
        kept = [i for i in range(rows.shape[1]) if i not in subset]
        matching = class_sizes(rows[:, kept], weights)
        resolved = pending & (matching >= k)
        blank[np.ix_(resolved, np.array(subset, dtype=np.intp))] = True
        pending &= ~resolved
    blank[pending] = True  # fewer than k rows in all: nothing but blanking every cell helps
    return blank


def _subsets(order: Sequence[int]) -> list[tuple[int, ...]]:
    """Non-empty subsets of ``order``, smallest first, least informative first within."""
    rank = {variable: position for position, variable in enumerate(order)}
    subsets = [s for size in range(1, len(order) + 1) for s in itertools.combinations(order, size)]
    return sorted(subsets, key=lambda s: (len(s), sorted(rank[v] for v in s)))


def released_sizes(rows: IntArray, blank: BoolArray, weights: IntArray) -> IntArray:
    """Per row, the rows that match every cell it shows (a blanked cell shows nothing).

    A lower bound of the class under wildcard semantics (another row's blank, which
    matches anything, is not counted as a match). One grouped pass per blanking pattern.
    """
    sizes = np.zeros(rows.shape[0], dtype=np.int64)
    patterns, which = np.unique(blank, axis=0, return_inverse=True)
    for index, pattern in enumerate(patterns):
        members = which.ravel() == index
        sizes[members] = class_sizes(rows[:, ~pattern], weights)[members]
    return sizes
