"""Logging a session through the personal link: checks, messages, nothing half-stored."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from survey_app.clock import local_today
from survey_app.extensions import db
from survey_app.mentoring.models import PairStatus, SessionLog

from .mentoring_pairs_helpers import START, accepted_pair, link, make_round, person
from .respondent import Respondent


@pytest.fixture
def pair_link(app, client):
    round_ = make_round(ends_on=local_today() + dt.timedelta(days=90))
    mentor = person(round_, "mentor", "Budi Santoso", competency_codes=["K1", "K2"])
    mentee = person(round_, "mentee", "Ani Lestari", competency_codes=["K2", "K3"])
    pair = accepted_pair(round_, mentor, mentee)
    url = link(mentee)
    db.session.commit()
    visitor = Respondent(client)
    visitor.get(f"{url}?lang=en")
    return visitor, url, pair


def valid(**changes):
    return {
        "held_on": (START + dt.timedelta(days=3)).isoformat(),
        "minutes": "90",
        "topics": ["K1", "K3"],
        "note": "Membahas SKP.",
        **changes,
    }


def stored() -> list[SessionLog]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(SessionLog)))


def test_a_session_is_logged_and_shown(pair_link):
    visitor, url, pair = pair_link
    response = visitor.post(f"{url}/pairs/{pair.id}/sessions", valid())
    assert response.status_code == 302
    [log] = stored()
    assert (log.minutes, log.topics, log.note, log.logged_by) == (
        90,
        ["K1", "K3"],
        "Membahas SKP.",
        "mentee",
    )
    page = visitor.get(url).get_data(as_text=True)
    assert "Session logged." in page and "Membahas SKP." in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "tomorrow"}, "cannot be in the future"),
        ({"held_on": (START - dt.timedelta(days=1)).isoformat()}, "before the round starts"),
        ({"held_on": "07/12/2026"}, "Enter the date of the session"),
        ({"minutes": "0"}, "from 1 to 600"),
        ({"minutes": "sejam"}, "from 1 to 600"),
        ({"minutes": "601"}, "from 1 to 600"),
        ({"topics": ["K9"]}, "competency codes only"),
        ({"topics": []}, "Choose at least one topic"),
        ({"note": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_bad_entries_get_a_message_and_nothing_is_stored(pair_link, changes, message):
    visitor, url, pair = pair_link
    if changes.get("held_on") == "tomorrow":
        changes = {"held_on": (local_today() + dt.timedelta(days=1)).isoformat()}
    response = visitor.post(f"{url}/pairs/{pair.id}/sessions", valid(**changes))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body and "The session was not logged" in body
    assert stored() == []


def test_a_session_after_the_round_is_refused(app, client):
    round_ = make_round(ends_on=START + dt.timedelta(days=10))
    mentor, mentee = person(round_, "mentor", "Budi"), person(round_, "mentee", "Ani")
    pair = accepted_pair(round_, mentor, mentee)
    url = link(mentor)
    db.session.commit()
    visitor = Respondent(client)
    visitor.get(f"{url}?lang=en")
    late = (START + dt.timedelta(days=11)).isoformat()
    response = visitor.post(f"{url}/pairs/{pair.id}/sessions", valid(held_on=late, topics=["K1"]))
    assert response.status_code == 422 and "after the round ends" in response.get_data(as_text=True)
    assert stored() == []


def test_a_dissolved_pair_takes_no_new_session(pair_link):
    visitor, url, pair = pair_link
    pair.status = PairStatus.DISSOLVED
    db.session.commit()
    assert "Log a session" not in visitor.get(url).get_data(as_text=True)
    response = visitor.post(f"{url}/pairs/{pair.id}/sessions", valid())
    assert response.status_code == 422 and stored() == []


def test_another_pairs_id_is_not_found(pair_link):
    visitor, url, pair = pair_link
    round_ = pair.mentor.round
    other = accepted_pair(
        round_, person(round_, "mentor", "Lain"), person(round_, "mentee", "Lain 2")
    )
    db.session.commit()
    assert visitor.post(f"{url}/pairs/{other.id}/sessions", valid()).status_code == 404
    assert stored() == []


def test_logging_needs_a_csrf_token(pair_link):
    visitor, url, pair = pair_link
    response = visitor.post(f"{url}/pairs/{pair.id}/sessions", valid(), csrf=False)
    assert response.status_code == 400 and stored() == []
