"""Optimal mentor-mentee matching: a documented score, hard exclusions, capacity by slots.

Pure (numpy and :func:`scipy.optimize.linear_sum_assignment`; no Flask, no SQL). The
score of a pair is the sum of four parts, each a value in [0, 1] times its weight
(docs/mentoring.md, "Matching"):

- ``fit``: the share of the mentee's wanted codes among the mentor's strengths;
- ``seniority``: 1 when the mentor's grade band is higher, 0.5 when the grade band is
  the same and the service band higher;
- ``opd``: 1 when the pair is in the same OPD ("same") or in different ones
  ("different"), as the round prefers; always 0 under "any";
- ``availability``: the Jaccard overlap of the two availability sets (0 when one is empty).

A pair is excluded when it shares no competency, the mentor does not outrank the
mentee, both gave availability and none overlaps, the mentor is the mentee's direct
supervisor (same OPD, same name after normalisation), or the coordinator forbade it.
A pin forces its pair past those exclusions (not past a forbid: that is an error).

The assignment maximises first the number of matched mentees, then the total score.
Rows are the mentees and columns the mentors' slots, both in id order, so the same
input in any order gives the same pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np
from scipy.optimize import linear_sum_assignment

from .scoring import PARTS as PARTS
from .scoring import Grid, grid
from .scoring import normalised_name as normalised_name

#: Why a mentee is left without a mentor, in the order they are checked.
REASONS = {
    "no_mentors": "the round has no mentors",
    "no_competency": "no mentor covers any of the wanted competencies",
    "seniority": "no mentor with a wanted competency outranks the mentee",
    "availability": "no such mentor shares any availability with the mentee",
    "excluded": "every such mentor is the direct supervisor or a forbidden pair",
    "capacity": "every possible mentor's slots went to other mentees",
}
OPD_PREFERENCES = ("same", "different", "any")


class MatchingError(ValueError):
    """Input the matching cannot honour (bad weights, contradictory pins); says why."""


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    name: str
    opd: str
    #: Ordinal grade band: 0 = I-II, 1 = III, 2 = IV.
    grade: int
    #: Ordinal years-of-service band, 0 = the lowest.
    service: int
    #: A mentor's strengths, a mentee's wanted competencies.
    codes: frozenset[str]
    availability: frozenset[str]
    #: A mentee's direct supervisor.
    supervisor_name: str = ""


@dataclass(frozen=True, slots=True)
class Weights:
    fit: float = 4.0
    seniority: float = 2.0
    opd: float = 1.0
    availability: float = 2.0

    def __post_init__(self) -> None:
        for part in fields(self):
            value = getattr(self, part.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise MatchingError(f"weight '{part.name}' must be a number, not {value!r}")
            if not np.isfinite(value) or value < 0:
                raise MatchingError(f"weight '{part.name}' must be 0 or more, not {value!r}")

    def as_array(self) -> np.ndarray:
        return np.array([float(getattr(self, name)) for name in PARTS])


@dataclass(frozen=True, slots=True)
class Rules:
    #: Mentees per mentor: each mentor becomes this many slots.
    capacity: int = 3
    opd_preference: str = "any"
    #: (mentor_id, mentee_id) pairs always made.
    pinned: frozenset[tuple[int, int]] = frozenset()
    #: (mentor_id, mentee_id) pairs never made.
    forbidden: frozenset[tuple[int, int]] = frozenset()

    def __post_init__(self) -> None:
        if self.capacity < 1:
            raise MatchingError(f"capacity must be at least 1, not {self.capacity}")
        if self.opd_preference not in OPD_PREFERENCES:
            raise MatchingError(
                f"opd_preference must be one of {', '.join(OPD_PREFERENCES)}, "
                f"not {self.opd_preference!r}"
            )
        if both := sorted(self.pinned & self.forbidden):
            raise MatchingError(f"pairs both pinned and forbidden: {both}")


@dataclass(frozen=True, slots=True)
class Suggestion:
    mentor_id: int
    mentee_id: int
    score: float
    #: The weighted parts by name; they sum to ``score``.
    parts: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Unmatched:
    mentee_id: int
    #: A key of :data:`REASONS`.
    reason: str


@dataclass(frozen=True, slots=True)
class Matching:
    #: By mentor id, then mentee id.
    pairs: tuple[Suggestion, ...]
    #: By mentee id.
    unmatched: tuple[Unmatched, ...]
    score: float


def weights_from(mapping: Mapping[str, float]) -> Weights:
    """The round's stored weights; missing parts keep their default."""
    if unknown := sorted(set(mapping) - set(PARTS)):
        raise MatchingError(
            f"unknown weight(s) {', '.join(map(repr, unknown))}: use {', '.join(PARTS)}"
        )
    return Weights(**{name: mapping[name] for name in PARTS if name in mapping})


def score_parts(
    mentor: Candidate, mentee: Candidate, weights: Weights, rules: Rules
) -> dict[str, float] | None:
    """The pair's weighted parts; ``None`` when the pair is excluded (and not pinned)."""
    scores = grid([mentor], [mentee], weights, rules)
    if not scores.allowed[0, 0]:
        return None
    return scores.parts_at(0, 0)


def match(
    mentors: Sequence[Candidate],
    mentees: Sequence[Candidate],
    weights: Weights = Weights(),
    rules: Rules = Rules(),
) -> Matching:
    """The optimal assignment of ``mentees`` to ``mentors`` under ``rules``."""
    mentors, mentees = _by_id(mentors, "mentor"), _by_id(mentees, "mentee")
    scores = grid(mentors, mentees, weights, rules)
    chosen = _pinned_cells(scores, rules) + _assigned_cells(scores, rules)
    pairs = sorted(
        (_suggestion(scores, row, col) for row, col in chosen),
        key=lambda pair: (pair.mentor_id, pair.mentee_id),
    )
    matched = {row for row, _ in chosen}
    unmatched = [
        Unmatched(mentee.id, unmatched_reason(scores, row))
        for row, mentee in enumerate(mentees)
        if row not in matched
    ]
    return Matching(tuple(pairs), tuple(unmatched), sum(pair.score for pair in pairs))


def _by_id(people: Sequence[Candidate], side: str) -> list[Candidate]:
    ordered = sorted(people, key=lambda person: person.id)
    ids = [person.id for person in ordered]
    if len(set(ids)) != len(ids):
        raise MatchingError(f"a {side} id appears twice")
    return ordered


def _pinned_cells(scores: Grid, rules: Rules) -> list[tuple[int, int]]:
    """(mentee row, mentor column) of every pin; each must name enrolled people."""
    cells = []
    for mentor_id, mentee_id in sorted(rules.pinned):
        if mentor_id not in scores.mentor_col or mentee_id not in scores.mentee_row:
            raise MatchingError(f"pinned pair {(mentor_id, mentee_id)} names no participant")
        cells.append((scores.mentee_row[mentee_id], scores.mentor_col[mentor_id]))
    rows = [row for row, _ in cells]
    if len(set(rows)) != len(rows):
        raise MatchingError("a mentee is pinned to more than one mentor")
    if np.bincount([col for _, col in cells], minlength=1).max(initial=0) > rules.capacity:
        raise MatchingError(f"a mentor has more than {rules.capacity} pinned mentees")
    return cells


def _assigned_cells(scores: Grid, rules: Rules) -> list[tuple[int, int]]:
    """Solve the rest: mentees not pinned, each mentor's slots left after the pins."""
    pinned_rows = {scores.mentee_row[mentee] for _, mentee in rules.pinned}
    rows = np.array([r for r in range(scores.allowed.shape[0]) if r not in pinned_rows], int)
    slots = np.full(scores.allowed.shape[1], rules.capacity)
    for mentor, _ in rules.pinned:
        slots[scores.mentor_col[mentor]] -= 1
    columns = np.repeat(np.arange(slots.size), slots)
    if rows.size == 0 or columns.size == 0:
        return []
    allowed = scores.allowed[np.ix_(rows, columns)]
    total = scores.total[np.ix_(rows, columns)]
    # An excluded cell costs more than any feasible assignment can score, so the solver
    # first matches as many mentees as it can, then maximises the score.
    penalty = float(total.max(initial=0.0)) * min(allowed.shape) + 1.0
    cost = np.where(allowed, total, -penalty)
    picked_rows, picked_cols = linear_sum_assignment(cost, maximize=True)
    keep = allowed[picked_rows, picked_cols]
    return list(
        zip(rows[picked_rows[keep]].tolist(), columns[picked_cols[keep]].tolist(), strict=True)
    )


def _suggestion(scores: Grid, row: int, col: int) -> Suggestion:
    parts = scores.parts_at(row, col)
    return Suggestion(scores.mentor_ids[col], scores.mentee_ids[row], sum(parts.values()), parts)


def unmatched_reason(scores: Grid, row: int) -> str:
    """The first filter of the funnel that leaves the mentee no mentor (see REASONS)."""
    if scores.allowed.shape[1] == 0:
        return "no_mentors"
    possible = scores.competency[row]
    for reason, test in (
        ("no_competency", None),
        ("seniority", scores.senior[row]),
        ("availability", scores.available[row]),
        ("excluded", scores.permitted[row]),
    ):
        if test is not None:
            possible = possible & test
        if not possible.any():
            return reason
    return "capacity"
