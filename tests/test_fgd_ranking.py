"""The focus-group ranking as a facilitator fills it: rows for the participants present,
errors next to their row, nothing typed lost, a confirmation before finalizing, times
in WIB (issue 10, finding 11)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from survey_app.extensions import db
from survey_app.fgd.messages import error_messages
from survey_app.fgd.models import Amendment, SessionStatus
from survey_app.fgd.ranking import read_ranking
from survey_app.questionnaire import FieldError, parse_session_form

from .conftest import form_text
from .fgd_helpers import FINGERPRINT, finalize, open_session, post, stored
from .test_fgd import DETAILS, PROMPT, RANKED
from .test_session_form import COUNTED


@pytest.fixture
def fgd(make_campaign, make_user, login, app):
    return open_session(make_campaign, make_user, login, app)


ROW = re.compile(r'<fieldset class="question rank-row[^"]*" id="f-r-(P\d+)"')


def page_of(staff, session_id: int, lang: str = "id") -> str:
    return staff.get(f"/staff/fgd/{session_id}?lang={lang}").get_data(as_text=True)


def row_html(html: str, label: str) -> str:
    """The ranking row of one participant, up to the end of its fieldset."""
    match = re.search(rf'id="f-r-{label}".*?</fieldset>', html, re.S)
    assert match, f"no ranking row for {label}"
    return match.group(0)


def selected(html: str, label: str) -> list[str]:
    """The need selected at each place of a participant's row ("" for none)."""
    row = row_html(html, label)
    selects = re.findall(r"<select[^>]*>(.*?)</select>", row, re.S)
    return [(re.findall(r'<option value="([^"]*)" selected>', s) or [""])[0] for s in selects]


def test_the_ranking_has_one_row_per_participant_present(fgd):
    staff, session_id = fgd
    before = page_of(staff, session_id)
    assert ROW.findall(before) == []  # the count is not known yet: no rows to fill
    assert "Isi jumlah peserta pada rincian sesi" in before
    assert post(staff, session_id, DETAILS).status_code == 302  # three participants
    after = page_of(staff, session_id)
    assert ROW.findall(after) == ["P1", "P2", "P3"]
    assert after.count('name="ranking/') == 3 * 5
    speakers = re.search(rf'id="f-{PROMPT}-q1-s".*?</select>', after, re.S)
    assert speakers and re.findall(r"<option>(P\d+)</option>", speakers.group(0)) == [
        "P1",
        "P2",
        "P3",
    ]


def test_a_ranking_for_a_participant_not_present_is_refused_and_kept_in_view(fgd):
    staff, session_id = fgd
    response = post(staff, session_id, {**DETAILS, "ranking/P5/1": "M.3"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "P5: hanya 3 peserta yang hadir" in row_html(html, "P5")
    assert selected(html, "P5")[0] == "M.3"  # still shown as typed
    assert "P5" not in stored(session_id).record["ranking"]
    assert selected(page_of(staff, session_id), "P5")[0] == "M.3"  # and kept in the draft


def test_a_quote_by_a_speaker_not_present_is_refused_and_its_text_kept(fgd):
    staff, session_id = fgd
    data = {**DETAILS, f"{PROMPT}/quote/1/speaker": "P7", f"{PROMPT}/quote/1/text": "Kata P7."}
    response = post(staff, session_id, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "P7 tidak termasuk 3 peserta yang hadir" in html
    assert 'value="Kata P7."' in html and "<option selected>P7</option>" in html


def test_a_duplicate_is_shown_next_to_its_row_and_nothing_typed_is_lost(fgd):
    staff, session_id = fgd
    post(staff, session_id, DETAILS)
    typed = {"ranking/P1/1": "T.6", "ranking/P1/2": "T.6", "ranking/P1/3": "M.1"}
    response = post(staff, session_id, {**DETAILS, **typed, "ranking/P2/1": "M.2"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "P1: kebutuhan yang sama dipilih lebih dari sekali (pilihan 1, 2)" in row_html(
        html, "P1"
    )
    assert "kebutuhan yang sama" not in row_html(html, "P2")
    assert selected(html, "P1") == ["T.6", "T.6", "M.1", "", ""]
    assert selected(html, "P2")[0] == "M.2"
    assert '<a href="#f-r-P1">' in html  # the summary links to the row
    reloaded = page_of(staff, session_id)  # the draft kept what was typed
    assert selected(reloaded, "P1") == ["T.6", "T.6", "M.1", "", ""]
    assert stored(session_id).record["ranking"] == {"P2": [{"need": "M.2", "points": 5}]}


def test_a_detail_error_keeps_the_typed_counts(fgd):
    staff, session_id = fgd
    response = post(staff, session_id, {**DETAILS, "peserta_cpns": "1"})  # 2 + 1 + 1 != 3
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'name="peserta_cpns" value="1"', html)


def test_a_partial_ranking_is_a_draft_but_cannot_be_finalized(fgd):
    staff, session_id = fgd
    partial = {**DETAILS, **RANKED, "ranking/P2/4": "", "ranking/P2/5": ""}
    assert post(staff, session_id, partial).status_code == 302  # a draft may be partial
    assert len(stored(session_id).record["ranking"]["P2"]) == 3
    response = finalize(staff, session_id, partial)
    assert response.status_code == 422
    assert stored(session_id).status is SessionStatus.DRAFT
    html = response.get_data(as_text=True)
    assert "P2: isi pilihan 1 sampai 5 secara berurutan" in row_html(html, "P2")
    assert selected(html, "P2") == ["T.5", "M.6", "M.1", "", ""]


def test_a_gap_in_a_row_is_partial(fgd):
    staff, session_id = fgd
    gap = {**DETAILS, **RANKED, "ranking/P3/2": ""}
    response = post(staff, session_id, gap, action="finalize")
    assert response.status_code == 422
    assert "P3: isi pilihan 1 sampai 5" in row_html(response.get_data(as_text=True), "P3")


def test_finalizing_needs_the_confirmation_step(fgd):
    staff, session_id = fgd
    complete = {**DETAILS, **{k: v for k, v in RANKED.items() if not k.startswith("ranking/P3")}}
    review = post(staff, session_id, complete, action="finalize")
    assert review.status_code == 303 and review.location.endswith(f"/{session_id}/finalize")
    assert stored(session_id).status is SessionStatus.DRAFT  # nothing locked yet
    summary = staff.get(f"/staff/fgd/{session_id}/finalize").get_data(as_text=True)
    assert "Belum ada peringkat dari: P3." in summary and "Aula BKPSDM" in summary
    assert "Finalisasi dan kunci catatan" in summary
    [fingerprint] = FINGERPRINT.findall(summary)[:1]

    without = staff.post(f"/staff/fgd/{session_id}/finalize", {})
    assert without.status_code == 302 and stored(session_id).status is SessionStatus.DRAFT
    post(staff, session_id, {**complete, "tempat": "Kantor Camat"})  # changed since
    stale = staff.post(f"/staff/fgd/{session_id}/finalize", {"fingerprint": fingerprint})
    assert stale.status_code == 302 and stale.location.endswith("/finalize")
    assert stored(session_id).status is SessionStatus.DRAFT

    assert finalize(staff, session_id, complete).status_code == 302
    session = stored(session_id)
    assert session.status is SessionStatus.FINAL and "typed" not in session.record
    assert session.record["details"]["tempat"] == "Aula BKPSDM"
    assert set(session.record["ranking"]) == {"P1", "P2"}


def test_the_summary_of_an_incomplete_draft_shows_the_editor_with_its_errors(fgd):
    staff, session_id = fgd
    post(staff, session_id, {**DETAILS, "ranking/P1/1": "M.1"})
    response = staff.get(f"/staff/fgd/{session_id}/finalize")
    assert response.status_code == 422
    assert "P1: isi pilihan 1 sampai 5" in response.get_data(as_text=True)
    assert staff.post(f"/staff/fgd/{session_id}/finalize", {"fingerprint": "0" * 32}).status_code
    assert stored(session_id).status is SessionStatus.DRAFT


def test_need_checkboxes_are_visible_without_javascript(fgd):
    staff, session_id = fgd
    html = page_of(staff, session_id)
    assert "<details" not in html
    assert html.count(f'name="{PROMPT}/need"') == 19


def test_times_are_shown_in_wib(fgd, app):
    staff, session_id = fgd
    finalize(staff, session_id, {**DETAILS, **RANKED})
    session = stored(session_id)
    session.finalized_at = dt.datetime(2026, 3, 12, 3, 4)
    correction = {**DETAILS, **RANKED, "tempat": "Kantor Camat", "reason": "Salah tempat"}
    staff.get(f"/staff/fgd/{session_id}/amend")
    db.session.commit()
    assert staff.post(f"/staff/fgd/{session_id}/amend", correction).status_code == 302
    db.session.execute(sa.update(Amendment).values(at=dt.datetime(2026, 3, 12, 17, 30)))
    db.session.commit()
    indonesian = page_of(staff, session_id)
    assert "difinalisasi 12 Mar 2026, 10.04 WIB" in indonesian or (
        "difinalisasi 12 Mar 2026, 10:04 WIB" in indonesian
    )
    assert re.search(r"13 Mar 2026, 00[.:]30 WIB", indonesian)
    english = page_of(staff, session_id, lang="en")
    assert "finalized 12 Mar 2026, 10:04 WIB" in english and "UTC" not in english


@pytest.mark.parametrize(
    ("field", "value"),
    [("ranking/P13/1", "M.1"), ("ranking/P1/6", "M.1"), ("ranking/P0/1", "M.1")],
)
def test_a_ranking_field_the_form_cannot_have_is_a_tampered_post(fgd, field, value):
    staff, session_id = fgd
    assert post(staff, session_id, {**DETAILS, field: value}).status_code == 400


def test_an_amendment_with_a_duplicate_keeps_the_typed_correction(fgd):
    staff, session_id = fgd
    finalize(staff, session_id, {**DETAILS, **RANKED})
    url = f"/staff/fgd/{session_id}/amend"
    assert selected(staff.get(url).get_data(as_text=True), "P1") == [
        "M.6",
        "T.5",
        "M.1",
        "M.2",
        "M.3",
    ]
    bad = {**DETAILS, **RANKED, "ranking/P3/2": "M.1", "reason": "Urutan P3 salah"}
    response = staff.post(url, bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "P3: kebutuhan yang sama" in row_html(html, "P3")
    assert selected(html, "P3")[:2] == ["M.1", "M.1"] and "Urutan P3 salah</textarea>" in html
    assert stored(session_id).amendments == []


def test_a_points_ranking_keeps_its_points_and_needs_all_of_them_to_finalize(
    make_campaign, make_user, login, app
):
    text = form_text("fgd-karier.yaml").replace("form_id: fgd-karier", "form_id: fgd-poin")
    text = text.replace("method: rank\n  top: 5", "method: points\n  top: 3\n  points: 10")
    staff, session_id = open_session(make_campaign, make_user, login, app, form=text)
    typed = {"ranking/P1/1": "M.1", "ranking/P1/1/points": "3"}
    assert post(staff, session_id, {**DETAILS, **typed}).status_code == 302
    assert stored(session_id).record["ranking"] == {"P1": [{"need": "M.1", "points": 3}]}
    response = post(staff, session_id, {**DETAILS, **typed}, action="finalize")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "P1: baru 3 dari 10 poin yang dibagikan" in row_html(html, "P1")
    assert 'name="ranking/P1/1/points" value="3"' in row_html(html, "P1")


# --- the rules themselves, without the web: both methods -----------------------------

POINTS_FORM = COUNTED.replace("method: rank, top: 5", "method: points, top: 3, points: 10")
NEEDS = ["M.1", "M.2", "M.3", "+Coaching"]


def checked(form_text: str, typed: dict[str, str], present: int | None = 3):
    form = parse_session_form(form_text)
    raw = {name: [value] for name, value in typed.items()}
    ranking, errors = read_ranking(raw, form, NEEDS, present)
    return ranking, [(e.field, e.kind) for e in errors]


def test_points_must_add_up_to_the_total_to_be_final():
    full = {"ranking/P1/1": "M.1", "ranking/P1/1/points": "6", "ranking/P1/2": "M.3"}
    ranking, errors = checked(POINTS_FORM, {**full, "ranking/P1/2/points": "4"})
    assert errors == [] and ranking == {
        "P1": [{"need": "M.1", "points": 6}, {"need": "M.3", "points": 4}]
    }
    ranking, errors = checked(POINTS_FORM, {**full, "ranking/P1/2/points": "3"})
    assert errors == [("ranking/P1", "ranking_points_left")] and len(ranking["P1"]) == 2
    _ranking, errors = checked(POINTS_FORM, {**full, "ranking/P1/2/points": "5"})
    assert errors == [("ranking/P1", "too_many_points")]
    _ranking, errors = checked(POINTS_FORM, {"ranking/P2/3/points": "10"})
    assert errors == [("ranking/P2/3/points", "points_without_need")]


def test_rank_rows_fill_every_place_there_are_choices_for():
    ranking, errors = checked(COUNTED, {f"ranking/P1/{k}": need for k, need in enumerate(NEEDS, 1)})
    assert errors == [] and [p["points"] for p in ranking["P1"]] == [5, 4, 3, 2]  # 4 choices
    _ranking, errors = checked(COUNTED, {"ranking/P2/1": "M.1", "ranking/P2/3": "M.2"})
    assert errors == [("ranking/P2", "ranking_partial")]


def test_rows_follow_the_participants_present():
    _ranking, errors = checked(COUNTED, {"ranking/P4/1": "M.1"}, present=3)
    assert errors == [("ranking/P4", "ranking_absent")]
    _ranking, errors = checked(COUNTED, {"ranking/P4/1": "M.1"}, present=None)
    assert errors == [("ranking/P4", "ranking_partial")]  # count unknown: not refused
    _ranking, errors = checked(COUNTED, {"ranking/P1/1": "X.9"})
    assert errors == [("ranking/P1/1", "invalid_choice")]


def test_participant_messages_are_indonesian_and_english(app):
    form = parse_session_form(COUNTED)
    error = FieldError(
        "ranking", "ranking/P2", "ranking_repeat", {"participant": "P2", "places": "1, 3"}
    )
    for lang, text in [("id", "P2: kebutuhan yang sama dipilih"), ("en", "P2: the same need")]:
        with app.test_request_context(), force_locale(lang):
            assert error_messages([error], form, lang)["ranking/P2"].startswith(text)
