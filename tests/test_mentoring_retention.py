"""`flask retention apply` keeps the enrolment notice's promise: a round's named data is
deleted 12 months after the round ends, and not a day before."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.clock import local_today, months_before
from survey_app.extensions import db
from survey_app.mentoring.models import (
    MentoringRound,
    Pair,
    PairRule,
    Participant,
    RuleKind,
    SessionLog,
)
from survey_app.mentoring.notice import RETENTION_MONTHS

from .mentoring_pairs_helpers import accepted_pair, make_round, person, session


def seeded(slug: str, ended: dt.date) -> MentoringRound:
    round_ = make_round(slug, starts_on=ended - dt.timedelta(days=200), ends_on=ended)
    mentor = person(round_, "mentor", f"Mentor {slug}")
    mentee = person(round_, "mentee", f"Mentee {slug}")
    session(accepted_pair(round_, mentor, mentee), ended - dt.timedelta(days=30), note="ok")
    db.session.add(
        PairRule(round_id=round_.id, mentor_id=mentor.id, mentee_id=mentee.id, kind=RuleKind.PIN)
    )
    db.session.commit()
    return round_


#: Where each kind of named row says its round (a session through its pair).
ROUND_OF = {
    Participant: Participant.round_id,
    Pair: Pair.round_id,
    PairRule: PairRule.round_id,
    SessionLog: Pair.round_id,
}


def rows(model: type, round_id: int) -> int:
    query = sa.select(sa.func.count()).select_from(model)
    if model is SessionLog:
        query = query.join(Pair)
    return db.session.scalar(query.where(ROUND_OF[model] == round_id)) or 0


def test_rounds_past_retention_lose_their_named_data_and_the_rest_stay(app, runner):
    limit = months_before(local_today(), RETENTION_MONTHS)
    old = seeded("old", limit - dt.timedelta(days=1))
    recent = seeded("recent", limit + dt.timedelta(days=1))

    dry = runner.invoke(args=["retention", "apply", "--dry-run"])
    assert "would delete mentoring round old" in dry.output and "recent" not in dry.output
    assert rows(Participant, old.id) == 2

    result = runner.invoke(args=["retention", "apply"])
    assert result.exit_code == 0, result.output
    assert "deleted mentoring round old" in result.output
    db.session.expire_all()
    for model in (Participant, Pair, PairRule, SessionLog):
        assert rows(model, old.id) == 0, model
        assert rows(model, recent.id) > 0, model
    assert db.session.get(MentoringRound, old.id) is not None  # the round names nobody
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.target_id == "old"))
    assert event is not None and event.action == "retention.mentoring"
    assert "Mentor old" not in str(event.details)
    assert "Nothing is older" in runner.invoke(args=["retention", "apply"]).output
