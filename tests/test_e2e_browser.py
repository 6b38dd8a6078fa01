"""A real browser with JavaScript off completes the bundled survey in both languages."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.respond.models import Response

from .browser_helpers import submit

pytestmark = pytest.mark.slow


def answer_page(page) -> None:
    """Answer every shown question the way a hurried respondent would."""
    for group in page.locator("fieldset:has(> .options), fieldset.dimension").all():
        radios = group.locator("> .options input[type=radio]")
        if radios.count():
            radios.first.check()
    for group in page.locator("fieldset:has(> .options input[type=checkbox])").all():
        group.locator("input[type=checkbox]").first.check()
    for field in page.locator("input[inputmode=numeric]").all():
        field.fill("12")
    for index, select in enumerate(page.locator(".rank select").all()):
        select.select_option(index=index + 1)
    for select in page.locator("select:not(.rank select)").all():
        select.select_option(index=1)


@pytest.mark.parametrize(
    ("lang", "start", "next_", "send", "thanks"),
    [
        ("id", "Mulai survei", "Lanjut", "Kirim jawaban saya", "Terima kasih"),
        ("en", "Start the survey", "Continue", "Submit my answers", "Thank you"),
    ],
)
def test_the_bundled_survey_is_completed_without_javascript(
    make_campaign, live_url, browser, lang, start, next_, send, thanks
):
    make_campaign(form="tna-asn.yaml", slug="demo")
    page = browser.new_page(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page.goto(f"{live_url}/s/demo/?lang={lang}")
    submit(page.get_by_role("button", name=start))
    for _ in range(10):
        if "/review" in page.url:
            break
        answer_page(page)
        submit(page.get_by_role("button", name=next_, exact=True))
        assert page.locator(".error-summary").count() == 0, page.content()
    submit(page.get_by_role("button", name=send))
    assert thanks in page.locator("h1").inner_text()
    db.session.expire_all()
    [stored] = db.session.scalars(sa.select(Response))
    assert stored.answers["jp_12_bulan"] == 12
    assert len([v for v in stored.answers.values() if isinstance(v, dict)]) >= 9
