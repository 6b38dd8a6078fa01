"""Reads of the mentoring rounds and their enrolments (no writes here)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from ..extensions import db
from .models import MentoringRound, Participant, ParticipantRole


def round_or_404(slug: str) -> MentoringRound:
    found = get_round(slug)
    if found is None:
        abort(404)
    return found


def get_round(slug: str) -> MentoringRound | None:
    return db.session.scalar(sa.select(MentoringRound).filter_by(slug=slug))


def all_rounds() -> list[MentoringRound]:
    """Newest first."""
    query = sa.select(MentoringRound).order_by(
        MentoringRound.enrol_opens_on.desc(), MentoringRound.id.desc()
    )
    return list(db.session.scalars(query))


def participants(round: MentoringRound, role: ParticipantRole | None = None) -> list[Participant]:
    """The round's enrolments by role then name (a stable order for pages and matching)."""
    query = sa.select(Participant).filter_by(round_id=round.id)
    if role is not None:
        query = query.filter_by(role=role)
    return list(
        db.session.scalars(query.order_by(Participant.role, Participant.name, Participant.id))
    )


def participant_of(round: MentoringRound, participant_id: int) -> Participant:
    """A participant of this round, or 404 (an id from another round is not found)."""
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.round_id != round.id:
        abort(404)
    return participant
