"""Seeding a mentoring round for the tests of pairs, sessions, statements and the overview."""

from __future__ import annotations

import datetime as dt
from typing import Any

from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.mentoring.models import (
    MentoringRound,
    Pair,
    PairStatus,
    Participant,
    ParticipantRole,
    SessionLog,
)
from survey_app.mentoring.tokens import issue_token

COORDINATOR = "koordinator@medan.go.id"
START = dt.date(2026, 1, 5)


def make_round(slug: str = "r1", **overrides: Any) -> MentoringRound:
    values: dict[str, Any] = {
        "slug": slug,
        "title": "Mentoring CPNS 2026",
        "enrol_opens_on": dt.date(2025, 12, 1),
        "enrol_closes_on": dt.date(2025, 12, 31),
        "starts_on": START,
        "ends_on": dt.date(2026, 12, 31),
        "jp_per_session": 2,
        "max_sessions_per_month": 2,
        "mentees_per_mentor": 2,
        "weights": {},
        "silent_after_weeks": 4,
        **overrides,
    }
    round_ = MentoringRound(**values)
    db.session.add(round_)
    db.session.flush()
    return round_


def person(round_: MentoringRound, role: str, name: str, **overrides: Any) -> Participant:
    senior = role == "mentor"
    values: dict[str, Any] = {
        "round_id": round_.id,
        "role": ParticipantRole(role),
        "name": name,
        "contact": f"{name.split()[0].lower()}@example.id",
        "opd": "Dinas Kesehatan",
        "position_type": "fungsional",
        "grade_band": "IV" if senior else "III",
        "service_band": "16-25" if senior else "0-5",
        "competency_codes": ["K1", "K2"],
        "availability": ["mon_am", "online"],
        "notice_version": "1",
        **overrides,
    }
    participant = Participant(**values)
    db.session.add(participant)
    db.session.flush()
    return participant


def accepted_pair(
    round_: MentoringRound,
    mentor: Participant,
    mentee: Participant,
    accepted: dt.datetime | None = None,
) -> Pair:
    pair = Pair(
        round_id=round_.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        status=PairStatus.ACCEPTED,
        score=1.0,
        parts={"fit": 1.0},
        accepted_at=accepted or utcnow(),
    )
    db.session.add(pair)
    db.session.flush()
    return pair


def session(pair: Pair, day: dt.date, by: str = "mentee", note: str = "") -> SessionLog:
    log = SessionLog(
        pair_id=pair.id,
        held_on=day,
        minutes=60,
        topics=["K1"],
        note=note,
        logged_by=ParticipantRole(by),
    )
    db.session.add(log)
    db.session.flush()
    return log


def link(participant: Participant) -> str:
    """A personal link's path for ``participant`` (a new token)."""
    return f"/m/p/{issue_token(participant)}"


def coordinator(make_user: Any, login: Any, app: Any) -> Any:
    make_user(COORDINATOR, "coordinator")
    return login(app.test_client(), COORDINATOR)
