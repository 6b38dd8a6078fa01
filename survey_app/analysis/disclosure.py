"""Re-identification risk of microdata: equivalence classes on the quasi-identifiers.

A *quasi-identifier* (QI) is an answer that, combined with others, can single someone
out (status, grade band, years of service, OPD cluster, the submission date, ...). Rows
that share every QI value form an *equivalence class*; a row in a class of fewer than
``k`` rows is at risk (Sweeney, L. (2002). k-anonymity: a model for protecting privacy.
*Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems*, 10(5), 557-570).
Sensitive values of such a class are disclosed as well; *l-diversity* counts the
distinct sensitive values per class (Machanavajjhala, A., Kifer, D., Gehrke, J., &
Venkitasubramaniam, M. (2007). l-diversity: privacy beyond k-anonymity. *ACM TKDD*,
1(1), 3).

Quasi-identifiers arrive as an ``(n, q)`` integer matrix of codes ``0..cardinality-1``
(an unanswered question is a code like any other: "no answer" is visible in the file).
Every function makes one grouped pass: the rows are packed into one integer key per row
(mixed radix) and counted with :func:`numpy.unique`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Class-size bands of the risk report (upper bounds are exclusive; the last is open).
SIZE_BANDS: tuple[tuple[int, int | None], ...] = ((1, 2), (2, 3), (3, 5), (5, 10), (10, None))


def row_keys(codes: npt.ArrayLike) -> IntArray:
    """One int64 per row that is equal exactly when the rows' codes are equal.

    Mixed radix over the columns' observed ranges; when the product of the ranges would
    overflow int64, the columns are first packed pairwise through :func:`numpy.unique`.
    """
    return _packed(codes)[0]


def _packed(codes: npt.ArrayLike) -> tuple[IntArray, int]:
    """:func:`row_keys` and the number of keys possible (every key is below it)."""
    matrix = np.asarray(codes, dtype=np.int64)
    if matrix.ndim != 2:
        raise ValueError("codes must be a 2-D array (rows x quasi-identifiers)")
    if matrix.shape[1] == 0:
        return np.zeros(matrix.shape[0], dtype=np.int64), 1
    if matrix.size and matrix.min() < 0:
        raise ValueError("codes must be non-negative integers")
    key = np.zeros(matrix.shape[0], dtype=np.int64)
    span = 1
    for column in matrix.T:
        width = int(column.max()) + 1 if column.size else 1
        if span * width >= 2**62:  # re-number the key so far densely, then go on
            _, key = np.unique(key, return_inverse=True)
            key = key.reshape(-1).astype(np.int64)
            span = int(key.max()) + 1 if key.size else 1
        key = key * width + column
        span *= width
    return key, span


#: Keys counted directly (one bincount, no sort) while their range is at most this many
#: times the rows, or below :data:`DIRECT_KEYS` anyway.
DIRECT_RATIO, DIRECT_KEYS = 8, 1 << 22


def class_sizes(codes: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> IntArray:
    """Size of each row's equivalence class (rows with identical codes).

    ``weights`` counts each row that many times (a row standing for several identical
    responses), so compressed tables give the sizes of the full table. A small key range
    is counted in one linear pass; a large one through :func:`numpy.unique` (a sort).
    """
    key, span = _packed(codes)
    weight = None if weights is None else np.asarray(weights)
    if span <= max(DIRECT_KEYS, DIRECT_RATIO * key.size):
        counts = np.bincount(key, weights=weight, minlength=1)
        return np.rint(counts[key]).astype(np.int64)
    _, inverse = np.unique(key, return_inverse=True)
    inverse = inverse.reshape(-1)
    counts = np.bincount(inverse, weights=weight)
    return np.rint(counts[inverse]).astype(np.int64)


@dataclass(frozen=True, slots=True)
class RiskProfile:
    """How many rows sit in classes of each size band, and how many are below ``k``."""

    n: int
    k: int
    classes: int
    #: Rows in a class of exactly one row.
    unique: int
    #: Rows in a class of fewer than ``k`` rows.
    below_k: int
    #: ``"1"``, ``"2"``, ``"3-4"``, ``"5-9"``, ``"10+"`` -> rows in classes of that size.
    bands: dict[str, int]

    @property
    def share_below_k(self) -> float:
        return self.below_k / self.n if self.n else 0.0


def risk_profile(sizes: npt.ArrayLike, k: int, weights: npt.ArrayLike | None = None) -> RiskProfile:
    """Summarise class sizes per row (:func:`class_sizes`) against the threshold ``k``."""
    if k < 1:
        raise ValueError("k must be at least 1")
    size = np.asarray(sizes, dtype=np.int64)
    weight = np.ones_like(size) if weights is None else np.asarray(weights, dtype=np.int64)
    n = int(weight.sum())
    classes = float(np.sum(weight / np.maximum(size, 1)))  # each class sums to one
    bands = {_band_name(low, high): _rows_in(size, weight, low, high) for low, high in SIZE_BANDS}
    return RiskProfile(
        n=n,
        k=k,
        classes=round(classes),
        unique=int(weight[size == 1].sum()),
        below_k=int(weight[size < k].sum()),
        bands=bands,
    )


def _band_name(low: int, high: int | None) -> str:
    if high is None:
        return f"{low}+"
    return str(low) if high == low + 1 else f"{low}-{high - 1}"


def _rows_in(size: IntArray, weight: IntArray, low: int, high: int | None) -> int:
    inside = size >= low if high is None else (size >= low) & (size < high)
    return int(weight[inside].sum())


@dataclass(frozen=True, slots=True)
class TextRisk:
    """Free text (a sensitive attribute) read against the equivalence classes."""

    #: Rows with free text present whose class has fewer than ``k`` rows.
    rows_at_risk: int
    #: Smallest number of distinct texts in a class that has any text (distinct
    #: l-diversity); ``None`` when no row has text.
    min_l: int | None


def text_risk(codes: npt.ArrayLike, texts: npt.ArrayLike, k: int) -> TextRisk:
    """Rows whose free text is present in a class below ``k``, and the classes' l.

    ``texts`` holds one string per row, ``""`` when the row has no text.
    """
    key = row_keys(codes)
    text = np.asarray(texts, dtype=object)
    present = text != ""
    sizes = class_sizes(key[:, None])
    if not present.any():
        return TextRisk(0, None)
    pairs = np.unique(np.stack([key[present], _text_ids(text[present])], axis=1), axis=0)
    _, distinct = np.unique(pairs[:, 0], return_counts=True)
    return TextRisk(int(np.sum(present & (sizes < k))), int(distinct.min()))


def _text_ids(texts: npt.NDArray[np.object_]) -> IntArray:
    _, ids = np.unique(texts.astype(str), return_inverse=True)
    return ids.astype(np.int64)
