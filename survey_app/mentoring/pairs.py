"""The coordinator's decisions on pairs: accept, swap, pin or forbid, dissolve.

Every change is audited. Refusals raise :class:`PairRefused` with a message key of
:data:`MESSAGES`; nothing is changed then.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import abort
from flask_babel import lazy_gettext as _l

from .. import audit
from ..clock import utcnow
from ..extensions import db
from .matching import score_parts, weights_from
from .matching_service import candidate, rules_for
from .models import (
    MentoringRound,
    Pair,
    PairRule,
    PairStatus,
    Participant,
    ParticipantRole,
    RuleKind,
)

MESSAGES = {
    "not_suggested": _l("Only a suggested pair can be accepted or swapped."),
    "same_mentor": _l("Choose two suggested pairs with different mentors."),
    "swap_excluded": _l(
        "This swap is not possible: one of the new pairs is excluded "
        "(no shared competency, no seniority, no common time, supervisor or forbidden)."
    ),
    "not_accepted": _l("Only an accepted pair can be dissolved."),
    "not_participants": _l("Choose a mentor and a mentee of this round."),
    "accepted_pair": _l("This pair is accepted; dissolve it before forbidding it."),
}


class PairRefused(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    def message(self) -> str:
        return str(MESSAGES[self.key])


def round_pairs(round_: MentoringRound, statuses: Iterable[PairStatus]) -> list[Pair]:
    query = (
        sa.select(Pair)
        .where(Pair.round_id == round_.id, Pair.status.in_(list(statuses)))
        .order_by(Pair.id)
    )
    return list(db.session.scalars(query))


def pair_of(round_: MentoringRound, pair_id: int) -> Pair:
    """A pair of this round, or 404."""
    pair = db.session.get(Pair, pair_id)
    if pair is None or pair.round_id != round_.id:
        abort(404)
    return pair


def accept(pair: Pair) -> None:
    if pair.status != PairStatus.SUGGESTED:
        raise PairRefused("not_suggested")
    pair.status, pair.accepted_at = PairStatus.ACCEPTED, utcnow()
    db.session.flush()
    audit.record("mentoring.pair_accept", "mentoring_pair", pair.id)


def accept_all(round_: MentoringRound) -> int:
    """Accept every suggestion of the round; returns how many."""
    pairs = round_pairs(round_, [PairStatus.SUGGESTED])
    now = utcnow()
    for pair in pairs:
        pair.status, pair.accepted_at = PairStatus.ACCEPTED, now
    db.session.flush()
    audit.record("mentoring.pair_accept_all", "mentoring_round", round_.slug, pairs=len(pairs))
    return len(pairs)


def swap(round_: MentoringRound, first: Pair, second: Pair) -> None:
    """Exchange the mentors of two suggested pairs, re-scored; refused on an exclusion."""
    if first.status != PairStatus.SUGGESTED or second.status != PairStatus.SUGGESTED:
        raise PairRefused("not_suggested")
    if first.mentor_id == second.mentor_id or first.mentor is None or second.mentor is None:
        raise PairRefused("same_mentor")
    new_first = _parts(round_, second.mentor, first.mentee)
    new_second = _parts(round_, first.mentor, second.mentee)
    if new_first is None or new_second is None:
        raise PairRefused("swap_excluded")
    first.mentor_id, second.mentor_id = second.mentor_id, first.mentor_id
    for pair, parts in ((first, new_first), (second, new_second)):
        pair.parts, pair.score = parts, sum(parts.values())
    db.session.flush()
    db.session.expire_all()
    audit.record("mentoring.pair_swap", "mentoring_round", round_.slug, pairs=[first.id, second.id])


def _parts(
    round_: MentoringRound, mentor: Participant | None, mentee: Participant | None
) -> dict[str, float] | None:
    if mentor is None or mentee is None:
        return None
    rules = rules_for(round_)
    return score_parts(candidate(mentor), candidate(mentee), weights_from(round_.weights), rules)


def set_rule(
    round_: MentoringRound, mentor: Participant, mentee: Participant, kind: RuleKind
) -> None:
    """Pin or forbid the pair (replacing an earlier rule of the same two people)."""
    if (mentor.round_id, mentee.round_id) != (round_.id, round_.id) or (
        mentor.role,
        mentee.role,
    ) != (ParticipantRole.MENTOR, ParticipantRole.MENTEE):
        raise PairRefused("not_participants")
    if kind == RuleKind.FORBID and _accepted_between(mentor, mentee):
        raise PairRefused("accepted_pair")
    rule = db.session.scalar(
        sa.select(PairRule).filter_by(mentor_id=mentor.id, mentee_id=mentee.id)
    )
    if rule is None:
        rule = PairRule(round_id=round_.id, mentor_id=mentor.id, mentee_id=mentee.id, kind=kind)
        db.session.add(rule)
    rule.kind = kind
    db.session.flush()
    audit.record(
        f"mentoring.pair_{kind}", "mentoring_round", round_.slug, mentor=mentor.id, mentee=mentee.id
    )


def _accepted_between(mentor: Participant, mentee: Participant) -> bool:
    query = sa.select(Pair.id).filter_by(
        mentor_id=mentor.id, mentee_id=mentee.id, status=PairStatus.ACCEPTED
    )
    return db.session.scalar(query) is not None


def remove_rule(round_: MentoringRound, rule_id: int) -> None:
    rule = db.session.get(PairRule, rule_id)
    if rule is None or rule.round_id != round_.id:
        abort(404)
    db.session.delete(rule)
    db.session.flush()
    audit.record("mentoring.rule_remove", "mentoring_round", round_.slug, rule=rule_id)


def dissolve(pair: Pair) -> None:
    if pair.status != PairStatus.ACCEPTED:
        raise PairRefused("not_accepted")
    pair.status = PairStatus.DISSOLVED
    db.session.flush()
    audit.record("mentoring.pair_dissolve", "mentoring_pair", pair.id)
