"""Focus-group sessions: record, finalize, amend, and read as a drafter."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.fgd.models import Amendment, SessionStatus

from .fgd_helpers import finalize, open_session, post, stored

DETAILS: dict[str, Any] = {
    "tanggal": "2026-03-12",
    "bentuk_sesi": "luring",
    "tempat": "Aula BKPSDM",
    "klaster_opd": ["kewilayahan"],
    "peran_pencatat": "notulis_bkpsdm",
    "jumlah_peserta": "3",
    "peserta_manajerial": "1",
    "peserta_fungsional": "1",
    "peserta_pelaksana": "1",
    "peserta_pns": "2",
    "peserta_pppk": "1",
    "peserta_cpns": "0",
}
PROMPT = "kebutuhan_kompetensi"
#: A complete ranking of five for each of the three participants present.
RANKED = {
    f"ranking/{label}/{k}": need
    for label, needs in {
        "P1": ["M.6", "T.5", "M.1", "M.2", "M.3"],
        "P2": ["T.5", "M.6", "M.1", "M.2", "M.3"],
        "P3": ["M.1", "M.2", "M.3", "M.6", "T.5"],
    }.items()
    for k, need in enumerate(needs, 1)
}


@pytest.fixture
def fgd(make_campaign, make_user, login, app):
    """A campaign, the FGD form, a logged-in facilitator and one draft session."""
    return open_session(make_campaign, make_user, login, app)


def test_a_draft_keeps_notes_quotes_and_tagged_needs(fgd):
    staff, session_id = fgd
    response = post(
        staff,
        session_id,
        {
            **DETAILS,
            f"{PROMPT}/notes": "Banyak yang butuh pelatihan SPBE.",
            f"{PROMPT}/quote/1/speaker": "P2",
            f"{PROMPT}/quote/1/text": "Kami belajar sendiri dari YouTube.",
            f"{PROMPT}/need": ["T.5", "M.3"],
            f"{PROMPT}/new_need/1": "Bahasa Inggris",
        },
    )
    assert response.status_code == 302
    record = stored(session_id).record
    prompt = record["prompts"][PROMPT]
    assert prompt["quotes"] == [{"speaker": "P2", "text": "Kami belajar sendiri dari YouTube."}]
    assert prompt["needs"] == ["M.3", "T.5"] and prompt["new_needs"] == ["Bahasa Inggris"]
    assert record["details"]["jumlah_peserta"] == 3
    page = staff.get(f"/staff/fgd/{session_id}").get_data(as_text=True)
    assert 'value="+Bahasa Inggris"' in page  # tagged needs become ranking choices


def test_ranking_gives_the_top_pick_the_most_points(fgd):
    staff, session_id = fgd
    data = {
        **DETAILS,
        f"{PROMPT}/new_need/1": "Bahasa Inggris",
        "ranking/P1/1": "+Bahasa Inggris",
        "ranking/P1/2": "T.5",
        "ranking/P2/1": "T.5",
    }
    post(staff, session_id, data)
    post(staff, session_id, data)  # the new need is a choice once saved
    ranking = stored(session_id).record["ranking"]
    assert ranking["P1"] == [{"need": "+Bahasa Inggris", "points": 5}, {"need": "T.5", "points": 4}]
    assert ranking["P2"] == [{"need": "T.5", "points": 5}]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (f"{PROMPT}/quote/1/speaker", "Pak Budi", "Pilih siapa"),
        ("ranking/P1/1", "X.99", "Mohon pilih salah satu"),
        ("peserta_cpns", "1", "Jumlah"),
    ],
)
def test_bad_entries_are_shown_next_to_their_field(fgd, field, value, message):
    staff, session_id = fgd
    data = {**DETAILS, f"{PROMPT}/quote/1/text": "Setuju.", field: value}
    response = post(staff, session_id, data)
    assert response.status_code == 422
    assert message.lower() in response.get_data(as_text=True).lower()


def test_a_tampered_post_is_refused(fgd):
    staff, session_id = fgd
    assert post(staff, session_id, {**DETAILS, "facilitator_id": "9"}).status_code == 400


def test_finalize_needs_the_required_details_then_locks(fgd):
    staff, session_id = fgd
    missing = post(staff, session_id, {"tanggal": "2026-03-12"}, action="finalize")
    assert missing.status_code == 422 and stored(session_id).status is SessionStatus.DRAFT
    done = finalize(staff, session_id, DETAILS)
    assert done.status_code == 302 and stored(session_id).status is SessionStatus.FINAL
    again = post(staff, session_id, {**DETAILS, "tempat": "Lain"})
    assert again.status_code == 302
    assert stored(session_id).record["details"]["tempat"] == "Aula BKPSDM"  # locked


def test_an_amendment_keeps_the_original_and_says_who_changed_what(fgd):
    staff, session_id = fgd
    finalize(staff, session_id, DETAILS)
    url = f"/staff/fgd/{session_id}/amend"
    staff.get(url)
    no_reason = staff.post(url, {**DETAILS, "tempat": "Kantor Camat"})
    assert no_reason.status_code == 422
    staff.get(url)
    done = staff.post(url, {**DETAILS, "tempat": "Kantor Camat", "reason": "Salah tulis tempat"})
    assert done.status_code == 302
    session = stored(session_id)
    assert session.record["details"]["tempat"] == "Aula BKPSDM"
    assert session.current_record["details"]["tempat"] == "Kantor Camat"
    [amendment] = db.session.scalars(sa.select(Amendment))
    assert amendment.changed == ["details.tempat"] and amendment.author.email == "f1@medan.go.id"
    page = staff.get(f"/staff/fgd/{session_id}").get_data(as_text=True)
    assert "Kantor Camat" in page and "Salah tulis tempat" in page


def test_drafters_read_finalized_sessions_merged_but_never_drafts(fgd, make_user, login, app):
    staff, session_id = fgd
    quote = "<script>alert('x')</script> & kami butuh coaching"
    post(
        staff,
        session_id,
        {
            **DETAILS,
            f"{PROMPT}/need": ["M.6"],
            f"{PROMPT}/quote/1/speaker": "P1",
            f"{PROMPT}/quote/1/text": quote,
            "ranking/P1/1": "M.6",
        },
    )
    make_user("d@medan.go.id", "drafter")
    drafter = login(app.test_client(), "d@medan.go.id")
    assert drafter.get(f"/staff/fgd/{session_id}").status_code == 404  # still a draft
    finalize(
        staff,
        session_id,
        {
            **DETAILS,
            f"{PROMPT}/need": ["M.6"],
            f"{PROMPT}/quote/1/speaker": "P1",
            f"{PROMPT}/quote/1/text": quote,
            **{k: v for k, v in RANKED.items() if k.startswith("ranking/P1/")},
        },
    )
    page = drafter.get(f"/staff/fgd/{session_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in page and "<script>alert" not in page
    merged = drafter.get("/staff/fgd/campaigns/akpk").get_data(as_text=True)
    assert "M.6" in merged and "<td>1</td><td>5</td><td>1</td>" in merged.replace("\n", "").replace(
        " ", ""
    )


def test_other_facilitators_and_admins_cannot_open_a_session(fgd, make_user, login, app):
    _staff, session_id = fgd
    make_user("f2@medan.go.id", "facilitator")
    make_user("a@medan.go.id", "admin")
    assert (
        login(app.test_client(), "f2@medan.go.id").get(f"/staff/fgd/{session_id}").status_code
        == 404
    )
    assert (
        login(app.test_client(), "a@medan.go.id").get(f"/staff/fgd/{session_id}").status_code == 403
    )
