"""A real browser with JavaScript off, against the app under gunicorn, on both backends:
an evaluator adds a training activity, opens its evaluation campaign, sees the
"adjust material" flag once answers are in, records a decision and downloads the
evaluation report (DOCX and PDF).

The answers are seeded through the service in the test (as ``flask demo seed`` would):
answering thirty surveys in a browser would test the survey pages, not this loop.
"""

from __future__ import annotations

import io
import random
import time

import pytest
from docx import Document

from survey_app.campaigns.asked import campaign_form
from survey_app.campaigns.service import get_campaign
from survey_app.demo.seed import seed_responses
from survey_app.extensions import db

from .browser_helpers import submit
from .conftest import STAFF_PASSWORD
from .evaluation_report_helpers import PERIOD, SERIES, demo

__all__ = ["demo"]
pytestmark = pytest.mark.slow

EVALUATOR = "evaluator@medan.go.id"
TITLE = "Bimtek Kearsipan Elektronik"
CHANGE = "Ganti ceramah dengan praktik aplikasi SRIKANDI"


def irrelevant(answers: dict, rng: random.Random) -> None:
    answers["relevansi_materi"] = rng.choice((1, 2, 2))


def log_in(page, url: str) -> None:
    page.goto(f"{url}/staff/login?lang=en")
    page.locator("input[name=email]").fill(EVALUATOR)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    submit(page.locator("form button[type=submit]"))


def add_activity(page, url: str) -> None:
    page.goto(f"{url}/staff/training/new")
    page.locator("input[name=title]").fill(TITLE)
    page.locator("input[name=provider]").fill("BKPSDM Kota Medan")
    page.locator("select[name=form]").select_option("bimtek")
    page.locator("input[name=competencies]").fill("T.10")
    page.locator("input[name=start]").fill("2025-09-01")
    page.locator("input[name=end]").fill("2025-09-05")
    page.locator("input[name=jp]").fill("16")
    page.locator("input[name=participants]").fill("40")
    submit(page.get_by_role("button", name="Save"))
    assert page.locator(".error-message").count() == 0, page.content()


def open_evaluation(page) -> None:
    if page.get_by_role("link", name="Start an evaluation").count() == 0:  # saved to the list
        submit(page.get_by_role("link", name=TITLE))
    submit(page.get_by_role("link", name="Start an evaluation"))
    page.locator("input[name=slug]").fill("evaluasi-kearsipan")
    page.locator("input[name=access][value=open]").check()
    submit(page.get_by_role("button", name="Start the evaluation"))
    assert page.locator(".error-message").count() == 0, page.content()


def record_decision(page, url: str) -> None:
    page.goto(f"{url}/staff/monitoring/flags?period={PERIOD}")
    section = page.locator("section", has=page.get_by_role("heading", name=TITLE))
    assert "Low relevance" in section.inner_text()
    form = section.locator("form").first
    form.locator("input[name=decision][value=adjust]").check()
    form.locator("textarea[name=what_to_change]").fill(CHANGE)
    submit(form.get_by_role("button", name="Save the decision"))
    section = page.locator("section", has=page.get_by_role("heading", name=TITLE))
    assert CHANGE in section.inner_text()


def download_report(page, url: str, fmt: str) -> bytes:
    page.goto(f"{url}/staff/monitoring/report?lang=en")
    page.locator("select[name=series]").select_option(SERIES)
    page.locator("select[name=period]").select_option(PERIOD)
    page.locator("select[name=format]").select_option(fmt)
    page.locator("select[name=language]").select_option("en")
    submit(page.get_by_role("button", name="Prepare the evaluation report"))
    link = page.get_by_role("link", name="Download laporan-evaluasi")
    deadline = time.monotonic() + 90
    while link.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    with page.expect_download() as download:
        link.click()
    return download.value.path().read_bytes()


def test_add_evaluate_flag_decide_and_download_the_report(
    demo, make_user, app, live_server, browser
):
    make_user(EVALUATOR, "evaluator")
    page = browser.new_page(java_script_enabled=False, accept_downloads=True)
    log_in(page, live_server.url)
    add_activity(page, live_server.url)
    open_evaluation(page)

    campaign = get_campaign("evaluasi-kearsipan")
    assert campaign is not None
    seed_responses(campaign, campaign_form(campaign), 25, seed=7, tweak=irrelevant)
    db.session.commit()

    record_decision(page, live_server.url)
    docx = Document(io.BytesIO(download_report(page, live_server.url, "docx")))
    text = "\n".join(p.text for p in docx.paragraphs)
    flags = text[text.index("4. Flags and decisions") : text.index("5. Monitoring indicators")]
    assert TITLE in flags and "Low relevance" in flags and CHANGE in flags
    assert len(docx.inline_shapes) == 1  # the trend chart
    assert download_report(page, live_server.url, "pdf").startswith(b"%PDF")
