"""The public enrolment page: notice and consent first, only while enrolment is open,
clear messages in both languages, nothing stored for a bad entry, rate-limited."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from survey_app.clock import local_today
from survey_app.extensions import db
from survey_app.mentoring.models import Participant, ParticipantRole
from survey_app.mentoring.notice import NOTICE_VERSION

from .mentoring_round_helpers import ENROLMENT, make_round
from .respondent import Respondent

__all__ = ["make_round"]


def stored() -> list[Participant]:
    return list(db.session.scalars(sa.select(Participant)))


@pytest.fixture
def visitor(app, make_round) -> Respondent:
    make_round()
    return Respondent(app.test_client())


def test_the_page_shows_the_notice_then_consent_and_the_competencies(visitor):
    body = visitor.get("/m/r1?lang=en").get_data(as_text=True)
    notice = body.index("Privacy notice")
    assert notice < body.index('name="consent"') < body.index('name="name"')
    for fact in ("Article 20", "never joined", "months after", "Withdrawing", "Who sees it"):
        assert fact in body, fact
    assert 'value="M.1"' in body and 'value="T.1"' in body  # mini.yaml's codes, with labels
    assert "<script" not in body.split("<main", 1)[1]
    assert "kept apart from the anonymous surveys" in body  # not the survey's footer
    assert "Anonymous survey: no name" not in body


def test_an_enrolment_is_stored_with_its_consent_and_thanks_the_person(visitor):
    visitor.get("/m/r1")
    response = visitor.post("/m/r1", ENROLMENT | {"supervisor": "Hotma Sitompul"})
    assert response.status_code == 302 and response.location.endswith("/m/r1/thanks")
    [participant] = stored()
    assert participant.role is ParticipantRole.MENTEE
    assert participant.name == "Putri Siregar" and participant.opd == "BKPSDM"
    assert participant.competency_codes == ["M.1"]
    assert participant.availability == ["mon_am", "online"]
    assert participant.notice_version == NOTICE_VERSION and participant.token_hash is None
    thanks = visitor.get("/m/r1/thanks?lang=en").get_data(as_text=True)
    assert "coordinator will send you your personal link" in thanks


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": None}, "Please give your consent to enrol."),
        ({"name": ""}, "This field is required."),
        ({"role": "boss"}, "Not a valid choice."),
        ({"opd": "Dinas Bulan"}, "Not a valid choice."),
        ({"grade_band": "V"}, "Not a valid choice."),
        ({"competencies": []}, "Choose at least one competency."),
        ({"competencies": ["X.9"]}, "X.9"),
        ({"availability": ["online"]}, "Choose at least one day and time."),
        ({"role": "mentor", "supervisor": "Hotma"}, "Only mentees name a supervisor."),
        ({"contact": "x" * 121}, "Field cannot be longer than 120 characters."),
    ],
)
def test_a_bad_entry_is_refused_with_a_message_and_nothing_is_stored(visitor, changes, message):
    visitor.get("/m/r1")
    data = {k: v for k, v in (ENROLMENT | changes).items() if v is not None}
    response = visitor.post("/m/r1?lang=en", data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body
    assert 'class="error-summary"' in body
    assert stored() == []


def test_messages_are_in_indonesian_by_default(visitor):
    visitor.get("/m/r1")
    body = visitor.post("/m/r1", ENROLMENT | {"competencies": []}).get_data(as_text=True)
    assert "Pilih sedikitnya satu kompetensi." in body
    body = visitor.post("/m/r1", {k: v for k, v in ENROLMENT.items() if k != "consent"}).get_data(
        as_text=True
    )
    assert "Berikan persetujuan Anda untuk mendaftar." in body


@pytest.mark.parametrize("days", [-30, 30])
def test_outside_the_enrolment_period_nothing_can_be_sent(app, make_round, days):
    today = local_today()
    make_round(
        enrol_opens_on=today + dt.timedelta(days=days),
        enrol_closes_on=today + dt.timedelta(days=days + 5),
        starts_on=today + dt.timedelta(days=days + 6),
        ends_on=today + dt.timedelta(days=days + 60),
    )
    visitor = Respondent(app.test_client())
    body = visitor.get("/m/r1?lang=en").get_data(as_text=True)
    assert "Enrolment for this round is not open" in body and 'name="consent"' not in body
    visitor.post("/m/r1", ENROLMENT | {"csrf_token": "x"})
    assert stored() == []


def test_a_missing_csrf_token_is_refused(visitor):
    visitor.get("/m/r1")
    assert visitor.post("/m/r1", ENROLMENT, csrf=False).status_code == 400
    assert stored() == []


def test_an_unknown_round_is_not_found(visitor):
    assert visitor.get("/m/no-such-round").status_code == 404


def test_new_enrolments_are_rate_limited_per_address(app, visitor):
    app.config["SURVEY_APP_DRAFT_LIMIT"] = 2
    visitor.get("/m/r1")
    for name in ("Andi Lubis", "Budi Pohan"):
        assert visitor.post("/m/r1", ENROLMENT | {"name": name}).status_code == 302
        visitor.get("/m/r1")
    response = visitor.post("/m/r1?lang=en", ENROLMENT | {"name": "Citra Purba"})
    assert response.status_code == 429
    assert "Too many enrolments" in response.get_data(as_text=True)
    assert sorted(p.name for p in stored()) == ["Andi Lubis", "Budi Pohan"]
