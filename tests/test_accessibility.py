"""axe-core in Chromium: no serious or critical violation on any respondent page or the
main staff pages (issue 15, section 4).

axe-core is bundled in ``axe-playwright-python`` (no CDN) and runs in the page as the
server sent it, under its strict Content-Security-Policy, on a phone-sized screen. The
respondent walks ``tna-asn.yaml`` with the site's scripts blocked, as without
JavaScript, so the server's own pages are audited (errors, a follow-up shown again,
review, thanks, save, resume, unavailable); one page is audited with its script
running. Markup does not depend on the database: SQLite only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from survey_app.campaigns.models import Campaign
from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.jobs.models import ExportChunk, ExportJob, JobStatus
from survey_app.jobs.service import request_job
from survey_app.versions.service import load_text

from .browser_helpers import submit
from .conftest import STAFF_PASSWORD, form_text
from .test_e2e_browser import answer_page

pytestmark = pytest.mark.slow
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

#: axe-core's impact levels that fail the test.
BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}
STAFF = "a11y@medan.go.id"
AXE = Axe()


def problems(page: Any) -> list[str]:
    """Serious or critical violations on the page, one line per element."""
    results = AXE.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


class Audit:
    """Audits pages of one browser page, collecting every violation (and every server
    error, so that an error page is never what gets audited) for one report."""

    def __init__(self, page: Any) -> None:
        self.page, self.found, self.audited = page, list[str](), list[str]()
        page.on("response", self._check_status)

    def _check_status(self, response: Any) -> None:
        if response.status >= 500:
            self.found.append(f"{response.status} from {response.url}")

    def __call__(self, name: str) -> None:
        self.audited.append(name)
        self.found.extend(f"[{name}] {line}" for line in problems(self.page))

    def assert_clean(self, *expected: str) -> None:
        assert not self.found, "\n".join(self.found)
        assert set(expected) <= set(self.audited), self.audited


def no_scripts(browser: Any, **options: Any) -> Any:
    """A page on which the site's scripts do not load (axe's own still runs)."""
    context = browser.new_context(**options)
    context.route("**/static/js/**", lambda route: route.abort())
    return context.new_page()


def press(page: Any, action: str) -> None:
    submit(page.locator(f"button[name=action][value={action}]"))


def start(page: Any, base: str, slug: str = "akpk") -> None:
    page.goto(f"{base}/s/{slug}/")
    submit(page.locator("form[action$='/start'] button"))


@SQLITE_ONLY
def test_every_respondent_page(make_campaign, live_url, browser):
    make_campaign(form="tna-asn.yaml", slug="akpk")
    make_campaign(form="tna-asn.yaml", slug="tutup", closes_at=dt.datetime(2020, 1, 1))
    page = no_scripts(browser, viewport=PHONE)
    audit = Audit(page)
    page.goto(f"{live_url}/s/akpk/")
    audit("intro")
    start(page, live_url)
    press(page, "next")
    assert page.locator(".error-summary").count() == 1
    audit("page 0 with errors")
    walk(page, audit)
    audit("review")
    submit(page.locator("form[action$='/submit'] button"))
    assert page.url.endswith("/thanks")
    audit("thanks")
    for path, name in [("/s/tutup/", "closed"), ("/s/x/", "unknown"), ("/s/akpk/resume", "resume")]:
        page.goto(live_url + path)
        audit(name)
    page.locator("input[name=code]").fill("SALAH-KODE")
    submit(page.locator("form[action$='/resume'] button"))
    audit("resume with a wrong code")
    start(page, live_url)
    press(page, "save")
    audit("saved")
    shown_again = [name for name in audit.audited if name.endswith("shown again")]
    assert shown_again, "no follow-up was shown again on the same page"
    audit.assert_clean("intro", "p/0", "p/5", "review", "thanks", "saved", "closed")


def walk(page: Any, audit: Audit) -> None:
    """Answer each page as a hurried respondent (a 0 in the first number field brings up
    the follow-up on hours of training); audit it, and again when it is shown again."""
    for _ in range(12):
        if page.url.endswith("/review"):
            return
        name = page.url.rsplit("/s/akpk/", 1)[1]
        audit(name)
        answer_page(page)
        if page.locator("input[inputmode=numeric]").count():
            page.locator("input[inputmode=numeric]").first.fill("0")
        before = page.url
        press(page, "next")
        if page.url == before:
            audit(f"{name} shown again")
            answer_page(page)
            press(page, "next")
    raise AssertionError(f"the walk did not reach the review page: {page.url}")


@SQLITE_ONLY
def test_a_page_whose_script_shows_a_follow_up(make_campaign, live_url, browser):
    make_campaign(form="tna-asn.yaml", slug="akpk")
    page = browser.new_page(viewport=PHONE)
    audit = Audit(page)
    start(page, live_url)
    for _ in range(3):
        answer_page(page)
        press(page, "next")
    assert not page.locator("#q-alasan_jp_kurang").is_visible()
    page.locator("input[inputmode=numeric]").first.fill("0")
    page.locator("input[inputmode=numeric]").first.dispatch_event("change")
    assert page.locator("#q-alasan_jp_kurang").is_visible()
    audit("p/3 with a follow-up shown by the script")
    audit.assert_clean("p/3 with a follow-up shown by the script")


#: The main staff pages after the login page; ``{job}`` is a waiting export's id.
STAFF_PAGES = [
    "/staff/",
    "/staff/admin/users",
    "/staff/admin/questionnaires",
    "/staff/admin/campaigns",
    "/staff/admin/campaigns/akpk",
    "/staff/admin/audit",
    "/staff/analysis/",
    "/staff/analysis/akpk",
    "/staff/analysis/akpk/exports",
    "/staff/fgd/",
    "/staff/fgd/campaigns",
    "/staff/fgd/campaigns/akpk",
    "/staff/policy/",
    "/staff/password",
    "/staff/jobs/",
    "/staff/jobs/{job}",
]


@SQLITE_ONLY
def test_the_main_staff_pages(seed_survey, make_user, live_url, browser):
    seed_survey(30, min_cell_size=3)
    load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml")
    job = waiting_export(make_user(STAFF, "admin", "drafter", "facilitator"))
    page = browser.new_page(viewport=PHONE)
    audit = Audit(page)
    log_in(page, live_url, audit)
    for path in STAFF_PAGES:
        page.goto(live_url + path.format(job=job.id))
        assert page.url.endswith(path.format(job=job.id)), page.url
        audit(path)
    page.goto(f"{live_url}/staff/fgd/")
    page.fill("#f-title", "FGD Medan Kota")
    submit(page.locator("form[action$='/fgd/new'] button"))
    audit("focus-group record")
    press(page, "save")
    audit("focus-group record saved")
    audit.assert_clean("login", *STAFF_PAGES, "focus-group record saved")


def log_in(page: Any, base: str, audit: Audit) -> None:
    page.goto(f"{base}/staff/login")
    audit("login")
    page.fill("#email", STAFF)
    page.fill("#password", STAFF_PASSWORD)
    submit(page.locator("form button.primary"))


def waiting_export(user: Any) -> ExportJob:
    """A background export of the campaign that has not started yet."""
    campaign = db.session.scalars(db.select(Campaign)).one()
    job, _new = request_job(campaign, "fgd", {"format": "csv", "lang": "en"}, user)
    db.session.commit()
    return job


@SQLITE_ONLY
def test_an_export_page_updates_itself_without_reloading(seed_survey, make_user, live_url, browser):
    """What replaced the page's <meta refresh> (axe: meta-refresh, critical): the page
    shows the finished file by itself, and the focus stays where the user put it."""
    seed_survey(3, min_cell_size=3)
    job = waiting_export(make_user(STAFF, "drafter"))
    page = browser.new_page()
    log_in(page, live_url, Audit(page))
    page.goto(f"{live_url}/staff/jobs/{job.id}?lang=en")
    assert page.locator("#job-auto").is_visible()
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Refresh now").focus()
    job.status, job.progress_done, job.progress_total = JobStatus.RUNNING, 1, 4
    job.heartbeat_at = utcnow()
    db.session.commit()
    page.get_by_text("Step 2 of 4").wait_for(timeout=15_000)
    assert page.evaluate("document.activeElement.textContent") == "Refresh now"
    finish(job)
    download = page.get_by_role("link", name="Download akpk-fgd.csv")
    download.wait_for(timeout=15_000)
    assert page.evaluate("window.notReloaded === true")
    assert page.locator("[role=status]").inner_text() == "Ready"
    assert page.title().startswith("Ready")


def finish(job: ExportJob) -> None:
    """Mark the job done with a small file, as the builder would."""
    job.status, job.filename, job.mimetype, job.size = JobStatus.DONE, "akpk-fgd.csv", "text/csv", 2
    job.finished_at = utcnow()
    job.expires_at = job.finished_at + dt.timedelta(hours=1)
    db.session.add(ExportChunk(job_id=job.id, seq=0, data=b"a\n"))
    db.session.commit()


def test_the_audit_finds_what_it_should(browser):
    """The harness is not blind: an image without text and an unlabelled field fail."""
    page = browser.new_page()
    page.set_content('<html lang="id"><title>t</title><main><img src="x.png"><input></main>')
    found = problems(page)
    assert any(line.startswith("image-alt") for line in found), found
    assert any(line.startswith("label") for line in found), found
