"""The matching's score matrix, every mentee against every mentor at once (numpy).

Codes and availability become boolean matrices (one column per distinct value), so the
overlaps of all pairs are one matrix product each; OPDs and names become integer codes
compared by broadcasting. For 2,000 mentees x 500 mentors this is a few arrays of one
million cells. :mod:`.matching` documents the score and the exclusions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .matching import Candidate, Rules, Weights

#: The score's parts, in the order of :class:`Grid.parts`.
PARTS = ("fit", "seniority", "opd", "availability")


@dataclass(frozen=True)
class Grid:
    """Rows: mentees; columns: mentors; in the order given."""

    mentee_ids: tuple[int, ...]
    mentor_ids: tuple[int, ...]
    #: PARTS x mentees x mentors, already weighted.
    parts: np.ndarray
    competency: np.ndarray
    senior: np.ndarray
    available: np.ndarray
    #: Neither the direct supervisor nor a forbidden pair.
    permitted: np.ndarray
    #: Every test passed, or pinned.
    allowed: np.ndarray

    @cached_property
    def total(self) -> np.ndarray:
        return np.asarray(self.parts.sum(axis=0))

    @cached_property
    def mentee_row(self) -> dict[int, int]:
        return {mentee: row for row, mentee in enumerate(self.mentee_ids)}

    @cached_property
    def mentor_col(self) -> dict[int, int]:
        return {mentor: col for col, mentor in enumerate(self.mentor_ids)}

    def parts_at(self, row: int, col: int) -> dict[str, float]:
        return {name: float(self.parts[i, row, col]) for i, name in enumerate(PARTS)}


def grid(
    mentors: Sequence[Candidate], mentees: Sequence[Candidate], weights: Weights, rules: Rules
) -> Grid:
    fit, competency = _fit(mentors, mentees)
    seniority, senior = _seniority(mentors, mentees)
    same_opd = _equal(
        [normalised_name(m.opd) for m in mentees], [normalised_name(m.opd) for m in mentors]
    )
    together, available = _availability(mentors, mentees)
    opd = _opd_value(same_opd, rules.opd_preference)
    parts = np.stack([fit, seniority, opd, together]) * weights.as_array()[:, None, None]
    mentee_ids, mentor_ids = tuple(m.id for m in mentees), tuple(m.id for m in mentors)
    permitted = ~(_supervisor(mentors, mentees, same_opd))
    permitted &= ~_cells(rules.forbidden, mentor_ids, mentee_ids)
    allowed = competency & senior & available & permitted
    allowed |= _cells(rules.pinned, mentor_ids, mentee_ids)
    return Grid(mentee_ids, mentor_ids, parts, competency, senior, available, permitted, allowed)


def normalised_name(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: "Dr.  Siti" = "dr siti"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", plain.casefold()).split())


def _indicator(sets: Sequence[frozenset[str]], universe: dict[str, int]) -> np.ndarray:
    """One row per set, one float32 column per value: 1 where the set holds it."""
    matrix = np.zeros((len(sets), len(universe)), np.float32)
    for row, values in enumerate(sets):
        matrix[row, [universe[v] for v in values]] = 1.0
    return matrix


def _overlap(left: Sequence[frozenset[str]], right: Sequence[frozenset[str]]) -> np.ndarray:
    """|left_i & right_j| for every i, j (exact: counts are small integers in float32)."""
    universe = {v: i for i, v in enumerate(sorted(set().union(*left, *right)))}
    return np.asarray(_indicator(left, universe) @ _indicator(right, universe).T)


def _sizes(sets: Iterable[frozenset[str]]) -> np.ndarray:
    return np.array([len(values) for values in sets], np.float64)


def _fit(mentors: Sequence[Candidate], mentees: Sequence[Candidate]) -> tuple[np.ndarray, ...]:
    shared = _overlap([m.codes for m in mentees], [m.codes for m in mentors])
    wanted = _sizes(m.codes for m in mentees)[:, None]
    fit = np.divide(shared, wanted, out=np.zeros(shared.shape), where=wanted > 0)
    return fit, shared > 0


def _seniority(
    mentors: Sequence[Candidate], mentees: Sequence[Candidate]
) -> tuple[np.ndarray, ...]:
    grade_m = np.array([m.grade for m in mentors], np.int64)[None, :]
    grade_e = np.array([m.grade for m in mentees], np.int64)[:, None]
    service_m = np.array([m.service for m in mentors], np.int64)[None, :]
    service_e = np.array([m.service for m in mentees], np.int64)[:, None]
    higher = grade_m > grade_e
    senior = higher | ((grade_m == grade_e) & (service_m > service_e))
    return np.where(higher, 1.0, np.where(senior, 0.5, 0.0)), senior


def _availability(
    mentors: Sequence[Candidate], mentees: Sequence[Candidate]
) -> tuple[np.ndarray, ...]:
    """Jaccard overlap; a pair is unavailable only when both gave times and none meet."""
    mentee_sets, mentor_sets = [m.availability for m in mentees], [m.availability for m in mentors]
    shared = _overlap(mentee_sets, mentor_sets)
    size_e, size_m = _sizes(mentee_sets)[:, None], _sizes(mentor_sets)[None, :]
    union = size_e + size_m - shared
    jaccard = np.divide(shared, union, out=np.zeros(shared.shape), where=union > 0)
    return jaccard, (shared > 0) | (size_e == 0) | (size_m == 0)


def _opd_value(same: np.ndarray, preference: str) -> np.ndarray:
    if preference == "same":
        return same.astype(np.float64)
    if preference == "different":
        return (~same).astype(np.float64)
    return np.zeros(same.shape)


def _equal(rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
    """rows_i == cols_j for every i, j, by integer codes."""
    _, codes = np.unique(np.array([*rows, *cols, ""], dtype=object), return_inverse=True)
    return np.asarray(codes[: len(rows), None] == codes[None, len(rows) : -1])


def _supervisor(
    mentors: Sequence[Candidate], mentees: Sequence[Candidate], same_opd: np.ndarray
) -> np.ndarray:
    """The mentor is the mentee's direct supervisor: same OPD, same normalised name."""
    bosses = [normalised_name(m.supervisor_name) for m in mentees]
    named = np.array([boss != "" for boss in bosses], bool)[:, None]
    equal = _equal(bosses, [normalised_name(m.name) for m in mentors])
    return np.asarray(equal & same_opd & named)


def _cells(
    pairs: frozenset[tuple[int, int]], mentor_ids: Sequence[int], mentee_ids: Sequence[int]
) -> np.ndarray:
    """A mentees x mentors mask of the (mentor_id, mentee_id) pairs; unknown ids ignored."""
    mask = np.zeros((len(mentee_ids), len(mentor_ids)), bool)
    rows = {mentee: row for row, mentee in enumerate(mentee_ids)}
    cols = {mentor: col for col, mentor in enumerate(mentor_ids)}
    for mentor, mentee in pairs:
        if mentor in cols and mentee in rows:
            mask[rows[mentee], cols[mentor]] = True
    return mask
