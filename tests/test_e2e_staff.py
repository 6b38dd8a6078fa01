"""In a real browser without JavaScript: admin creates staff, a facilitator records and
finalizes a focus group, and a drafter reads it (the staff issue's "done when")."""

from __future__ import annotations

import re

import pytest

from survey_app.extensions import db
from survey_app.versions.service import load_text

from .conftest import STAFF_PASSWORD, form_text

pytestmark = pytest.mark.slow


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/staff/login?lang=en")
    page.fill("#email", email)
    page.fill("#password", password)
    page.get_by_role("button", name="Log in").click()


def create_user(page, base: str, email: str, role: str) -> str:
    page.goto(f"{base}/staff/admin/users")
    page.fill("#email", email)
    page.get_by_label(re.compile(role)).check()
    page.get_by_role("button", name="Create user").click()
    return page.locator(".code-display strong").inner_text()


def first_login(page, base: str, email: str, one_time: str) -> None:
    log_in(page, base, email, one_time)
    page.fill("#password", STAFF_PASSWORD)
    page.fill("#confirm", STAFF_PASSWORD)
    page.get_by_role("button", name="Save the password").click()


def test_a_focus_group_from_staff_accounts_to_the_drafters_view(
    make_campaign, make_user, live_url, browser
):
    make_campaign(form="tna-asn.yaml", slug="akpk", title="AKPK 2026")
    load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml")
    db.session.commit()
    make_user("admin@medan.go.id", "admin")
    admin = browser.new_page(java_script_enabled=False)
    log_in(admin, live_url, "admin@medan.go.id", STAFF_PASSWORD)
    facilitator_password = create_user(admin, live_url, "fasilitator@medan.go.id", "Facilitator")
    drafter_password = create_user(admin, live_url, "perumus@medan.go.id", "Drafter")

    facilitator = browser.new_page(
        java_script_enabled=False, viewport={"width": 820, "height": 1180}
    )
    first_login(facilitator, live_url, "fasilitator@medan.go.id", facilitator_password)
    facilitator.goto(f"{live_url}/staff/fgd/?lang=en")
    facilitator.fill("#f-title", "FGD Medan Kota")
    facilitator.get_by_role("button", name="Start the session record").click()
    facilitator.fill("#f-tanggal", "2026-03-12")
    facilitator.get_by_label("In person").check()
    facilitator.get_by_label("Districts and urban villages").check()
    facilitator.get_by_label("Note-taker from BKPSDM").check()
    for field, value in {
        "jumlah_peserta": "2",
        "peserta_manajerial": "0",
        "peserta_fungsional": "1",
        "peserta_pelaksana": "1",
        "peserta_pns": "2",
        "peserta_pppk": "0",
        "peserta_cpns": "0",
    }.items():
        facilitator.fill(f"#f-{field}", value)
    facilitator.fill("#f-kebutuhan_kompetensi-notes", "Perlu pelatihan analisis data.")
    facilitator.select_option("#f-kebutuhan_kompetensi-q1-s", "P1")
    facilitator.fill("#f-kebutuhan_kompetensi-q1-t", "Data kami tersebar di banyak aplikasi.")
    facilitator.get_by_role("button", name="Save draft").click()
    facilitator.select_option("#f-r-P1-1", "T.6")
    facilitator.get_by_role("button", name="Finalize (locks the record)").click()
    assert "Data kami tersebar" in facilitator.content()

    drafter = browser.new_page(java_script_enabled=False)
    first_login(drafter, live_url, "perumus@medan.go.id", drafter_password)
    drafter.goto(f"{live_url}/staff/fgd/campaigns/akpk?lang=en")
    assert "T.6" in drafter.locator("table").first.inner_text()
    drafter.get_by_role("link", name="FGD Medan Kota").click()
    assert "Data kami tersebar di banyak aplikasi." in drafter.content()
