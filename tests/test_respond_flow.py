"""The respondent's path through a survey, end to end over HTTP, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.respond.models import Draft, Response

from .respondent import MINI_PAGES, complete_mini
from .same_page_helpers import outside_templates


def responses() -> list[Response]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Response)))


def test_complete_survey_stores_one_anonymous_response(make_campaign, respondent):
    make_campaign()
    response = complete_mini(respondent, "c1")
    assert response.status_code == 302 and response.location.endswith("/s/c1/thanks")
    [stored] = responses()
    assert stored.answers["status"] == "pns"
    assert stored.answers["integritas"] == {"importance": 5, "competence": 2}
    assert stored.answers["alasan"] == ["waktu", "lain"]
    assert stored.answers["nilai"] == 7.5
    assert stored.answers["prioritas"] == ["biaya", "waktu"]
    assert "latsar" not in stored.answers  # the CPNS-only section was skipped
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Draft)) == 0
    assert "Terima kasih" in respondent.get("/s/c1/thanks").get_data(as_text=True)


def test_the_survey_can_be_completed_in_english(make_campaign, respondent):
    make_campaign()
    page = respondent.get("/s/c1/?lang=en").get_data(as_text=True)
    assert "Your privacy" in page and "Mini Survey" in page
    respondent.post("/s/c1/start")
    assert "Employment status" in respondent.get("/s/c1/p/0").get_data(as_text=True)
    response = complete_mini(respondent, "c1")
    assert response.status_code == 302
    assert "Thank you" in respondent.get("/s/c1/thanks").get_data(as_text=True)
    assert len(responses()) == 1


def test_pages_show_progress_and_real_labels(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    body = respondent.get("/s/c1/p/1").get_data(as_text=True)
    assert "Bagian 2 dari 3" in body  # the CPNS-only section is not counted for a PNS
    assert '<label for="f-integritas--importance-5">' in body
    assert "<legend>" in body


def test_required_answers_are_asked_for_next_to_the_field(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    response = respondent.page("c1", 0, {"status": "pns"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="e-jabatan"' in body and 'aria-describedby="e-jabatan"' in body
    assert 'href="#q-jabatan"' in body  # the error summary links to the question


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"jp": "401"}, "jp", "Maksimal 400 JP"),
        ({"jp": "600"}, "jp", "500"),
        ({"jp": "sepuluh"}, "jp", "bilangan bulat"),
        ({"jp": "10", "alasan": ["waktu", "biaya", "izin"]}, "alasan", "2"),
        ({"jp": "10", "alasan": ["lain"], "alasan_lain": ""}, "alasan_lain", "Mohon"),
        ({"jp": "10", "alasan": ["lain"], "alasan_lain": "x" * 31}, "alasan_lain", "30"),
        ({"jp": "50", "prioritas/1": "", "prioritas/2": "waktu"}, "prioritas", "Pilihan 1"),
        ({"jp": "50", "prioritas/1": "waktu", "prioritas/2": "waktu"}, "prioritas", ""),
        ({"jp": "50", "nilai": "11"}, "nilai", "10"),
        ({"jp": "50", "tanggal": "15/01/2026"}, "tanggal", "TTTT"),
        ({"jp": "50", "saran": "x" * 51}, "saran", "50"),
    ],
)
def test_invalid_answers_get_a_clear_message_and_nothing_invalid_is_kept(
    make_campaign, respondent, answers, field, message
):
    make_campaign()
    respondent.start("c1")
    response = respondent.page("c1", 2, answers)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="e-{field}' in body and message in body
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert field not in draft.answers


@pytest.mark.parametrize(
    "tampered",
    [
        {"status": "admin", "jabatan": "pelaksana"},  # a choice not in the list
        {"status": ["pns", "pppk"], "jabatan": "pelaksana"},  # two values for one answer
    ],
)
def test_tampered_choices_are_refused(make_campaign, respondent, tampered):
    make_campaign()
    respondent.start("c1")
    response = respondent.page("c1", 0, tampered)
    assert response.status_code == 422
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert "status" not in draft.answers


def test_unknown_fields_are_a_clear_400_and_change_nothing(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    response = respondent.page("c1", 0, {"status": "pns", "jabatan": "pelaksana", "is_admin": "1"})
    assert response.status_code == 400
    assert "mohon maaf" in response.get_data(as_text=True).lower()
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert draft.answers == {}


@pytest.mark.parametrize("token", [None, "wrong"])
def test_missing_or_wrong_csrf_token_is_refused(make_campaign, respondent, token):
    make_campaign()
    respondent.start("c1")
    data = {"status": "pns", "jabatan": "pelaksana", "action": "next"}
    if token:
        data["csrf_token"] = token
    response = respondent.client.post("/s/c1/p/0", data=data)
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert draft.answers == {}


def test_oversized_posts_are_refused_cleanly(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    response = respondent.page("c1", 2, {"saran": "x" * 300_000})
    assert response.status_code == 413


def test_skip_logic_hides_questions_and_drops_their_answers(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    respondent.page("c1", 0, MINI_PAGES[0])
    respondent.page("c1", 2, {"jp": "10", "alasan": ["waktu"]})
    body = outside_templates(respondent.get("/s/c1/p/2").get_data(as_text=True))
    assert 'name="alasan"' in body and 'name="alasan_lain"' not in body
    respondent.page("c1", 2, {"jp": "60", "alasan": ["waktu"]})  # now alasan is irrelevant
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert draft.answers["jp"] == 60 and "alasan" not in draft.answers
    body = outside_templates(respondent.get("/s/c1/p/2").get_data(as_text=True))
    assert 'name="alasan"' not in body


def test_a_skipped_section_is_shown_only_when_relevant(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    respondent.page("c1", 0, {"status": "cpns", "jabatan": "pelaksana"})
    respondent.page("c1", 1, MINI_PAGES[1])
    response = respondent.page("c1", 2, {"jp": "30"})
    assert response.location.endswith("/s/c1/p/3")
    assert respondent.page("c1", 3, {"latsar": "cpns"}).location.endswith("/s/c1/review")
    respondent.page("c1", 0, {"status": "pns", "jabatan": "pelaksana"})  # changed its mind
    [draft] = db.session.scalars(sa.select(Draft))
    db.session.refresh(draft)
    assert "latsar" not in draft.answers
    assert respondent.get("/s/c1/p/3").location.endswith("/s/c1/review")


def test_submit_is_refused_until_required_answers_are_given(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    respondent.page("c1", 0, MINI_PAGES[0])
    review = respondent.get("/s/c1/review").get_data(as_text=True)
    assert 'name="submission_key"' not in review
    [draft] = db.session.scalars(sa.select(Draft))
    response = respondent.submit("c1", key=str(draft.submission_key))
    assert response.location.endswith("/s/c1/p/1")
    assert responses() == []


def test_back_keeps_valid_answers(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    response = respondent.page("c1", 0, {"status": "pppk", "jabatan": ""}, action="back")
    assert response.location.endswith("/s/c1/")
    assert 'value="pppk" checked' in respondent.get("/s/c1/p/0").get_data(as_text=True)


def test_double_submit_stores_one_response(make_campaign, respondent):
    make_campaign()
    respondent.start("c1")
    for page, answers in enumerate(MINI_PAGES):
        respondent.page("c1", page, answers)
    key = respondent.submission_key("c1")
    first = respondent.submit("c1", key)
    second = respondent.submit("c1", key)
    assert first.location.endswith("/thanks") and second.location.endswith("/thanks")
    assert len(responses()) == 1


@pytest.mark.parametrize(
    ("settings", "status", "text"),
    [
        ({"closes_at": dt.datetime(2020, 1, 1)}, 410, "telah ditutup"),
        ({"opens_at": dt.datetime(2099, 1, 1)}, 403, "belum dibuka"),
    ],
)
def test_closed_and_not_yet_open_campaigns_get_a_clear_page(
    make_campaign, respondent, settings, status, text
):
    make_campaign(**settings)
    for url in ["/s/c1/", "/s/c1/p/0", "/s/c1/review", "/s/c1/resume"]:
        response = respondent.get(url)
        assert response.status_code == status, url
        assert text in response.get_data(as_text=True).lower()


def test_closing_a_campaign_mid_survey_keeps_nothing_half_written(
    make_campaign, respondent, runner
):
    make_campaign()
    respondent.start("c1")
    for page, answers in enumerate(MINI_PAGES):
        respondent.page("c1", page, answers)
    key = respondent.submission_key("c1")
    assert runner.invoke(args=["campaign", "close", "c1"]).exit_code == 0
    response = respondent.submit("c1", key)
    assert response.status_code == 410
    assert responses() == []


def test_unknown_campaign_gets_a_clear_404(client):
    response = client.get("/s/nope/")
    assert response.status_code == 404
    assert "Tidak ada survei" in response.get_data(as_text=True)
