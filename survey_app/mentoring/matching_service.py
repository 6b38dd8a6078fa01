"""Running the matching for a round: participants in, suggested pairs stored.

The one place where stored bands become the matching's ordinals: the position of a
participant's band in ``enrolment_fields.GRADE_BANDS`` / ``SERVICE_BANDS`` (lowest
first; an unknown band counts as the lowest). Accepted pairs stay as they are: their
mentees are not matched again, and their mentors offer only the slots left. Earlier
suggestions are replaced by the new ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from .enrolment_fields import GRADE_BANDS, SERVICE_BANDS
from .matching import (
    Candidate,
    Matching,
    MatchingError,
    Rules,
    match,
    unmatched_reason,
    weights_from,
)
from .models import (
    MentoringRound,
    Pair,
    PairRule,
    PairStatus,
    Participant,
    ParticipantRole,
    RuleKind,
)
from .rounds import participants
from .scoring import grid


def ordinal(band: str, bands: Sequence[str]) -> int:
    """The band's rank, lowest 0; an unknown band counts as the lowest."""
    return bands.index(band) if band in bands else 0


def candidate(person: Participant) -> Candidate:
    return Candidate(
        id=person.id,
        name=person.name,
        opd=person.opd,
        grade=ordinal(person.grade_band, GRADE_BANDS),
        service=ordinal(person.service_band, SERVICE_BANDS),
        codes=frozenset(person.competency_codes),
        availability=frozenset(person.availability),
        supervisor_name=person.supervisor_name,
    )


def pair_rules(round_: MentoringRound) -> list[PairRule]:
    query = sa.select(PairRule).filter_by(round_id=round_.id).order_by(PairRule.id)
    return list(db.session.scalars(query))


def rules_for(round_: MentoringRound, capacity: int | None = None) -> Rules:
    """The round's capacity and OPD preference, and its pins and forbids."""
    rules = pair_rules(round_)
    return Rules(
        capacity=round_.mentees_per_mentor if capacity is None else capacity,
        opd_preference=str(round_.opd_preference),
        pinned=frozenset((r.mentor_id, r.mentee_id) for r in rules if r.kind == RuleKind.PIN),
        forbidden=frozenset((r.mentor_id, r.mentee_id) for r in rules if r.kind == RuleKind.FORBID),
    )


def run_matching(round_: MentoringRound) -> Matching:
    """Replace the round's suggestions with a new optimal matching; returns it (without
    the accepted pairs).

    Accepted pairs enter the solver as pins: their mentees are taken and their mentors'
    slots used, exactly. A coordinator's pin of a mentee already accepted elsewhere is
    ignored. Raises :class:`MatchingError` (nothing changed) when rules contradict.
    """
    accepted = {(p.mentor_id or 0, p.mentee_id or 0) for p in _accepted(round_)}
    rules = rules_for(round_)
    taken = {mentee for _, mentee in accepted}
    pins = frozenset(p for p in rules.pinned if p[1] not in taken) | accepted
    rules = Rules(rules.capacity, rules.opd_preference, pins, rules.forbidden - accepted)
    result = match(
        [candidate(m) for m in participants(round_, ParticipantRole.MENTOR)],
        [candidate(m) for m in participants(round_, ParticipantRole.MENTEE)],
        weights_from(round_.weights),
        rules,
    )
    new = tuple(s for s in result.pairs if (s.mentor_id, s.mentee_id) not in accepted)
    result = Matching(new, result.unmatched, sum(s.score for s in new))
    _replace_suggestions(round_, result)
    audit.record(
        "mentoring.match",
        "mentoring_round",
        round_.slug,
        pairs=len(result.pairs),
        unmatched=len(result.unmatched),
    )
    return result


def _accepted(round_: MentoringRound) -> list[Pair]:
    query = sa.select(Pair).filter_by(round_id=round_.id, status=PairStatus.ACCEPTED)
    return [p for p in db.session.scalars(query) if p.mentor_id and p.mentee_id]


def _replace_suggestions(round_: MentoringRound, result: Matching) -> None:
    db.session.execute(
        sa.delete(Pair)
        .where(Pair.round_id == round_.id, Pair.status == PairStatus.SUGGESTED)
        .execution_options(synchronize_session=False)
    )
    for s in result.pairs:
        db.session.add(
            Pair(
                round_id=round_.id,
                mentor_id=s.mentor_id,
                mentee_id=s.mentee_id,
                status=PairStatus.SUGGESTED,
                score=s.score,
                parts=dict(s.parts),
            )
        )
    db.session.flush()


__all__ = [
    "MatchingError",
    "candidate",
    "ordinal",
    "rules_for",
    "run_matching",
    "unmatched_reasons",
]


def unmatched_reasons(round_: MentoringRound, mentees: list[Participant]) -> dict[int, str]:
    """Why each of these mentees has no pair: the matching's own funnel (its first
    failing test, else "capacity"), computed for them only, so the page needs no re-run."""
    if not mentees:
        return {}
    mentors = [candidate(m) for m in participants(round_, ParticipantRole.MENTOR)]
    rules = rules_for(round_)
    rules = Rules(rules.capacity, rules.opd_preference, frozenset(), rules.forbidden)
    scores = grid(mentors, [candidate(m) for m in mentees], weights_from(round_.weights), rules)
    return {mentee.id: unmatched_reason(scores, row) for row, mentee in enumerate(mentees)}
