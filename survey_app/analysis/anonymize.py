"""Protecting microdata before release: global recoding, then local suppression.

The two steps of statistical agencies' practice (Hundepool, A. et al. (2012).
*Statistical Disclosure Control*. Wiley, ch. 3; Templ, M., Kowarik, A., & Meindl, B.
(2015). Statistical disclosure control for micro-data using the R package sdcMicro.
*J. Statistical Software*, 67(4)):

1. **Global recoding** along declared hierarchies (grade I / II / III / IV -> I-II /
   III-IV): every row of a variable is recoded alike. Every combination of levels (the
   generalisation lattice) is tried on the table compressed to its distinct rows; among
   the combinations that leave at most ``max_share_below_k`` of the rows in classes
   below ``k``, the one losing the least information wins (El Emam, K. et al. (2009). A
   globally optimal k-anonymity method for the de-identification of health data.
   *JAMIA*, 16(5), 670-682, with loss measured as below).
2. **Local suppression**: each row still in a class below ``k`` gets the fewest
   quasi-identifier cells blanked so that at least ``k`` rows match its remaining values
   (a blank matches any value, as in sdcMicro's ``localSuppression``); among blankings
   of the same size, the least informative variables go first.

Information loss of a variable at a level is its normalised entropy loss,
``1 - H(level) / H(answered)`` with ``H`` the Shannon entropy of its distribution: 0
when nothing is merged, 1 when a single value remains.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .disclosure import BoolArray, IntArray, RiskProfile, class_sizes, risk_profile, row_keys

#: Most combinations of levels tried exhaustively; above, levels rise greedily.
LATTICE_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """Coarser codings of one quasi-identifier.

    ``levels[j][code]`` is the level-``j`` code of an answered (level-0) ``code``;
    level 0 itself is implied, so an empty ``levels`` means "cannot be recoded".
    """

    name: str
    levels: tuple[IntArray, ...] = ()

    def recode(self, codes: IntArray, level: int) -> IntArray:
        return codes if level == 0 else self.levels[level - 1][codes]


@dataclass(frozen=True, slots=True)
class Protection:
    """What protection did: the levels chosen, the blanked cells, and the risk before/after."""

    names: tuple[str, ...]
    #: Chosen level per quasi-identifier (0 = as answered).
    levels: tuple[int, ...]
    #: Recoded codes, rows x quasi-identifiers (at the chosen levels).
    codes: IntArray
    #: True where a quasi-identifier cell is blanked.
    suppressed: BoolArray
    #: Rows whose free text is withheld (they sat in a class below k after recoding).
    text_withheld: BoolArray
    #: Normalised entropy loss per quasi-identifier from the recoding, 0..1.
    recoding_loss: tuple[float, ...]
    before: RiskProfile
    after_recoding: RiskProfile
    #: Rows in a class below k with no cell suppressed: 0 after protection.
    unprotected_below_k: int

    @property
    def cells_suppressed(self) -> dict[str, int]:
        return {n: int(c) for n, c in zip(self.names, self.suppressed.sum(axis=0), strict=True)}


def protect(
    codes: npt.ArrayLike,
    hierarchies: Sequence[Hierarchy],
    k: int,
    max_share_below_k: float = 0.05,
) -> Protection:
    """Recode, then suppress, until every row's class has ``k`` rows or blanked cells."""
    matrix = np.asarray(codes, dtype=np.int64).reshape(-1, len(hierarchies))
    table = _Compressed.of(matrix)
    levels = choose_levels(table, hierarchies, k, max_share_below_k)
    recoded = _recode(table.rows, hierarchies, levels)
    order = _suppression_order(recoded, table.weights)
    blank = suppress_locally(recoded, table.weights, k, order)
    recoded_sizes = class_sizes(recoded, table.weights)
    withheld = recoded_sizes < k
    return Protection(
        names=tuple(h.name for h in hierarchies),
        levels=levels,
        codes=recoded[table.inverse],
        suppressed=blank[table.inverse],
        text_withheld=withheld[table.inverse],
        recoding_loss=tuple(
            _loss(table, h, i, lvl)
            for i, (h, lvl) in enumerate(zip(hierarchies, levels, strict=True))
        ),
        before=risk_profile(class_sizes(table.rows, table.weights), k, table.weights),
        after_recoding=risk_profile(recoded_sizes, k, table.weights),
        unprotected_below_k=int(table.weights[withheld & ~blank.any(axis=1)].sum()),
    )


@dataclass(frozen=True, slots=True)
class _Compressed:
    """The distinct rows of a table, how many rows each stands for, and the way back."""

    rows: IntArray
    weights: IntArray
    inverse: IntArray

    @classmethod
    def of(cls, matrix: IntArray) -> _Compressed:
        _, first, inverse, counts = np.unique(
            row_keys(matrix), return_index=True, return_inverse=True, return_counts=True
        )
        return cls(matrix[first], counts.astype(np.int64), inverse.astype(np.int64))


def choose_levels(
    table: _Compressed, hierarchies: Sequence[Hierarchy], k: int, max_share: float
) -> tuple[int, ...]:
    """The least lossy levels that leave at most ``max_share`` of the rows below ``k``.

    When no combination gets there, the most general one (every variable at its top).
    """
    heights = [len(h.levels) for h in hierarchies]
    losses = [
        [_loss(table, h, i, lvl) for lvl in range(len(h.levels) + 1)]
        for i, h in enumerate(hierarchies)
    ]
    n = int(table.weights.sum())
    best: tuple[float, int, tuple[int, ...]] | None = None
    for node in _lattice(heights):
        cost = float(np.mean([losses[i][lvl] for i, lvl in enumerate(node)])) if node else 0.0
        if best is not None and cost > best[0]:
            continue
        below = _rows_below_k(_recode(table.rows, hierarchies, node), table.weights, k)
        if below <= max_share * n and (best is None or (cost, below) < best[:2]):
            best = (cost, below, node)
    return best[2] if best is not None else tuple(heights)


def _lattice(heights: Sequence[int]) -> list[tuple[int, ...]]:
    """Every combination of levels, cheapest-looking first (fewest steps up)."""
    size = int(np.prod([h + 1 for h in heights])) if heights else 1
    if size > LATTICE_LIMIT:
        raise ValueError(
            f"{size} combinations of recoding levels; at most {LATTICE_LIMIT} are searched"
        )
    return sorted(itertools.product(*(range(h + 1) for h in heights)), key=sum)


def _recode(rows: IntArray, hierarchies: Sequence[Hierarchy], levels: Sequence[int]) -> IntArray:
    columns = [
        h.recode(rows[:, i], lvl)
        for i, (h, lvl) in enumerate(zip(hierarchies, levels, strict=True))
    ]
    return np.stack(columns, axis=1) if columns else rows


def _rows_below_k(rows: IntArray, weights: IntArray, k: int) -> int:
    return int(weights[class_sizes(rows, weights) < k].sum())


def _entropy(codes: IntArray, weights: IntArray) -> float:
    counts = np.bincount(codes, weights=weights)
    share = counts[counts > 0] / counts.sum()
    return float(-(share * np.log2(share)).sum())


def _loss(table: _Compressed, hierarchy: Hierarchy, index: int, level: int) -> float:
    answered = _entropy(table.rows[:, index], table.weights)
    if answered == 0.0 or level == 0:
        return 0.0
    recoded = _entropy(hierarchy.recode(table.rows[:, index], level), table.weights)
    return 1.0 - recoded / answered


def _suppression_order(rows: IntArray, weights: IntArray) -> tuple[int, ...]:
    """Variables from the least informative (lowest entropy after recoding) to the most."""
    entropies = [_entropy(rows[:, i], weights) for i in range(rows.shape[1])]
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
