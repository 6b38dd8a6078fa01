"""The coordinator's overview (silent pairs, withdrawals) and who may open each new page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from survey_app.clock import local_today, utcnow
from survey_app.extensions import db
from survey_app.mentoring.withdrawal import withdraw

from .mentoring_pairs_helpers import accepted_pair, coordinator, link, make_round, person, session
from .respondent import Respondent


@pytest.fixture
def staff(make_user, login, app):
    return coordinator(make_user, login, app)


def rows(body: str) -> dict[str, bool]:
    """Mentor name -> silent, per row of the overview table."""
    found = re.findall(r'<tr class="pair-row( silent)?">.*?statement">([^<]+)</a>', body, re.S)
    return {name: bool(silent) for silent, name in found}


def test_silent_pairs_are_flagged(staff, app):
    round_ = make_round(silent_after_weeks=3, ends_on=local_today() + dt.timedelta(days=60))
    today = local_today()
    long_ago = utcnow() - dt.timedelta(weeks=10)
    active = accepted_pair(
        round_, person(round_, "mentor", "Aktif"), person(round_, "mentee", "A1"), long_ago
    )
    session(active, today - dt.timedelta(days=6))
    quiet = accepted_pair(
        round_, person(round_, "mentor", "Diam"), person(round_, "mentee", "D1"), long_ago
    )
    session(quiet, today - dt.timedelta(weeks=3, days=1))
    accepted_pair(
        round_, person(round_, "mentor", "Belum"), person(round_, "mentee", "B1"), long_ago
    )
    accepted_pair(round_, person(round_, "mentor", "Baru"), person(round_, "mentee", "N1"))
    db.session.commit()
    body = staff.get("/staff/mentoring/r1/overview").get_data(as_text=True)
    assert rows(body) == {"Aktif": False, "Diam": True, "Belum": True, "Baru": False}
    assert re.search(r'id="silent-count">2<', body)


def test_withdrawals_are_counted_and_the_partner_keeps_the_jp(staff, client, app):
    round_ = make_round()
    mentor, mentee = person(round_, "mentor", "Budi"), person(round_, "mentee", "Ani")
    pair = accepted_pair(round_, mentor, mentee)
    session(pair, dt.date(2026, 2, 2))
    url = link(mentor)
    other = accepted_pair(
        round_, person(round_, "mentor", "Citra"), person(round_, "mentee", "Dedi")
    )
    withdraw(mentee, by="coordinator")
    db.session.commit()
    body = staff.get("/staff/mentoring/r1/overview").get_data(as_text=True)
    assert re.search(r'id="withdrawal-count">1<', body) and re.search(r'id="pair-count">1<', body)
    assert f"/pairs/{other.id}" in body
    statement = Respondent(client).get(f"{url}/statement?lang=en").get_data(as_text=True)
    assert re.search(r'id="total-jp">2<', statement) and "partner who has withdrawn" in statement


def test_the_overview_says_the_area_is_named(staff, app):
    make_round()
    db.session.commit()
    body = staff.get("/staff/mentoring/r1/overview?lang=en").get_data(as_text=True)
    assert "Named data" in body and "BKPSDM" in body


# --- authorization: every new route x role ---------------------------------------------

ROUTES = [
    ("GET", "/pairs"),
    ("POST", "/pairs/run"),
    ("POST", "/pairs/accept-all"),
    ("POST", "/pairs/swap"),
    ("POST", "/pairs/rules"),
    ("POST", "/pairs/rules/{rule}/remove"),
    ("GET", "/pairs/{pair}"),
    ("POST", "/pairs/{pair}/accept"),
    ("POST", "/pairs/{pair}/dissolve"),
    ("GET", "/overview"),
    ("GET", "/overview/export?format=csv"),
    ("GET", "/participants/{mentor}/statement"),
]
ROLES = ("anonymous", "facilitator", "drafter", "evaluator", "coordinator", "admin")


@pytest.fixture
def world(make_user, login, app):
    from survey_app.mentoring.models import PairRule, RuleKind

    round_ = make_round()
    mentor, mentee = person(round_, "mentor", "Budi"), person(round_, "mentee", "Ani")
    pair = accepted_pair(round_, mentor, mentee)
    rule = PairRule(round_id=round_.id, mentor_id=mentor.id, mentee_id=mentee.id, kind=RuleKind.PIN)
    db.session.add(rule)
    db.session.commit()
    clients = {"anonymous": Respondent(app.test_client())}
    for role in ROLES[1:]:
        make_user(f"{role}@medan.go.id", role)
        clients[role] = login(app.test_client(), f"{role}@medan.go.id")
    return {"rule": rule.id, "pair": pair.id, "mentor": mentor.id}, clients


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_only_coordinators_and_admins_reach_the_pages(world, method, path):
    ids, clients = world
    url = "/staff/mentoring/r1" + path.format(**ids)
    for role, client in clients.items():
        client.get("/staff/login")
        response = client.get(url) if method == "GET" else client.post(url, {})
        if role == "anonymous":
            assert response.status_code == 302 and "/staff/login" in response.location, url
        elif role == "admin" and "remove" in path:  # the coordinator removed it just before
            assert response.status_code == 404
        elif role in ("coordinator", "admin"):
            assert response.status_code in (200, 302), (role, url, response.status_code)
        else:
            assert response.status_code == 403, (role, url)
    if method == "POST":  # and never without a CSRF token
        assert clients["coordinator"].post(url, {}, csrf=False).status_code == 400


@pytest.mark.parametrize("path", ["/pairs", "/overview", "/pairs/1", "/participants/1/statement"])
def test_an_unknown_round_is_not_found(world, path):
    _ids, clients = world
    assert clients["coordinator"].get(f"/staff/mentoring/no-such-round{path}").status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "admin", "drafter"])
def test_staff_sessions_do_not_open_personal_pages_without_a_token(world, role):
    _ids, clients = world
    assert clients[role].get("/m/p/not-a-token").status_code == 404
