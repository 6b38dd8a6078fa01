"""The admin console for questionnaires and campaigns, as an admin sees and uses it."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.campaigns.models import Access, Campaign, Invitation
from survey_app.clock import local_today, utcnow
from survey_app.codes import code_hash
from survey_app.extensions import db
from survey_app.versions.models import Questionnaire, QuestionnaireVersion
from survey_app.versions.service import load_text

from .conftest import form_text
from .respondent import Respondent, complete_mini

MINI = form_text("mini.yaml")
QUESTIONNAIRES = "/staff/admin/questionnaires"
CAMPAIGNS = "/staff/admin/campaigns"


@pytest.fixture
def admin(make_user, login, client):
    """A logged-in admin who reads the pages in English (``?lang=en`` is remembered)."""
    make_user("a@x.id", "admin")
    staff = login(client, "a@x.id")
    staff.get(f"{CAMPAIGNS}?lang=en")
    return staff


@pytest.fixture
def mini_loaded(app):
    version = load_text(MINI, "mini.yaml").version
    db.session.commit()
    return version


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def upload(staff: Respondent, data: bytes, name: str = "mini.yaml"):
    return staff.post(QUESTIONNAIRES, {"file": (io.BytesIO(data), name)})


def stored_versions() -> list[tuple[int, str]]:
    query = sa.select(QuestionnaireVersion.number, QuestionnaireVersion.label)
    return sorted(tuple(row) for row in db.session.execute(query))


def audit_actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def campaign(slug: str = "c1") -> Campaign:
    db.session.expire_all()
    found = db.session.scalar(sa.select(Campaign).where(Campaign.slug == slug))
    assert found is not None
    return found


# Questionnaires ------------------------------------------------------------------------


def test_a_valid_upload_becomes_a_listed_version_and_is_audited(admin):
    response = upload(admin, MINI.encode())
    assert response.status_code == 302
    page = text(admin.get(response.location))
    assert "Loaded mini as version 1 (1)." in page
    version = db.session.scalar(sa.select(QuestionnaireVersion))
    assert version.content_hash[:12] in page and "mini.yaml" in page
    assert f"/staff/admin/questionnaires/versions/{version.id}/preview" in page
    assert audit_actions()[-1] == "questionnaire.load"

    again = admin.get(upload(admin, ("# a comment\n" + MINI).encode()).location)
    assert "Nothing new: mini version 1 (1) has this content." in text(again)
    assert stored_versions() == [(1, "1")]
    assert audit_actions().count("questionnaire.load") == 1


def test_validation_errors_are_shown_like_the_cli_and_nothing_is_stored(admin):
    broken = MINI.replace("type: likert,", "type: likertz,")
    response = upload(admin, broken.encode(), "tna-draft.yaml")
    assert response.status_code == 422
    page = text(response)
    assert "The file was not loaded; nothing was stored." in page
    where = "tna-draft.yaml:42:28: section 2 'kompetensi', question 3 'puas'"
    assert f"{where}: unknown question type 'likertz'" in page
    assert stored_versions() == []
    assert "questionnaire.load" not in audit_actions()


def test_an_incompatible_version_is_refused_with_its_reasons(admin, mini_loaded):
    changed = MINI.replace("type: decimal,", "type: integer,").replace(
        'version: "1"', 'version: "2"'
    )
    response = upload(admin, changed.encode())
    assert response.status_code == 422
    conflict = "mini.yaml:55:29: conflicts with version 1 ('1') of mini: question 'nilai' was"
    assert conflict in text(response)
    assert stored_versions() == [(1, "1")]


def test_a_file_that_is_not_utf8_gets_a_clear_message(admin):
    response = upload(admin, MINI.replace("Survei Mini", "Survéi").encode("latin-1"), "x.yaml")
    assert response.status_code == 422
    assert "x.yaml:1:1: the file is not UTF-8 text" in text(response)
    assert stored_versions() == []


def test_an_upload_needs_a_file_and_a_small_one(admin, app):
    assert "Choose a YAML file to upload." in text(admin.post(QUESTIONNAIRES, {}))
    too_big = b"#" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    assert upload(admin, too_big).status_code == 413
    assert stored_versions() == []


def test_the_preview_shows_a_section_as_respondents_see_it(admin, mini_loaded):
    url = f"{QUESTIONNAIRES}/versions/{mini_loaded.id}/preview"
    page = text(admin.get(f"{url}?page=1&lang=en"))
    assert "Preview — answers are not saved." in page
    assert "Part 2 of 4" in page and "<h1>Competencies</h1>" in page
    assert "Integrity" in page and "How important is this for your work?" in page
    assert 'name="integritas/importance"' in page and 'name="puas"' in page
    assert "Continue" not in page and "/s/" not in page  # nothing to send, nowhere to send it
    assert f'href="{url}?page=0"' in page and f'href="{url}?page=2"' in page
    assert "<h1>Kompetensi</h1>" in text(admin.get(f"{url}?page=1&lang=id"))


def test_the_preview_shows_when_a_part_is_skipped(admin, mini_loaded):
    url = f"{QUESTIONNAIRES}/versions/{mini_loaded.id}/preview?page=3&lang=en"
    page = text(admin.get(url))
    assert "This part is shown only when: <code>${status} = 'cpns'</code>" in page
    assert "Next part" not in page and "Previous part" in page


@pytest.mark.parametrize("query", ["?page=4", "?page=-1"])
def test_the_preview_of_a_missing_page_or_version_is_404(admin, mini_loaded, query):
    versions = f"{QUESTIONNAIRES}/versions"
    assert admin.get(f"{versions}/{mini_loaded.id}/preview{query}").status_code == 404
    assert admin.get(f"{versions}/{mini_loaded.id + 1}/preview").status_code == 404


# Campaigns -----------------------------------------------------------------------------

NEW_CAMPAIGN = {
    "form_id": "mini",
    "slug": "gelombang-1",
    "title": "AKPK 2026",
    "opens_at": "2030-01-01T08:00",
    "closes_at": "2030-02-01T17:00",
    "access": "token",
    "population": "13000",
    "min_cell_size": "5",
}


def test_creating_a_campaign_stores_local_times_as_utc(admin, mini_loaded):
    admin.get(CAMPAIGNS)
    response = admin.post(CAMPAIGNS, NEW_CAMPAIGN)
    assert response.status_code == 302
    assert response.location == "/staff/admin/campaigns/gelombang-1"
    created = campaign("gelombang-1")
    assert created.opens_at == dt.datetime(2030, 1, 1, 1, 0)  # 08:00 WIB is 01:00 UTC
    assert created.closes_at == dt.datetime(2030, 2, 1, 10, 0)
    assert (created.access, created.population, created.version_id) == (
        Access.TOKEN,
        13000,
        mini_loaded.id,
    )
    page = text(admin.get(response.location))
    assert "Campaign gelombang-1 created." in page and "not open yet" in page
    assert "2030-01-01 08:00" in page and "http://localhost/s/gelombang-1/" in page
    assert audit_actions()[-1] == "campaign.create"
    listing = text(admin.get(CAMPAIGNS))
    assert "gelombang-1" in listing and "mini v1" in listing and "13000" in listing


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "Gelombang 1"}, "Use 2 to 63 lower-case letters, digits and dashes"),
        ({"slug": "c1"}, "A campaign with the short name c1 already exists."),
        ({"closes_at": "2030-01-01T07:00"}, "The closing time must be after the opening time."),
        ({"opens_at": "tomorrow"}, "Not a valid datetime value."),
        ({"population": "0"}, "Number must be at least 1."),
        ({"min_cell_size": "2"}, "Enter 3 or more."),
        ({"form_id": "nope"}, "Not a valid choice."),
        ({"access": "public"}, "Not a valid choice."),
    ],
)
def test_a_refused_campaign_says_why_and_stores_nothing(admin, make_campaign, change, message):
    make_campaign(slug="c1")
    admin.get(CAMPAIGNS)
    response = admin.post(CAMPAIGNS, {**NEW_CAMPAIGN, **change})
    assert response.status_code == 422
    assert message in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 1
    assert "campaign.create" not in audit_actions()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "c1"}, "Kampanye dengan nama pendek c1 sudah ada."),
        ({"min_cell_size": "2"}, "Isi 3 atau lebih."),
    ],
)
def test_campaign_errors_read_in_indonesian(admin, make_campaign, change, message):
    make_campaign(slug="c1")
    admin.get(f"{CAMPAIGNS}?lang=id")
    response = admin.post(CAMPAIGNS, {**NEW_CAMPAIGN, **change})
    assert response.status_code == 422 and message in text(response)


def test_without_a_questionnaire_the_page_says_to_load_one(admin):
    assert "Load a questionnaire first:" in text(admin.get(CAMPAIGNS))


def test_close_and_open_again(admin, make_campaign, app):
    make_campaign(slug="c1")
    detail = f"{CAMPAIGNS}/c1"
    admin.get(detail)
    assert admin.post(f"{detail}/close").location == detail
    assert "Campaign c1 is closed" in text(admin.get(detail))
    assert campaign().closed_at is not None
    assert app.test_client().get("/s/c1/").status_code == 410

    assert admin.post(f"{detail}/open").location == detail
    assert "Campaign c1 is open" in text(admin.get(detail))
    assert campaign().closed_at is None
    assert app.test_client().get("/s/c1/").status_code == 200
    assert audit_actions()[-2:] == ["campaign.close", "campaign.reopen"]


def test_open_now_moves_a_future_opening_to_now(admin, make_campaign, app):
    make_campaign(slug="c1", opens_at=utcnow() + dt.timedelta(days=3))
    assert app.test_client().get("/s/c1/").status_code == 403
    admin.get(f"{CAMPAIGNS}/c1")
    admin.post(f"{CAMPAIGNS}/c1/open")
    assert campaign().opens_at <= utcnow()
    assert app.test_client().get("/s/c1/").status_code == 200


def test_responses_per_day_and_response_rate(admin, make_campaign, app):
    make_campaign(slug="c1", population=4)
    for _ in range(2):
        assert complete_mini(Respondent(app.test_client()), "c1").status_code == 302
    page = text(admin.get(f"{CAMPAIGNS}/c1"))
    today = local_today().isoformat()
    assert f'<td><time datetime="{today}">{today}</time></td>\n        <td>2</td>' in page
    assert "2 responses." in page and "Population: 4; response rate: 50.0%." in page
    assert '<meter class="bar" min="0" max="1" value="1.000"' in page
    listing = text(admin.get(CAMPAIGNS))
    assert "<td>2</td>" in listing and "<td>50.0%</td>" in listing
    assert 'href="/staff/analysis/c1/exports"' in page  # admins may download too
    assert admin.get("/staff/analysis/c1/exports").status_code == 200


def test_a_campaign_without_responses_or_population(admin, make_campaign):
    make_campaign(slug="c1")
    page = text(admin.get(f"{CAMPAIGNS}/c1"))
    assert "0 responses." in page and "Without a population there is no response rate." in page
    assert "Responses per day" not in page
    assert "this campaign uses no invitation codes" in page


def test_invitation_codes_download_as_csv_and_only_hashes_stay(admin, make_campaign):
    make_campaign(slug="c1", access=Access.TOKEN)
    page = text(admin.get(f"{CAMPAIGNS}/c1"))
    assert "only their hashes are stored" in page
    response = admin.post(f"{CAMPAIGNS}/c1/invitations", {"count": "3", "output": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["code", "link"] and len(rows) == 4
    for code, link in rows[1:]:
        assert link == f"http://localhost/s/c1/?code={code}"
    stored = set(db.session.scalars(sa.select(Invitation.code_hash)))
    assert stored == {code_hash(code) for code, _ in rows[1:]}
    event = db.session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert (event.action, event.details) == ("campaign.invitations", {"count": 3})


def test_a_printable_sheet_holds_one_card_per_fresh_code(admin, make_campaign):
    make_campaign(slug="c1", access=Access.TOKEN, title="AKPK 2026")
    admin.get(f"{CAMPAIGNS}/c1")
    response = admin.post(f"{CAMPAIGNS}/c1/invitations", {"count": "2", "output": "print"})
    page = text(response)
    assert response.status_code == 200 and "invitation_cards.css" in page
    assert page.count('class="card"') == 2 and page.count("AKPK 2026") >= 2
    assert "http://localhost/s/c1/" in page
    hashes = set(db.session.scalars(sa.select(Invitation.code_hash)))
    shown = {code for code in page.split('<span class="code">')[1:]}
    assert {code_hash(code.split("<")[0]) for code in shown} == hashes and len(hashes) == 2


@pytest.mark.parametrize(
    ("access", "count", "message"),
    [
        (Access.TOKEN, "0", "Number must be between 1 and 10000."),
        (Access.TOKEN, "10001", "Number must be between 1 and 10000."),
        (Access.OPEN, "5", "campaign 'c1' is open to all; it takes no invitations"),
    ],
)
def test_refused_invitations_say_why(admin, make_campaign, access, count, message):
    make_campaign(slug="c1", access=access)
    admin.get(f"{CAMPAIGNS}/c1")
    response = admin.post(f"{CAMPAIGNS}/c1/invitations", {"count": count, "output": "csv"})
    assert response.status_code == 422 and message in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_campaign_titles_are_escaped_everywhere(admin, make_campaign):
    make_campaign(slug="c1", access=Access.TOKEN, title="<script>alert(1)</script>")
    admin.get(f"{CAMPAIGNS}/c1")
    sheet = admin.post(f"{CAMPAIGNS}/c1/invitations", {"count": "1", "output": "print"})
    for response in (admin.get(CAMPAIGNS), admin.get(f"{CAMPAIGNS}/c1"), sheet):
        body = response.get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>" not in body


def test_the_menu_offers_the_new_pages_to_admins_only(admin, make_user, login, app):
    home = text(admin.get("/staff/"))
    assert 'href="/staff/admin/questionnaires"' in home and 'href="/staff/admin/campaigns"' in home
    make_user("d@x.id", "drafter")
    drafter = login(app.test_client(), "d@x.id")
    assert "/staff/admin/campaigns" not in text(drafter.get("/staff/"))


def test_a_focus_group_form_is_listed_but_not_previewed_or_pinned(admin, app):
    load_text(form_text("tna-asn.yaml"), "tna-asn.yaml")
    db.session.commit()
    response = upload(admin, form_text("fgd-karier.yaml").encode(), "fgd-karier.yaml")
    assert response.status_code == 302
    page = text(admin.get(QUESTIONNAIRES))
    assert 'fgd-karier <span class="muted">(focus-group form)</span>' in page
    session_form = db.session.scalar(
        sa.select(QuestionnaireVersion).where(QuestionnaireVersion.source_name == "fgd-karier.yaml")
    )
    preview = f"{QUESTIONNAIRES}/versions/{session_form.id}/preview"
    assert preview not in page and admin.get(preview).status_code == 404
    choices = text(admin.get(CAMPAIGNS))
    assert '<option value="tna-asn">' in choices and 'value="fgd-karier"' not in choices


def test_a_refused_upload_leaves_no_questionnaire_behind(admin):
    response = upload(admin, form_text("fgd-karier.yaml").encode(), "fgd-karier.yaml")
    assert response.status_code == 422
    assert "fgd-karier.yaml:" in text(response)
    assert ": survey_form 'tna-asn' is not a loaded survey" in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Questionnaire)) == 0
