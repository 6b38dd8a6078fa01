"""Builders for the mentoring tests: a round, enrolments, the codes of mini.yaml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from survey_app.clock import local_today
from survey_app.extensions import db
from survey_app.mentoring.enrolment import EnrolmentInput, enrol
from survey_app.mentoring.models import MentoringRound, Participant
from survey_app.mentoring.service import RoundInput, create_round
from survey_app.versions.service import load_text

from .conftest import form_text

#: A valid enrolment form of the public page (mini.yaml has competencies M.1 and T.1).
ENROLMENT = {
    "consent": "y",
    "role": "mentee",
    "name": "Putri Siregar",
    "contact": "putri@pemkomedan.go.id",
    "opd": "BKPSDM",
    "position_type": "pelaksana",
    "grade_band": "III",
    "service_band": "0-5",
    "competencies": ["M.1"],
    "availability": ["mon_am", "online"],
    "supervisor": "",
}


def round_input(slug: str = "r1", **overrides: Any) -> RoundInput:
    today = local_today()
    values: dict[str, Any] = {
        "title": "Mentoring 2027",
        "slug": slug,
        "enrol_opens_on": today - dt.timedelta(days=1),
        "enrol_closes_on": today + dt.timedelta(days=10),
        "starts_on": today + dt.timedelta(days=14),
        "ends_on": today + dt.timedelta(days=200),
    }
    return RoundInput(**(values | overrides))


def person(round: MentoringRound, name: str, role: str = "mentee", **overrides: Any) -> Participant:
    values: dict[str, Any] = {
        "role": role,
        "name": name,
        "contact": f"{name.split()[0].lower()}@x.id",
        "opd": "BKPSDM",
        "position_type": "pelaksana",
        "grade_band": "IV" if role == "mentor" else "III",
        "service_band": "16-25" if role == "mentor" else "0-5",
        "codes": ("M.1",),
        "availability": ("mon_am", "online"),
    }
    return enrol(round, EnrolmentInput(**(values | overrides)), "2026-12")


@pytest.fixture
def make_round(app: Flask) -> Callable[..., MentoringRound]:
    """``make_round(slug="r1", **round fields)``, committed; mini.yaml is loaded."""
    load_text(form_text("mini.yaml"), "mini.yaml")

    def make(slug: str = "r1", **overrides: Any) -> MentoringRound:
        created = create_round(round_input(slug, **overrides))
        db.session.commit()
        return created

    return make
