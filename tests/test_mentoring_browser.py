"""A real browser with JavaScript off: enrol -> match -> accept -> log a session through
the personal link -> JP statement, against the app under gunicorn, on both backends.

The personal links are issued through the service in the test (``issue_token``), as the
coordinator's page would: the token is shown once and sent by the coordinator.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from survey_app.clock import local_today
from survey_app.extensions import db
from survey_app.mentoring.models import Participant, SessionLog
from survey_app.mentoring.tokens import issue_token

from .browser_helpers import submit
from .conftest import STAFF_PASSWORD
from .mentoring_pairs_helpers import COORDINATOR, make_round

pytestmark = pytest.mark.slow


def enrol(page, url: str, role: str, name: str, grade: str, service: str) -> None:
    page.goto(f"{url}/m/r1?lang=en")
    page.locator("input[name=consent]").check()
    page.locator(f"input[name=role][value={role}]").check()
    page.locator("input[name=name]").fill(name)
    page.locator("input[name=contact]").fill(f"{name.split()[0].lower()}@example.id")
    page.locator("select[name=opd]").select_option(index=1)
    page.locator("input[name=position_type]").first.check()
    page.locator(f"input[name=grade_band][value='{grade}']").check()
    page.locator(f"input[name=service_band][value='{service}']").check()
    page.locator("input[name=competencies]").first.check()
    page.locator("input[name=availability]").first.check()
    submit(page.get_by_role("button", name="Enrol"))
    assert page.locator(".error-summary").count() == 0, page.content()


def test_enrol_match_accept_log_and_see_the_jp(make_campaign, make_user, app, live_server, browser):
    make_campaign(form="tna-asn.yaml", slug="needs")  # the competency codes to choose from
    today = local_today()
    make_round(
        enrol_opens_on=today - dt.timedelta(days=10),
        enrol_closes_on=today + dt.timedelta(days=10),
        starts_on=today - dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=90),
    )
    make_user(COORDINATOR, "coordinator")
    db.session.commit()
    page = browser.new_page(java_script_enabled=False)
    enrol(page, live_server.url, "mentor", "Budi Santoso", "IV", "16-25")
    enrol(page, live_server.url, "mentee", "Ani Lestari", "III", "0-5")

    staff = browser.new_page(java_script_enabled=False)
    staff.goto(f"{live_server.url}/staff/login?lang=en")
    staff.locator("input[name=email]").fill(COORDINATOR)
    staff.locator("input[name=password]").fill(STAFF_PASSWORD)
    submit(staff.locator("form button[type=submit]"))
    staff.goto(f"{live_server.url}/staff/mentoring/r1/pairs")
    submit(staff.get_by_role("button", name="Run the matching"))
    assert staff.locator("tr.suggested-pair").count() == 1
    assert "Competency fit" in staff.locator("tr.suggested-pair").inner_text()
    submit(staff.get_by_role("button", name="Accept all suggested pairs"))
    assert staff.locator("tr.accepted-pair").count() == 1

    db.session.expire_all()
    mentee = db.session.scalar(sa.select(Participant).filter_by(name="Ani Lestari"))
    token = issue_token(mentee)
    db.session.commit()
    page.goto(f"{live_server.url}/m/p/{token}?lang=en")
    assert "Budi Santoso" in page.locator("main").inner_text()
    page.locator("input[name=held_on]").fill((today - dt.timedelta(days=1)).isoformat())
    page.locator("input[name=minutes]").fill("75")
    page.locator("input[name=topics]").first.check()
    page.locator("textarea[name=note]").fill("Menyusun SKP bersama.")
    submit(page.get_by_role("button", name="Log the session"))
    assert "Session logged." in page.content()
    page.get_by_role("link", name="My JP statement").click()
    page.wait_for_load_state()
    assert page.locator("#total-jp").inner_text() == "2"
    db.session.expire_all()
    [log] = db.session.scalars(sa.select(SessionLog))
    assert (log.minutes, log.note) == (75, "Menyusun SKP bersama.")
