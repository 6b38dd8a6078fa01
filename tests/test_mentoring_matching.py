"""The mentoring matching: the score's parts, exclusions, capacity, pins, optimality
(brute force over every assignment of small random rounds), determinism, reasons."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.mentoring.matching import (
    REASONS,
    Candidate,
    MatchingError,
    Rules,
    Weights,
    match,
    score_parts,
    weights_from,
)


def person(
    id: int,
    codes: str = "A",
    grade: int = 0,
    service: int = 0,
    opd: str = "Dinas Kesehatan",
    times: str = "",
    name: str = "",
    boss: str = "",
) -> Candidate:
    return Candidate(
        id,
        name or f"Person {id}",
        opd,
        grade,
        service,
        frozenset(codes.split()),
        frozenset(times.split()),
        boss,
    )


def mentor(id: int, codes: str = "A", grade: int = 2, service: int = 3, **kw: str) -> Candidate:
    return person(id, codes, grade, service, **kw)  # type: ignore[arg-type]


# --- the score -------------------------------------------------------------------------


def test_parts_are_each_normalised_value_times_its_weight() -> None:
    senior = mentor(1, "A B C", grade=2, opd="Bappeda", times="mon tue wed")
    junior = person(2, "A B D E", grade=1, opd="Bappeda", times="tue wed thu")
    parts = score_parts(senior, junior, Weights(), Rules(opd_preference="same"))
    # fit 2 of 4 wanted; a higher grade band; same OPD; Jaccard 2 / 4.
    assert parts == {"fit": 2.0, "seniority": 2.0, "opd": 1.0, "availability": 1.0}


def test_same_grade_with_longer_service_counts_half() -> None:
    parts = score_parts(
        mentor(1, grade=1, service=3), person(2, grade=1, service=1), Weights(), Rules()
    )
    assert parts is not None and parts["seniority"] == 1.0


@pytest.mark.parametrize(
    ("preference", "expected"), [("same", 0.0), ("different", 1.0), ("any", 0.0)]
)
def test_opd_part_follows_the_rounds_preference(preference: str, expected: float) -> None:
    parts = score_parts(
        mentor(1, opd="Bappeda"),
        person(2, opd="Dinas Pendidikan"),
        Weights(),
        Rules(opd_preference=preference),
    )
    assert parts is not None and parts["opd"] == expected


@pytest.mark.parametrize(
    ("the_mentor", "the_mentee", "rules"),
    [
        (mentor(1, "B"), person(2, "A"), Rules()),  # no shared competency
        (mentor(1, grade=1, service=1), person(2, grade=1, service=1), Rules()),  # not senior
        (mentor(1, grade=1, service=4), person(2, grade=2, service=0), Rules()),  # grade first
        (mentor(1, times="mon"), person(2, times="tue"), Rules()),  # never both free
        (mentor(1, name="Dr. Siti  Aminah"), person(2, boss="dr siti aminah"), Rules()),
        (mentor(1), person(2), Rules(forbidden=frozenset({(1, 2)}))),
    ],
    ids=[
        "competency",
        "seniority",
        "grade-before-service",
        "availability",
        "supervisor",
        "forbidden",
    ],
)
def test_hard_exclusions(the_mentor: Candidate, the_mentee: Candidate, rules: Rules) -> None:
    assert score_parts(the_mentor, the_mentee, Weights(), rules) is None
    result = match([the_mentor], [the_mentee], Weights(), rules)
    assert result.pairs == ()


def test_a_namesake_in_another_opd_is_not_the_supervisor() -> None:
    boss = mentor(1, name="Siti Aminah", opd="Bappeda")
    assert score_parts(
        boss, person(2, boss="Siti Aminah", opd="Dinas Kesehatan"), Weights(), Rules()
    )


def test_a_pin_overrides_the_computed_exclusions() -> None:
    pin = Rules(pinned=frozenset({(1, 2)}))
    parts = score_parts(mentor(1, "B"), person(2, "A"), Weights(), pin)
    assert parts is not None and parts["fit"] == 0.0
    assert [
        (p.mentor_id, p.mentee_id)
        for p in match([mentor(1, "B")], [person(2, "A")], rules=pin).pairs
    ] == [(1, 2)]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"fit": 1, "charm": 2}, r"unknown weight\(s\) 'charm'"),
        ({"opd": -1}, "'opd' must be 0 or more"),
        ({"fit": "high"}, "must be a number"),
    ],
)
def test_weights_from_refuses_bad_weights(mapping: dict[str, float], message: str) -> None:
    with pytest.raises(MatchingError, match=message):
        weights_from(mapping)


def test_weights_from_keeps_defaults_for_missing_parts() -> None:
    assert weights_from({"fit": 1.5}) == Weights(fit=1.5)
    assert weights_from({}) == Weights()


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (lambda: Rules(capacity=0), "capacity must be at least 1"),
        (lambda: Rules(opd_preference="near"), "opd_preference must be one of"),
        (
            lambda: Rules(pinned=frozenset({(1, 2)}), forbidden=frozenset({(1, 2)})),
            "both pinned and forbidden",
        ),
    ],
)
def test_contradictory_rules_are_refused(rules, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MatchingError, match=message):
        rules()


def test_pins_beyond_capacity_or_twice_or_unknown_are_refused() -> None:
    mentors, mentees = [mentor(1), mentor(2)], [person(10), person(11)]
    for pins, message in [
        ({(1, 10), (1, 11)}, "more than 1 pinned"),
        ({(1, 10), (2, 10)}, "more than one mentor"),
        ({(9, 10)}, "names no participant"),
    ]:
        with pytest.raises(MatchingError, match=message):
            match(mentors, mentees, rules=Rules(capacity=1, pinned=frozenset(pins)))


# --- the assignment ----------------------------------------------------------------------


def test_capacity_and_unmatched_reasons() -> None:
    mentors = [mentor(1, "A"), mentor(2, "B", grade=0, service=0)]
    mentees = [
        person(10, "A"),
        person(11, "A"),
        person(12, "A"),  # mentor 1 takes two: one of the three loses out
        person(13, "Z"),  # nobody mentors Z
        person(14, "B"),  # mentor 2 does not outrank
        person(15, "A", times="sun"),  # mentor 1 gave times, none on Sunday
        person(16, "A", boss="Person 1"),  # mentor 1 is the direct supervisor
    ]
    mentors[0] = mentor(1, "A", times="mon sun")
    mentees[5] = person(15, "A", times="sat")
    result = match(mentors, mentees, rules=Rules(capacity=2))
    assert len([p for p in result.pairs if p.mentor_id == 1]) == 2
    reasons = {u.mentee_id: u.reason for u in result.unmatched}
    assert {k: v for k, v in reasons.items() if k >= 13} == {
        13: "no_competency",
        14: "seniority",
        15: "availability",
        16: "excluded",
    }
    assert sorted(v for k, v in reasons.items() if k < 13) == ["capacity"]
    assert set(reasons.values()) <= set(REASONS)


def test_no_mentors_at_all() -> None:
    assert match([], [person(1)]).unmatched[0].reason == "no_mentors"
    assert match([mentor(1)], []).pairs == ()


def test_the_solver_prefers_matching_more_mentees_over_a_higher_score() -> None:
    # Mentor 1 fits mentee 10 perfectly, but mentee 11 can only go to mentor 1.
    mentors = [mentor(1, "A B"), mentor(2, "A")]
    mentees = [person(10, "A B"), person(11, "B")]
    result = match(mentors, mentees, rules=Rules(capacity=1))
    assert {(p.mentor_id, p.mentee_id) for p in result.pairs} == {(1, 11), (2, 10)}


def test_pins_are_kept_and_use_a_slot() -> None:
    mentors = [mentor(1, "A"), mentor(2, "A", grade=1)]
    mentees = [person(10, "A"), person(11, "A")]
    rules = Rules(capacity=1, pinned=frozenset({(2, 10)}))
    pairs = {(p.mentor_id, p.mentee_id) for p in match(mentors, mentees, rules=rules).pairs}
    assert pairs == {(2, 10), (1, 11)}


def random_round(
    seed: int, n_mentors: int, n_mentees: int
) -> tuple[list[Candidate], list[Candidate]]:
    rnd = random.Random(seed)

    def one(id: int, grades: tuple[int, int]) -> Candidate:
        return Candidate(
            id,
            f"P{rnd.randrange(4)}",
            rnd.choice(["Bappeda", "Dinkes", "Disdik"]),
            rnd.randint(*grades),
            rnd.randint(0, 3),
            frozenset(rnd.sample("ABCDE", rnd.randint(1, 3))),
            frozenset(rnd.sample(["mon", "tue", "online"], rnd.randint(0, 2))),
            f"P{rnd.randrange(4)}" if rnd.random() < 0.3 else "",
        )

    return [one(i, (0, 2)) for i in range(n_mentors)], [
        one(100 + i, (0, 1)) for i in range(n_mentees)
    ]


def brute_force(mentors, mentees, weights, rules):  # type: ignore[no-untyped-def]
    """The best (matched count, score) over every assignment, pins forced."""
    options = []
    for e in mentees:
        pinned = [m for m in mentors if (m.id, e.id) in rules.pinned]
        allowed = [m for m in mentors if score_parts(m, e, weights, rules) is not None]
        options.append(pinned if pinned else [None, *allowed])
    best = (-1, -1.0)
    for choice in itertools.product(*options):
        used = [m.id for m in choice if m is not None]
        if any(used.count(i) > rules.capacity for i in used):
            continue
        pairs = [(m, e) for m, e in zip(choice, mentees, strict=True) if m is not None]
        score = sum(sum(score_parts(m, e, weights, rules).values()) for m, e in pairs)
        best = max(best, (len(used), score))
    return best


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_mentors=st.integers(1, 3),
    n_mentees=st.integers(1, 5),
    capacity=st.integers(1, 2),
    preference=st.sampled_from(["same", "different", "any"]),
    weights=st.tuples(*[st.sampled_from([0.0, 0.5, 1.0, 3.0])] * 4),
    n_rules=st.integers(0, 2),
)
def test_optimal_against_brute_force(
    seed, n_mentors, n_mentees, capacity, preference, weights, n_rules
) -> None:  # type: ignore[no-untyped-def]
    mentors, mentees = random_round(seed, n_mentors, n_mentees)
    rnd = random.Random(seed)
    pins = {(rnd.choice(mentors).id, e.id) for e in rnd.sample(mentees, min(n_rules, len(mentees)))}
    pins = {(m, e) for m, e in pins if [m for m2, _ in pins if m2 == m].count(m) <= capacity}
    forbidden = {(rnd.choice(mentors).id, rnd.choice(mentees).id) for _ in range(n_rules)} - pins
    rules = Rules(capacity, preference, frozenset(pins), frozenset(forbidden))
    w = Weights(*weights)
    result = match(mentors, mentees, w, rules)
    count, score = brute_force(mentors, mentees, w, rules)
    assert (len(result.pairs), result.score) == (count, pytest.approx(score))
    used = [p.mentor_id for p in result.pairs]
    assert all(used.count(i) <= capacity for i in used)
    assert pins <= {(p.mentor_id, p.mentee_id) for p in result.pairs}
    assert not forbidden & {(p.mentor_id, p.mentee_id) for p in result.pairs}
    for pair in result.pairs:
        assert sum(pair.parts.values()) == pytest.approx(pair.score)
    assert {u.mentee_id for u in result.unmatched} | {p.mentee_id for p in result.pairs} == {
        e.id for e in mentees
    }


def test_deterministic_whatever_the_input_order() -> None:
    mentors, mentees = random_round(7, 15, 60)
    rules = Rules(capacity=3, opd_preference="different")
    first = match(mentors, mentees, rules=rules)
    assert match(mentors, mentees, rules=rules) == first
    for seed in range(3):
        shuffled_m, shuffled_e = mentors[:], mentees[:]
        random.Random(seed).shuffle(shuffled_m)
        random.Random(seed).shuffle(shuffled_e)
        assert match(shuffled_m, shuffled_e, rules=rules) == first
    assert first.pairs == tuple(sorted(first.pairs, key=lambda p: (p.mentor_id, p.mentee_id)))


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(MatchingError, match="mentee id appears twice"):
        match([mentor(1)], [person(2), person(2)])
