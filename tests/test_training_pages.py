"""The training pages in a real browser (axe-core, on a phone, scripts off) and in
Indonesian without internal codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask_babel import force_locale

from survey_app.extensions import db
from survey_app.training.service import ActivityInput, create_activity

from .browser_helpers import submit
from .test_accessibility import PHONE, SQLITE_ONLY, STAFF, Audit, log_in, no_scripts

pytestmark = pytest.mark.slow


def an_activity() -> None:
    """An activity of the seeded campaign, saved as the command line would."""
    entry = ActivityInput(
        title="Pelatihan integritas",
        provider="BPSDM Sumut",
        form="sosial_kultural",
        codes=("M.1", "M.2"),
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 3, 3),
        jp=24,
        participants=30,
        campaign="akpk",
    )
    with force_locale("id"):
        create_activity(entry)
    db.session.commit()


@SQLITE_ONLY
def test_the_training_pages_pass_axe_without_scripts(seed_survey, make_user, live_url, browser):
    seed_survey(30, min_cell_size=3)
    an_activity()
    make_user(STAFF, "evaluator")
    page = no_scripts(browser, viewport=PHONE)
    audit = Audit(page)
    log_in(page, live_url, audit)
    for path in ("/staff/training/", "/staff/training/new", "/staff/training/coverage/akpk"):
        page.goto(live_url + path)
        assert page.url.endswith(path), page.url
        audit(path)
    page.goto(f"{live_url}/staff/training/new")
    page.fill("#title", "Bimtek")
    submit(page.locator("form button.primary"))
    assert page.locator(".error-message").count() >= 3
    audit("form with errors")
    audit.assert_clean("/staff/training/", "/staff/training/coverage/akpk", "form with errors")


def test_the_indonesian_pages_show_no_internal_codes(seed_survey, make_user, login, app):
    seed_survey(30, min_cell_size=3)
    an_activity()
    make_user("e@medan.go.id", "evaluator")
    staff = login(app.test_client(), "e@medan.go.id")
    for path in ("/staff/training/", "/staff/training/coverage/akpk", "/staff/training/new"):
        page = staff.get(path + "?lang=id").get_data(as_text=True)
        main = page[page.index("<main") : page.index("</main>")]
        text = re.sub(r"<[^>]+>", " ", main)
        assert not re.search(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text), path
        assert "Pelatihan" in text
    listing = staff.get("/staff/training/").get_data(as_text=True)
    assert "Nonklasikal" not in listing and "Klasikal: Pelatihan sosial kultural" in listing
