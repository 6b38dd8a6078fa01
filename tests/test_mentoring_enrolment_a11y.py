"""axe-core in Chromium, without JavaScript, on a phone-sized screen: the enrolment
pages (with errors, thanks, closed) and the coordinator's round pages; and the whole
enrolment done in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from survey_app.clock import local_today
from survey_app.extensions import db
from survey_app.mentoring.models import Participant

from .browser_helpers import submit
from .mentoring_round_helpers import make_round
from .test_accessibility import PHONE, SQLITE_ONLY, STAFF, Audit, log_in, no_scripts

__all__ = ["make_round"]
pytestmark = pytest.mark.slow


@SQLITE_ONLY
def test_the_enrolment_pages_in_a_browser_without_javascript(make_round, live_url, browser):
    make_round()
    past = local_today() - dt.timedelta(days=60)
    make_round(
        "old",
        enrol_opens_on=past,
        enrol_closes_on=past + dt.timedelta(days=5),
        starts_on=past + dt.timedelta(days=6),
        ends_on=past + dt.timedelta(days=50),
    )
    page = no_scripts(browser, viewport=PHONE)
    audit = Audit(page)
    page.goto(f"{live_url}/m/r1?lang=en")
    audit("enrolment")
    submit(page.locator("form button.primary"))
    assert page.locator(".error-summary li").count() >= 5
    audit("enrolment with errors")
    page.check("#consent")
    page.check("label:has-text('Mentee')")
    page.fill("#name", "Putri Siregar")
    page.fill("#contact", "putri@pemkomedan.go.id")
    page.select_option("#opd", "BKPSDM")
    page.check("label:has-text('Executive')")
    page.check("label:has-text('III')")
    page.check("label:has-text('5 years or less')")
    page.check("label:has-text('M.1')")
    page.check("label:has-text('Monday morning')")
    submit(page.locator("form button.primary"))
    assert page.url.endswith("/m/r1/thanks"), page.url
    audit("thanks")
    page.goto(f"{live_url}/m/old")
    audit("closed")
    audit.assert_clean("enrolment", "enrolment with errors", "thanks", "closed")
    [stored] = db.session.scalars(sa.select(Participant)).all()
    assert stored.name == "Putri Siregar" and stored.availability == ["mon_am"]


@SQLITE_ONLY
def test_the_round_pages(make_round, make_user, live_url, browser):
    from .mentoring_round_helpers import person

    person(make_round(), "Putri Siregar")
    db.session.commit()
    make_user(STAFF, "coordinator")
    page = browser.new_page(viewport=PHONE)
    audit = Audit(page)
    log_in(page, live_url, audit)
    for path in ("/staff/mentoring/", "/staff/mentoring/new", "/staff/mentoring/r1"):
        page.goto(live_url + path)
        assert page.url.endswith(path), page.url
        audit(path)
    submit(page.locator("form[action$='/link'] button"))
    assert "/m/p/" in page.locator("#issued-link code").inner_text()
    audit("link issued")
    audit.assert_clean("/staff/mentoring/r1", "link issued")
