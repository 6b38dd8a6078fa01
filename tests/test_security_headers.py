"""Security headers on every response; no inline script or style on any page; staff
pages never cached; HSTS only in production over https; and no CSP violation in Chromium."""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

import config
from survey_app import create_app
from survey_app.campaigns.models import Access
from survey_app.extensions import db
from survey_app.versions.service import load_text

from .conftest import STAFF_PASSWORD, form_text
from .jobs_helpers import job_file
from .respondent import MINI_PAGES, Respondent

TEMPLATES = Path(__file__).resolve().parent.parent / "survey_app" / "templates"
#: The policy draft is a document (attachment, file, print, PDF): it embeds its CSS.
DOCUMENT_TEMPLATES = {"policy/draft.html", "policy/draft.css"}
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
INLINE = {
    "<style> element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "inline <script>": re.compile(r"<script\b(?![^>]*\ssrc\s*=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}
LINK = re.compile(r"""(?:href|src)="(/[^"]*)\"""")
STAFF = "all@medan.go.id"


def inline_code(text: str) -> list[str]:
    """What in ``text`` a strict CSP would block (or that would need ``unsafe-inline``)."""
    return [name for name, pattern in INLINE.items() if pattern.search(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('<p class="x">ok</p><script src="/static/js/a.js"></script>', []),
        ('<td style="width: 60%">', ["style attribute"]),
        ("<style>p{}</style>", ["<style> element"]),
        ("<script>alert(1)</script>", ["inline <script>"]),
        ('<button onclick="go()">', ["event handler attribute"]),
        ('<a href="javascript:go()">', ["javascript: URL"]),
    ],
)
def test_the_inline_code_check_finds_what_csp_blocks(text, found):
    assert inline_code(text) == found


def template_files() -> list[str]:
    files = [p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file()]
    return sorted(set(files) - DOCUMENT_TEMPLATES)


@pytest.mark.parametrize("name", template_files())
def test_no_template_has_inline_script_or_style(name):
    assert inline_code((TEMPLATES / name).read_text(encoding="utf-8")) == []


# --- headers ---------------------------------------------------------------------------


def assert_security_headers(response: TestResponse) -> None:
    headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers
    if response.mimetype == "text/html":
        assert headers["Content-Security-Policy"] == STRICT_CSP


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/s/demo/", 200),
        ("/s/nope/", 404),
        ("/staff/login", 200),
        ("/staff/admin/users", 302),
        ("/nowhere", 404),
        ("/s/demo%00/", 400),
    ],
)
def test_every_response_carries_the_headers(app, make_campaign, client, url, status):
    make_campaign(slug="demo")
    response = client.get(url, base_url="https://localhost")
    assert response.status_code == status
    assert_security_headers(response)
    private = url.startswith(("/staff", "/s/"))  # staff pages; a respondent's answers and codes
    assert ("no-store" in response.headers.get("Cache-Control", "")) == private


def test_the_session_cookie_keeps_the_flags_config_sets(app, make_campaign, client):
    """Talisman must not mark the cookie Secure in development (``config.py`` decides)."""
    make_campaign(slug="demo")
    cookies = client.get("/s/demo/?lang=en").headers.getlist("Set-Cookie")
    [cookie] = [c for c in cookies if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "k" * 40)
    monkeypatch.setattr(config.ProductionConfig, "SQLALCHEMY_DATABASE_URI", "sqlite://")
    yield create_app("config.ProductionConfig")


def test_production_sends_hsts_only_over_https(production):
    client = production.test_client()
    plain = client.get("/healthz", base_url="http://localhost")  # (the default is https here)
    assert plain.status_code == 200  # nginx redirects to https, not the app
    assert "Strict-Transport-Security" not in plain.headers
    for kwargs in [{"base_url": "https://localhost"}, {"headers": {"X-Forwarded-Proto": "https"}}]:
        secure = client.get("/healthz", **kwargs)
        assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert production.config["SESSION_COOKIE_SECURE"] is True


def test_development_sends_no_hsts_even_over_https(app, client):
    response = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


# --- every page, rendered --------------------------------------------------------------


@pytest.fixture
def site(app, seed_survey, make_campaign, make_user, login) -> Respondent:
    """Campaigns with data (``akpk``), open (``demo``) and by invitation (``tok``), a
    focus-group session, and a logged-in user with every role."""
    akpk = seed_survey(40, seed=4)
    make_campaign(slug="demo")
    make_campaign(slug="tok", access=Access.TOKEN)
    version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    db.session.commit()
    make_user(STAFF, "admin", "facilitator", "drafter")
    staff = login(app.test_client(), STAFF)
    staff.get("/staff/fgd/")
    data = {"campaign_id": akpk.id, "version_id": version.id, "title": "FGD Medan Kota"}
    assert staff.post("/staff/fgd/new", data).status_code == 302
    return staff


def followable(url: str) -> bool:
    """Pages and images, not downloads (checked in their own tests) nor variants."""
    path, _, query = url.partition("?")
    downloads = ("/exports/", "/draft", "/file", "/static/")
    variant = re.fullmatch(r"lang=\w+", query) or "sort=" in query
    return not any(d in path for d in downloads) and not variant


def crawl(client: Any, starts: list[str], by_path: bool = False) -> dict[str, TestResponse]:
    """Every same-site page and image reachable from ``starts`` by links (GET); with
    ``by_path``, one URL per path (not every query of it)."""
    queue, pages, paths = deque(starts), {}, set()
    while queue and len(pages) < 150:
        url = queue.popleft()
        path = url.partition("?")[0] if by_path else url
        if url in pages or path in paths:
            continue
        paths.add(path)
        pages[url] = response = client.get(url)
        if response.mimetype == "text/html":
            links = LINK.findall(response.get_data(as_text=True))
            queue.extend(u for u in map(html.unescape, links) if followable(u))
    return pages


def respondent_pages(client: Any) -> dict[str, TestResponse]:
    """The respondent flow, page by page, including "save for later" and resume."""
    who, pages = Respondent(client), {}
    pages["intro"] = who.get("/s/demo/")
    pages["start"] = who.post("/s/demo/start")
    for page, answers in enumerate(MINI_PAGES):
        pages[f"page {page}"] = who.get(f"/s/demo/p/{page}")
        who.post(f"/s/demo/p/{page}", {**answers, "action": "next"})
    pages["saved"] = who.post("/s/demo/p/0", {**MINI_PAGES[0], "action": "save"})
    pages["resume"] = who.get("/s/demo/resume")
    pages["review"] = who.get("/s/demo/review")
    pages["thanks"] = who.submit("demo")
    pages["thanks page"] = who.get("/s/demo/thanks")
    pages["token intro"] = who.get("/s/tok/")
    return pages


def posted_staff_pages(staff: Respondent) -> dict[str, TestResponse]:
    """Pages only a POST shows: a new one-time password, invitation cards, form errors."""
    staff.get("/staff/admin/users")
    password = staff.post("/staff/admin/users", {"email": "new@medan.go.id", "roles": "drafter"})
    staff.get("/staff/admin/campaigns/tok")
    cards = staff.post("/staff/admin/campaigns/tok/invitations", {"count": 2, "output": "print"})
    refused = staff.post("/staff/admin/campaigns", {"slug": "Not A Slug"})
    return {"one-time password": password, "invitation cards": cards, "form errors": refused}


@pytest.mark.slow
def test_every_page_is_free_of_inline_code_and_staff_pages_are_not_stored(site, app):
    crawled = crawl(site.client, ["/staff/", "/"])
    staff_pages = {**crawled, **posted_staff_pages(site)}
    pages = {**staff_pages, **respondent_pages(app.test_client())}
    assert len(crawled) > 25
    for name, response in pages.items():
        assert response.status_code < 500, name
        assert_security_headers(response)
        if response.mimetype == "text/html":
            assert inline_code(response.get_data(as_text=True)) == [], name
    for url, response in staff_pages.items():
        stored = not url.startswith("/staff") and url in crawled
        assert stored or "no-store" in response.headers["Cache-Control"], url
    assert "/staff/admin/campaigns/akpk" in crawled  # the meter bar chart
    assert any(".svg" in url for url in crawled)


@pytest.mark.slow
def test_a_document_or_image_keeps_its_own_policy_allowing_only_inline_style(site, app):
    """The policy draft embeds its CSS and matplotlib's SVG ``style`` attributes (a hash
    cannot allow attributes): it may use inline style, and load or run nothing."""
    draft = job_file(site.client, "/staff/policy/akpk/draft?format=html&language=en")
    chart = site.get("/staff/analysis/akpk/charts/mwds.svg")
    for response in (draft, chart):
        assert response.status_code == 200
        policy = response.headers["Content-Security-Policy"]
        assert policy.startswith("default-src 'none'") and "style-src 'unsafe-inline'" in policy
        assert "script-src" not in policy and response.headers["X-Frame-Options"] == "DENY"
        assert "no-store" in response.headers["Cache-Control"]
    assert "<style>" in draft.get_data(as_text=True)


# --- Chromium: no CSP violation --------------------------------------------------------


def log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/staff/login?lang=en")
    page.fill("#email", STAFF)
    page.fill("#password", STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def violations(page: Any) -> list[str]:
    """Console messages about a policy header (CSP, Permissions-Policy) or a blocked
    resource, and script errors, collected on ``page``."""
    found: list[str] = []

    def console(message: Any) -> None:
        if "Policy" in message.text or "blocked" in message.text:
            found.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


@pytest.mark.slow
def test_chromium_reports_no_csp_violation(site, live_url, browser):
    pages = crawl(site.client, ["/staff/", "/"], by_path=True)
    urls = [url for url, response in pages.items() if response.mimetype == "text/html"]
    assert len(urls) > 20
    page = browser.new_page()
    found = violations(page)
    page.goto(f"{live_url}/s/demo/?lang=en")
    page.get_by_role("button", name="Start the survey").click()
    page.get_by_role("button", name="Continue", exact=True).click()  # errors shown, no CSP issue
    for path in ["p/1", "p/2", "review", "resume"]:
        page.goto(f"{live_url}/s/demo/{path}")
    log_in(page, live_url)
    for url in urls:
        page.goto(live_url + url)
    assert found == []
    page.goto(f"{live_url}/staff/analysis/akpk?lang=en")
    widths = page.eval_on_selector_all(".chart img", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)
    page.goto(f"{live_url}/staff/admin/campaigns/akpk?lang=en")
    assert_bar_drawn(page.locator('meter.bar[value="1.000"]').first.screenshot())


def assert_bar_drawn(png: bytes) -> None:
    """The busiest day's meter (value 1) is filled with the brand blue across its width."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    width, height = image.size
    for x in (2, width // 2, width - 3):
        red, green, blue = image.getpixel((x, height // 2))
        assert blue > 100 and red < 60, (x, red, green, blue)
