"""Withdrawal deletes the participant, their rules; dissolves their pairs; blanks notes."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.mentoring.models import (
    Pair,
    PairRule,
    PairStatus,
    Participant,
    ParticipantRole,
    RuleKind,
    SessionLog,
)
from survey_app.mentoring.withdrawal import withdraw

from .mentoring_round_helpers import make_round, person

__all__ = ["make_round"]


def _pair(round, mentor, mentee) -> Pair:
    pair = Pair(
        round_id=round.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        status=PairStatus.ACCEPTED,
        score=3.0,
        parts={"fit": 3.0},
    )
    db.session.add(pair)
    db.session.flush()
    db.session.add(
        SessionLog(
            pair_id=pair.id,
            held_on=dt.date(2027, 1, 5),
            minutes=60,
            topics=["M.1"],
            note=f"{mentee.name} asked about SKP targets",
            logged_by=ParticipantRole.MENTEE,
        )
    )
    return pair


def test_withdrawal_deletes_the_person_and_keeps_the_partners_sessions(make_round):
    round = make_round()
    mentor = person(round, "Hotma Sitompul", "mentor")
    mentee, other = person(round, "Putri Siregar"), person(round, "Andi Lubis")
    left = _pair(round, mentor, mentee)
    kept = _pair(round, mentor, other)
    db.session.add(
        PairRule(round_id=round.id, mentor_id=mentor.id, mentee_id=mentee.id, kind=RuleKind.PIN)
    )
    db.session.add(
        PairRule(round_id=round.id, mentor_id=mentor.id, mentee_id=other.id, kind=RuleKind.FORBID)
    )
    db.session.commit()
    mentee_id, left_id, kept_id = mentee.id, left.id, kept.id

    withdraw(mentee, by="participant")
    db.session.commit()

    assert db.session.get(Participant, mentee_id) is None
    assert db.session.scalars(sa.select(Participant.name)).all().count("Putri Siregar") == 0
    dissolved = db.session.get(Pair, left_id)
    assert dissolved.mentee_id is None and dissolved.mentor_id == mentor.id
    assert dissolved.status is PairStatus.DISSOLVED
    notes = {log.pair_id: log for log in db.session.scalars(sa.select(SessionLog))}
    assert notes[left_id].note == "" and notes[left_id].minutes == 60
    assert notes[kept_id].note == "Andi Lubis asked about SKP targets"
    assert db.session.get(Pair, kept_id).status is PairStatus.ACCEPTED
    rules = db.session.scalars(sa.select(PairRule)).all()
    assert [(r.mentee_id, r.kind) for r in rules] == [(other.id, RuleKind.FORBID)]


def test_a_withdrawn_mentor_leaves_every_pair_and_the_audit_has_no_name(make_round):
    round = make_round()
    mentor = person(round, "Hotma Sitompul", "mentor")
    mentees = [person(round, "Putri Siregar"), person(round, "Andi Lubis")]
    pair_ids = [_pair(round, mentor, m).id for m in mentees]
    db.session.commit()

    withdraw(mentor, by="coordinator")
    db.session.commit()

    pairs = [db.session.get(Pair, pid) for pid in pair_ids]
    assert all(p.mentor_id is None and p.status is PairStatus.DISSOLVED for p in pairs)
    assert all(log.note == "" for log in db.session.scalars(sa.select(SessionLog)))
    event = db.session.scalars(sa.select(AuditEvent).filter_by(action="mentoring.withdraw")).one()
    assert event.details["by"] == "coordinator" and event.details["pairs"] == 2
    assert "Hotma" not in str(event.details) and "Sitompul" not in event.target_id
