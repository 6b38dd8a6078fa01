"""Resume codes are single-session and land where the respondent stopped; drafts are
capped per address (issue 10, defect 8; issue 9, "resume where the respondent left off")."""

from __future__ import annotations

import re

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.respond.models import Draft

from .respondent import MINI_PAGES, Respondent

CODE = re.compile(r'class="code-display"[^>]*>\s*<strong>([^<]+)</strong>')


def save(person: Respondent, page: int) -> str:
    """Answer ``page`` with the mini form's answers and save for later; the resume code."""
    body = person.page("c1", page, MINI_PAGES[page], action="save").get_data(as_text=True)
    return CODE.search(body).group(1)


def resume(app, code: str, lang: str = "id") -> tuple[Respondent, object]:
    """A new device enters ``code``; (that device, the answer to the POST)."""
    device = Respondent(app.test_client())
    device.get(f"/s/c1/resume?lang={lang}")
    return device, device.post("/s/c1/resume", {"code": code})


def drafts() -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(Draft)) or 0)


def test_a_resume_code_works_once_and_the_saving_browser_lets_go(make_campaign, app):
    make_campaign()
    phone = Respondent(app.test_client())
    phone.start("c1")
    code = save(phone, 0)

    laptop, first = resume(app, code)
    assert first.status_code == 302
    _tablet, second = resume(app, code)  # the same code, in a second browser
    assert second.status_code == 422
    assert "tidak berlaku" in second.get_data(as_text=True)
    assert phone.client.get("/s/c1/p/0").location.endswith("/s/c1/")  # the draft moved on
    assert laptop.client.get("/s/c1/p/0").status_code == 200
    assert drafts() == 1


def test_the_resuming_browser_can_save_again_with_a_new_code(make_campaign, app):
    make_campaign()
    phone = Respondent(app.test_client())
    phone.start("c1")
    first_code = save(phone, 0)
    laptop, _ = resume(app, first_code)
    second_code = save(laptop, 1)
    assert second_code != first_code
    assert resume(app, first_code)[1].status_code == 422
    desktop, landed = resume(app, second_code)
    assert landed.location.endswith("/s/c1/p/1")
    desktop.page("c1", 2, MINI_PAGES[2])
    assert desktop.submit("c1").location.endswith("/thanks")
    assert drafts() == 0


def test_a_resume_code_lands_on_the_saved_page_with_a_welcome(make_campaign, app):
    make_campaign()
    phone = Respondent(app.test_client())
    phone.start("c1")
    phone.page("c1", 0, MINI_PAGES[0])
    code = save(phone, 1)
    laptop, landed = resume(app, code)
    assert landed.location.endswith("/s/c1/p/1")
    page = laptop.client.get(landed.location).get_data(as_text=True)
    assert "Selamat datang kembali" in page
    assert "Selamat datang kembali" not in laptop.client.get("/s/c1/p/1").get_data(as_text=True)


def test_the_welcome_is_in_english_too(make_campaign, app):
    make_campaign()
    phone = Respondent(app.test_client())
    phone.start("c1")
    code = save(phone, 0)
    laptop, landed = resume(app, code, lang="en")
    assert "Welcome back" in laptop.client.get(landed.location).get_data(as_text=True)


def test_a_draft_saved_before_pages_were_stored_lands_on_the_first_page_to_answer(
    make_campaign, app
):
    make_campaign()
    phone = Respondent(app.test_client())
    phone.start("c1")
    phone.page("c1", 0, MINI_PAGES[0])
    phone.page("c1", 1, MINI_PAGES[1])
    code = save(phone, 0)
    db.session.execute(sa.update(Draft).values(saved_page=None))  # as an older draft
    db.session.commit()
    assert resume(app, code)[1].location.endswith("/s/c1/p/2")


def test_new_drafts_are_capped_per_address(make_campaign, app):
    app.config["SURVEY_APP_DRAFT_LIMIT"] = 3
    make_campaign()
    statuses = []
    for _ in range(5):
        person = Respondent(app.test_client())  # a fresh cookie each time
        person.get("/s/c1/")
        statuses.append(person.post("/s/c1/start"))
    assert [r.status_code for r in statuses] == [302, 302, 302, 429, 429]
    refused = statuses[-1]
    assert refused.headers["Retry-After"] == "600"
    assert "Banyak survei baru saja dimulai" in refused.get_data(as_text=True)
    assert drafts() == 3
    elsewhere = Respondent(app.test_client())
    elsewhere.client.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    assert elsewhere.start("c1").status_code == 302


def test_the_draft_cap_page_in_english(make_campaign, app):
    app.config["SURVEY_APP_DRAFT_LIMIT"] = 0
    make_campaign()
    person = Respondent(app.test_client())
    person.get("/s/c1/?lang=en")
    refused = person.post("/s/c1/start")
    assert refused.status_code == 429
    assert "started from your network" in refused.get_data(as_text=True)
    assert drafts() == 0


def test_a_replayed_cookie_cannot_make_drafts_without_end(make_campaign, app):
    """The signed cookie of a fresh visit, sent again and again (1,000 drafts in 25 s)."""
    app.config["SURVEY_APP_DRAFT_LIMIT"] = 5
    make_campaign()
    person = Respondent(app.test_client())
    person.get("/s/c1/")
    cookie = person.client.get_cookie("session").value
    statuses = []
    for _ in range(8):
        person.client.set_cookie("session", cookie)
        statuses.append(person.post("/s/c1/start").status_code)
    assert statuses == [302] * 5 + [429] * 3
    assert drafts() == 5
