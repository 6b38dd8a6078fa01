"""Global recoding: which level of each quasi-identifier's hierarchy to release.

Every combination of levels (the generalisation lattice) is tried on the table
compressed to its distinct rows; among the combinations that leave at most
``max_share`` of the rows in classes below ``k``, the one losing the least information
wins, ties going to fewer rows below ``k`` (El Emam, K. et al. (2009). A globally
optimal k-anonymity method for the de-identification of health data. *JAMIA*, 16(5),
670-682; with the loss below instead of their precision metric).

Information loss of a variable at a level is its normalised entropy loss,
``1 - H(level) / H(answered)`` with ``H`` the Shannon entropy of its distribution: 0
when nothing is merged, 1 when a single value remains. A combination's loss is the mean
over the variables.

A lattice of more than :data:`LATTICE_LIMIT` combinations (many quasi-identifiers with
deep hierarchies) is climbed greedily instead: from the finest levels, one variable at a
time rises one level, the one that removes most rows below ``k`` per unit of loss,
until the share is met or every variable is at its top.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .disclosure import IntArray, class_sizes, row_keys

#: Most combinations of levels searched exhaustively; above, levels rise greedily.
LATTICE_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """Coarser codings of one quasi-identifier.

    ``levels[j - 1][code]`` is the level-``j`` code of a level-0 (as answered) ``code``;
    level 0 itself is implied, so an empty ``levels`` means "cannot be recoded". A
    release never shows a level below ``lowest`` (the submission date: never the day).
    Levels need not nest (an ISO week straddles two months): each maps level 0 directly.
    """

    name: str
    levels: tuple[IntArray, ...] = ()
    lowest: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.lowest <= len(self.levels):
            raise ValueError(f"{self.name}: lowest level {self.lowest} is not a level")

    @property
    def height(self) -> int:
        return len(self.levels)

    def recode(self, codes: IntArray, level: int) -> IntArray:
        return codes if level == 0 else self.levels[level - 1][codes]


@dataclass(frozen=True, slots=True)
class Compressed:
    """The distinct rows of a table, how many rows each stands for, and the way back."""

    rows: IntArray
    weights: IntArray
    inverse: IntArray

    @classmethod
    def of(cls, matrix: IntArray) -> Compressed:
        _, first, inverse, counts = np.unique(
            row_keys(matrix), return_index=True, return_inverse=True, return_counts=True
        )
        return cls(matrix[first], counts.astype(np.int64), inverse.astype(np.int64).ravel())

    @property
    def n(self) -> int:
        return int(self.weights.sum())


def choose_levels(
    table: Compressed, hierarchies: Sequence[Hierarchy], k: int, max_share: float
) -> tuple[int, ...]:
    """The least lossy levels that leave at most ``max_share`` of the rows below ``k``.

    When no combination gets there, the most general one (every variable at its top).
    """
    losses = [
        [loss(table, h, i, lvl) for lvl in range(h.height + 1)] for i, h in enumerate(hierarchies)
    ]
    if _lattice_size(hierarchies) > LATTICE_LIMIT:
        return _greedy(table, hierarchies, k, max_share, losses)
    best: tuple[float, int, tuple[int, ...]] | None = None
    for node in _lattice(hierarchies):
        cost = _cost(losses, node)
        if best is not None and cost > best[0]:
            continue
        below = rows_below_k(recode(table.rows, hierarchies, node), table.weights, k)
        if below <= max_share * table.n and (best is None or (cost, below) < best[:2]):
            best = (cost, below, node)
    return best[2] if best is not None else tuple(h.height for h in hierarchies)


def _lattice_size(hierarchies: Sequence[Hierarchy]) -> int:
    return int(np.prod([h.height - h.lowest + 1 for h in hierarchies], dtype=np.float64))


def _lattice(hierarchies: Sequence[Hierarchy]) -> list[tuple[int, ...]]:
    """Every combination of levels, cheapest-looking first (fewest steps up)."""
    ranges = (range(h.lowest, h.height + 1) for h in hierarchies)
    return sorted(itertools.product(*ranges), key=sum)


def _cost(losses: Sequence[Sequence[float]], node: Sequence[int]) -> float:
    return float(np.mean([losses[i][lvl] for i, lvl in enumerate(node)])) if node else 0.0


def _greedy(
    table: Compressed,
    hierarchies: Sequence[Hierarchy],
    k: int,
    max_share: float,
    losses: Sequence[Sequence[float]],
) -> tuple[int, ...]:
    node = tuple(h.lowest for h in hierarchies)
    below = rows_below_k(recode(table.rows, hierarchies, node), table.weights, k)
    while below > max_share * table.n:
        steps = [
            (*node[:i], node[i] + 1, *node[i + 1 :])
            for i, h in enumerate(hierarchies)
            if node[i] < h.height
        ]
        if not steps:
            break
        scored = [(_gain(table, hierarchies, k, losses, node, below, s), s) for s in steps]
        (_, below), node = max(scored)
    return node


def _gain(
    table: Compressed,
    hierarchies: Sequence[Hierarchy],
    k: int,
    losses: Sequence[Sequence[float]],
    node: tuple[int, ...],
    below: int,
    step: tuple[int, ...],
) -> tuple[tuple[float, int], int]:
    """Rows no longer below ``k`` per unit of loss added, and the rows still below."""
    after = rows_below_k(recode(table.rows, hierarchies, step), table.weights, k)
    added = max(_cost(losses, step) - _cost(losses, node), 1e-12)
    return ((below - after) / added, -after), after


def recode(rows: IntArray, hierarchies: Sequence[Hierarchy], levels: Sequence[int]) -> IntArray:
    columns = [
        h.recode(rows[:, i], lvl)
        for i, (h, lvl) in enumerate(zip(hierarchies, levels, strict=True))
    ]
    return np.stack(columns, axis=1) if columns else rows


def rows_below_k(rows: IntArray, weights: IntArray, k: int) -> int:
    return int(weights[class_sizes(rows, weights) < k].sum())


def entropy(codes: IntArray, weights: IntArray) -> float:
    counts = np.bincount(codes, weights=weights)
    share = counts[counts > 0] / counts.sum()
    return float(-(share * np.log2(share)).sum())


def loss(table: Compressed, hierarchy: Hierarchy, index: int, level: int) -> float:
    """Normalised entropy loss of variable ``index`` at ``level`` (0 = as answered)."""
    answered = entropy(table.rows[:, index], table.weights)
    if answered == 0.0 or level == 0:
        return 0.0
    recoded = entropy(hierarchy.recode(table.rows[:, index], level), table.weights)
    return 1.0 - recoded / answered
