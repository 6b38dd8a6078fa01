"""Withdrawal: a participant's data is deleted, not hidden (UU 27/2022, the right to
erasure). Their pairs stay, without them and dissolved, so the partner's credited JP
survive; the pair's session notes are blanked because they may speak of the person who
left. Dates, minutes and topics of the sessions stay: they carry the partner's JP.
"""

from __future__ import annotations

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from .models import Pair, PairRule, PairStatus, Participant, SessionLog


def withdraw(participant: Participant, by: str) -> None:
    """Delete ``participant``; ``by`` says who asked ("participant", "coordinator")."""
    round_id, participant_id, role = participant.round_id, participant.id, participant.role
    pair_ids = _dissolve_pairs(participant_id)
    _blank_notes(pair_ids)
    _delete_rules(participant_id)
    db.session.delete(participant)
    db.session.flush()
    db.session.expire_all()
    audit.record(
        "mentoring.withdraw",
        "mentoring_round",
        round_id,
        participant=participant_id,
        role=str(role),
        by=by,
        pairs=len(pair_ids),
    )


def _blank_notes(pair_ids: list[int]) -> None:
    db.session.execute(
        sa.update(SessionLog)
        .where(SessionLog.pair_id.in_(pair_ids))
        .values(note="")
        .execution_options(synchronize_session=False)
    )


def _delete_rules(participant_id: int) -> None:
    """Their pins and forbids (the database cascades too; done here on every backend)."""
    mine = sa.or_(PairRule.mentor_id == participant_id, PairRule.mentee_id == participant_id)
    db.session.execute(sa.delete(PairRule).where(mine).execution_options(synchronize_session=False))


def _dissolve_pairs(participant_id: int) -> list[int]:
    """Take the participant out of their pairs (the database's ``SET NULL``, done here so
    it holds whatever the backend's foreign-key setting) and dissolve those pairs."""
    pairs = list(
        db.session.scalars(
            sa.select(Pair).where(
                sa.or_(Pair.mentor_id == participant_id, Pair.mentee_id == participant_id)
            )
        )
    )
    for pair in pairs:
        if pair.mentor_id == participant_id:
            pair.mentor_id = None
        if pair.mentee_id == participant_id:
            pair.mentee_id = None
        pair.status = PairStatus.DISSOLVED
    db.session.flush()
    return [pair.id for pair in pairs]
