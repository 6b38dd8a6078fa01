"""Personal links: the participant's own pairs, refusals, rate limit, headers, withdrawal."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import sqlalchemy as sa

from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.mentoring.models import Pair, PairStatus, Participant
from survey_app.mentoring.tokens import revoke_token
from survey_app.privacy_logging import PrivacyFilter

from .mentoring_pairs_helpers import accepted_pair, link, make_round, person, session
from .respondent import Respondent


@pytest.fixture
def people(app):
    round_ = make_round()
    mentor = person(round_, "mentor", "Budi Santoso", contact="budi.rahasia@example.id")
    mentee = person(round_, "mentee", "Ani Lestari", opd="Bappeda")
    pair = accepted_pair(round_, mentor, mentee)
    session(pair, dt.date(2026, 2, 3), note="Catatan pertama")
    url = link(mentee)
    db.session.commit()
    return url, mentor, mentee, pair


def test_the_participant_sees_the_partner_but_not_their_contact(client, people):
    url, _mentor, _mentee, _pair = people
    body = Respondent(client).get(f"{url}?lang=en").get_data(as_text=True)
    assert "Budi Santoso" in body and "Dinas Kesehatan" in body and "Catatan pertama" in body
    assert "budi.rahasia" not in body


def test_personal_pages_send_no_referrer_and_are_not_cached(client, people):
    url, *_ = people
    for path in (url, f"{url}/statement", f"{url}/withdraw", "/m/p/wrong-token"):
        response = client.get(path)
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert "no-store" in response.headers["Cache-Control"], path


@pytest.mark.parametrize("how", ["wrong", "revoked", "expired"])
def test_wrong_revoked_and_expired_links_are_refused(client, people, how):
    url, _mentor, mentee, pair = people
    if how == "wrong":
        url = url[:-3] + "xyz"
    elif how == "revoked":
        revoke_token(mentee)
    else:
        mentee.token_expires_at = utcnow() - dt.timedelta(minutes=1)
    db.session.commit()
    visitor = Respondent(client)
    for path in (url, f"{url}/statement", f"{url}/withdraw"):
        response = visitor.get(f"{path}?lang=en")
        assert response.status_code == 404
        assert "Link not valid" in response.get_data(as_text=True)
        assert "Ani Lestari" not in response.get_data(as_text=True)
    visitor.get("/staff/login")  # a CSRF token of this browser session
    response = visitor.post(f"{url}/pairs/{pair.id}/sessions", {"held_on": "2026-02-04"})
    assert response.status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 2


def test_wrong_links_are_rate_limited_like_invitation_codes(app, client, people):
    url, *_ = people
    app.config["SURVEY_APP_CODE_ATTEMPTS"] = 3
    statuses = [client.get(f"/m/p/guess-{n}").status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    assert client.get(url).status_code == 200  # a right link is always accepted


def test_another_round_participant_cannot_open_a_pair_by_id(client, people):
    _url, _mentor, mentee, pair = people
    round_ = mentee.round
    stranger = person(round_, "mentee", "Orang Lain")
    other_url = link(stranger)
    db.session.commit()
    visitor = Respondent(client)
    visitor.get(f"{other_url}/withdraw")  # a page with a CSRF token (no pair: no form)
    response = visitor.post(
        f"{other_url}/pairs/{pair.id}/sessions",
        {"held_on": "2026-02-04", "minutes": "30", "topics": "K1"},
    )
    assert response.status_code == 404


def test_withdrawal_is_confirmed_then_deletes_the_participant(client, people):
    url, _mentor, mentee, pair = people
    mentee_id, pair_id = mentee.id, pair.id
    visitor = Respondent(client)
    assert "Withdraw and delete my data" in visitor.get(f"{url}/withdraw?lang=en").get_data(
        as_text=True
    )
    assert visitor.post(f"{url}/withdraw", csrf=False).status_code == 400
    response = visitor.post(f"{url}/withdraw")
    assert response.status_code == 200 and "You have withdrawn" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Participant, mentee_id) is None
    kept = db.session.get(Pair, pair_id)
    assert kept.status == PairStatus.DISSOLVED and kept.mentee_id is None
    assert visitor.get(url).status_code == 404


def test_the_server_log_never_shows_the_token(people):
    url, *_ = people
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '- - [x] "GET %s/statement HTTP/1.1" 200 -',
        (url,),
        None,
    )
    PrivacyFilter().filter(record)
    token = url.rsplit("/", 1)[1]
    assert token not in record.getMessage() and "/m/p/…/statement" in record.getMessage()
