"""In a real browser without JavaScript: admin creates staff, a facilitator records and
finalizes a focus group, and a drafter reads it (the staff issue's "done when")."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.fgd.models import FgdSession, SessionStatus
from survey_app.versions.service import load_text

from .browser_helpers import submit
from .conftest import STAFF_PASSWORD, form_text

pytestmark = pytest.mark.slow


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/staff/login?lang=en")
    page.fill("#email", email)
    page.fill("#password", password)
    submit(page.get_by_role("button", name="Log in"))


def create_user(page, base: str, email: str, role: str) -> str:
    page.goto(f"{base}/staff/admin/users")
    page.fill("#email", email)
    page.get_by_label(re.compile(role)).check()
    submit(page.get_by_role("button", name="Create user"))
    return page.locator(".code-display strong").inner_text()


def first_login(page, base: str, email: str, one_time: str) -> None:
    log_in(page, base, email, one_time)
    page.fill("#current", one_time)
    page.fill("#password", STAFF_PASSWORD)
    page.fill("#confirm", STAFF_PASSWORD)
    submit(page.get_by_role("button", name="Save the password"))


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
    submit(facilitator.get_by_role("button", name="Start the session record"))
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
    submit(facilitator.get_by_role("button", name="Save draft"))
    for place, need in enumerate(["T.6", "T.5", "M.1", "M.2", "M.3"], 1):
        facilitator.select_option(f"#f-r-P1-{place}", need)
    submit(facilitator.get_by_role("button", name="Review and finalize"))
    assert "No ranking for: P2." in facilitator.content()
    submit(facilitator.get_by_role("button", name="Finalize and lock the record").first)
    assert "Data kami tersebar" in facilitator.content()

    drafter = browser.new_page(java_script_enabled=False)
    first_login(drafter, live_url, "perumus@medan.go.id", drafter_password)
    drafter.goto(f"{live_url}/staff/fgd/campaigns/akpk?lang=en")
    assert "T.6" in drafter.locator("table").first.inner_text()
    submit(drafter.get_by_role("link", name="FGD Medan Kota"))
    assert "Data kami tersebar di banyak aplikasi." in drafter.content()


DETAILS_ID = {
    "jumlah_peserta": "3",
    "peserta_manajerial": "1",
    "peserta_fungsional": "1",
    "peserta_pelaksana": "1",
    "peserta_pns": "3",
    "peserta_pppk": "0",
    "peserta_cpns": "0",
}


def rank(page, label: str, needs: list[str]) -> None:
    for place, need in enumerate(needs, 1):
        page.select_option(f"#f-r-{label}-{place}", need)


def ranked(page, label: str) -> list[str]:
    return [page.locator(f"#f-r-{label}-{place}").input_value() for place in range(1, 6)]


def test_a_facilitator_fixes_a_duplicate_without_retyping_and_confirms_the_finalize(
    make_campaign, make_user, live_url, browser
):
    """In Indonesian, JavaScript off: rows for the three present, a duplicate shown next to
    its row with every choice kept, fixed, then a summary to confirm; times in WIB."""
    make_campaign(form="tna-asn.yaml", slug="akpk", title="AKPK 2026")
    load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml")
    db.session.commit()
    make_user("fasilitator@medan.go.id", "facilitator")
    page = browser.new_page(java_script_enabled=False, viewport={"width": 820, "height": 1180})
    page.goto(f"{live_url}/staff/login?lang=id")
    page.fill("#email", "fasilitator@medan.go.id")
    page.fill("#password", STAFF_PASSWORD)
    submit(page.get_by_role("button", name="Masuk"))
    page.goto(f"{live_url}/staff/fgd/")
    page.fill("#f-title", "FGD Medan Barat")
    submit(page.get_by_role("button", name="Mulai catatan sesi"))
    assert page.locator("fieldset.rank-row").count() == 0
    assert page.get_by_text("Isi jumlah peserta pada rincian sesi").is_visible()
    assert page.locator("#f-kebutuhan_kompetensi-n-1").is_visible()  # needs: no fold-out

    page.fill("#f-tanggal", "2026-03-12")
    page.get_by_label("Tatap muka").check()
    page.get_by_label("Kecamatan dan kelurahan").check()
    page.get_by_label("Notulis dari BKPSDM").check()
    for field, value in DETAILS_ID.items():
        page.fill(f"#f-{field}", value)
    submit(page.get_by_role("button", name="Simpan draf"))
    assert page.locator("fieldset.rank-row").count() == 3  # P1..P3, not 12
    assert page.locator(".rank select").count() == 15

    rank(page, "P1", ["T.6", "T.6", "M.1", "M.2", "M.3"])
    rank(page, "P2", ["M.1", "T.6", "M.2", "M.3", "T.5"])
    submit(page.get_by_role("button", name="Simpan draf"))
    error = page.locator("#f-r-P1 .error-message")
    assert "kebutuhan yang sama dipilih lebih dari sekali (pilihan 1, 2)" in error.inner_text()
    assert page.locator("#f-r-P2 .error-message").count() == 0
    assert ranked(page, "P1") == ["T.6", "T.6", "M.1", "M.2", "M.3"]  # nothing retyped
    assert ranked(page, "P2") == ["M.1", "T.6", "M.2", "M.3", "T.5"]

    page.select_option("#f-r-P1-2", "T.5")
    submit(page.get_by_role("button", name="Tinjau dan finalisasi"))
    assert "Finalisasi FGD Medan Barat?" in page.locator("h1").inner_text()
    assert "Belum ada peringkat dari: P3." in page.content()
    submit(page.get_by_role("button", name="Finalisasi dan kunci catatan").first)
    assert "Sesi telah difinalisasi." in page.content()
    assert re.search(r"difinalisasi \d+ \w+ 20\d\d, \d\d[.:]\d\d WIB", page.content())
    db.session.expire_all()
    [session] = db.session.scalars(sa.select(FgdSession))
    assert session.status is SessionStatus.FINAL
    assert [pick["need"] for pick in session.record["ranking"]["P1"]] == [
        "T.6",
        "T.5",
        "M.1",
        "M.2",
        "M.3",
    ]
