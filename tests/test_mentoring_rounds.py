"""The coordinator's round pages: who may open them, creating and editing a round,
issuing and revoking personal links, withdrawing on request, CSRF."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.mentoring.models import MentoringRound, OpdPreference, Participant
from survey_app.mentoring.tokens import participant_for_token

from .mentoring_round_helpers import make_round, person
from .respondent import Respondent

__all__ = ["make_round"]

BASE = "/staff/mentoring"
ROUND_FORM = {
    "title": "Mentoring ASN Baru 2027",
    "slug": "asn-baru-2027",
    "enrol_opens_on": "2027-01-04",
    "enrol_closes_on": "2027-01-31",
    "starts_on": "2027-02-01",
    "ends_on": "2027-07-31",
    "jp_per_session": "2",
    "max_sessions_per_month": "2",
    "mentees_per_mentor": "3",
    "opd_preference": "different",
    "weight_fit": "5",
    "weight_seniority": "2",
    "weight_opd": "1",
    "weight_availability": "2",
    "silent_after_weeks": "4",
}


@pytest.fixture
def people(make_user, login, app, make_round):
    round = make_round()
    participant = person(round, "Putri Siregar")
    db.session.commit()
    users = {
        "coordinator": make_user("k@medan.go.id", "coordinator"),
        "admin": make_user("a@medan.go.id", "admin"),
        "evaluator": make_user("e@medan.go.id", "evaluator"),
    }
    clients = {"anonymous": Respondent(app.test_client())}
    clients |= {name: login(app.test_client(), user.email) for name, user in users.items()}
    return clients, participant.id


ROUTES = [
    ("GET", "/", 200),
    ("GET", "/new", 200),
    ("POST", "/new", 422),
    ("GET", "/r1", 200),
    ("GET", "/r1/edit", 200),
    ("POST", "/r1/edit", 422),
    ("POST", "/r1/import", 422),
    ("POST", "/r1/participants/{pid}/link", 200),
    ("POST", "/r1/participants/{pid}/revoke", 302),
    ("POST", "/r1/participants/{pid}/withdraw", 302),
]


@pytest.mark.parametrize(("method", "path", "allowed"), ROUTES)
def test_only_coordinators_and_admins_reach_the_round_pages(people, method, path, allowed):
    clients, pid = people
    url = BASE + path.format(pid=pid)
    for persona in ("anonymous", "evaluator", "coordinator", "admin"):
        client = clients[persona]
        client.get("/staff/login")
        response = client.get(url) if method == "GET" else client.post(url, {})
        if persona == "anonymous":
            assert response.status_code == 302 and "/staff/login" in response.location
        elif persona == "evaluator":
            assert response.status_code == 403, (persona, url)
        else:  # the admin comes after the coordinator withdrew the participant
            want = 404 if "withdraw" in url and persona == "admin" else allowed
            assert response.status_code == want, (persona, url, response.status_code)


@pytest.mark.parametrize(("method", "path", "allowed"), [r for r in ROUTES if r[0] == "POST"])
def test_every_post_needs_a_csrf_token(people, method, path, allowed):
    clients, pid = people
    response = clients["coordinator"].post(BASE + path.format(pid=pid), {}, csrf=False)
    assert response.status_code == 400
    assert db.session.get(Participant, pid) is not None


def test_the_menu_shows_mentoring_to_coordinators(people):
    clients, _pid = people
    assert f'href="{BASE}/"' in clients["coordinator"].get("/staff/").get_data(as_text=True)
    assert f'href="{BASE}/"' not in clients["evaluator"].get("/staff/").get_data(as_text=True)


def test_a_coordinator_creates_and_edits_a_round(people):
    clients, _pid = people
    staff = clients["coordinator"]
    staff.get(f"{BASE}/new")
    page = staff.get(f"{BASE}/new").get_data(as_text=True)
    assert 'value="2"' in page and 'value="4.0"' in page  # JP and the fit weight's default
    response = staff.post(f"{BASE}/new", ROUND_FORM)
    assert response.status_code == 302 and response.location.endswith(f"{BASE}/asn-baru-2027")
    created = db.session.scalars(sa.select(MentoringRound).filter_by(slug="asn-baru-2027")).one()
    assert created.opd_preference is OpdPreference.DIFFERENT
    assert created.weights == {"fit": 5.0, "seniority": 2.0, "opd": 1.0, "availability": 2.0}
    staff.get(f"{BASE}/asn-baru-2027/edit")
    edited = ROUND_FORM | {"mentees_per_mentor": "4", "title": "Mentoring 2027"}
    assert staff.post(f"{BASE}/asn-baru-2027/edit", edited).status_code == 302
    db.session.expire_all()
    assert created.mentees_per_mentor == 4 and created.title == "Mentoring 2027"
    events = db.session.scalars(sa.select(AuditEvent).filter_by(action="mentoring.round_update"))
    assert next(events).details["changed"] == ["mentees_per_mentor", "title"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"enrol_closes_on": "2027-01-01"}, "The end date is before the start date."),
        ({"slug": "Bad Slug!"}, "2-63 lower-case letters, digits or dashes."),
        ({"slug": "r1"}, "Another round already has this address."),
        ({"weight_opd": "-1"}, "Number must be between 0 and 100."),
        ({"jp_per_session": "0"}, "Number must be at least 1."),
        ({"max_sessions_per_month": "99"}, "A whole number from 1 to 31."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_rounds_are_refused_with_a_message_and_not_saved(people, changes, message):
    clients, _pid = people
    staff = clients["coordinator"]
    staff.get(f"{BASE}/new")
    response = staff.post(f"{BASE}/new?lang=en", ROUND_FORM | changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MentoringRound)) == 1


def test_messages_are_in_indonesian_by_default(people):
    clients, _pid = people
    staff = clients["coordinator"]
    staff.get(f"{BASE}/new")
    body = staff.post(f"{BASE}/new", ROUND_FORM | {"slug": "r1"}).get_data(as_text=True)
    assert "Putaran lain sudah memakai alamat ini." in body


def test_a_personal_link_is_shown_once_and_revoked(people, app):
    clients, pid = people
    staff = clients["coordinator"]
    staff.get(f"{BASE}/r1")
    body = staff.post(f"{BASE}/r1/participants/{pid}/link", {}).get_data(as_text=True)
    link = re.search(r"<code>(http://localhost/m/p/([\w-]+))</code>", body)
    assert link, body
    assert participant_for_token(link.group(2)).id == pid
    assert link.group(2) not in staff.get(f"{BASE}/r1").get_data(as_text=True)
    assert staff.post(f"{BASE}/r1/participants/{pid}/revoke", {}).status_code == 302
    db.session.expire_all()
    assert participant_for_token(link.group(2)) is None


def test_withdrawing_on_request_deletes_the_enrolment(people):
    clients, pid = people
    staff = clients["coordinator"]
    staff.get(f"{BASE}/r1")
    assert staff.post(f"{BASE}/r1/participants/{pid}/withdraw", {}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Participant, pid) is None
    assert "Putri Siregar" not in staff.get(f"{BASE}/r1").get_data(as_text=True)


def test_a_participant_of_another_round_is_not_found(people, make_round):
    clients, pid = people
    make_round("r2")
    staff = clients["coordinator"]
    staff.get(f"{BASE}/r2")
    assert staff.post(f"{BASE}/r2/participants/{pid}/withdraw", {}).status_code == 404
    assert db.session.get(Participant, pid) is not None
