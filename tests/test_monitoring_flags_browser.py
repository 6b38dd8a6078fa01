"""The flags, decision and screening pages in Chromium without the site's scripts, on a phone:
axe-core finds no serious or critical violation, and an evaluator screens an answer and
records a decision with the keyboard-free path a screen reader user would take."""

from __future__ import annotations

import pytest

from .browser_helpers import submit
from .conftest import STAFF_PASSWORD
from .test_accessibility import PHONE, SQLITE_ONLY, Audit, no_scripts
from .test_monitoring_flags import evaluated_activity, six_rows
from .test_training_evaluation import answer

pytestmark = pytest.mark.slow

EVALUATOR = "eva@medan.go.id"
SECRET = "Bu Rina di bagian umum tidak membantu"


@SQLITE_ONLY
def test_screen_decide_and_audit_the_pages(app, make_user, live_url, browser):
    activity, campaign = evaluated_activity()
    rows = six_rows([1, 2, 2, 1, 2, 2])
    rows[0]["saran_materi"] = SECRET
    answer(campaign, rows)
    make_user(EVALUATOR, "evaluator")
    page = no_scripts(browser, viewport=PHONE)  # as without JavaScript; axe still runs
    audit = Audit(page)
    page.goto(f"{live_url}/staff/login?lang=en")
    page.fill("#email", EVALUATOR)
    page.fill("#password", STAFF_PASSWORD)
    submit(page.locator("form button.primary"))

    page.goto(f"{live_url}/staff/monitoring/comments/{campaign.slug}")
    audit("screening")
    page.get_by_label("Keep this answer (screened)").check()
    page.get_by_label("Screened text").fill("Staf pendukung kurang membantu")
    submit(page.get_by_role("button", name="Save"))

    page.goto(f"{live_url}/staff/monitoring/flags")
    audit("flags")
    section = page.locator(f"#activity-{activity.id}")
    assert "Staf pendukung kurang membantu" in section.inner_text()
    assert SECRET not in page.content()
    form = section.locator("form").first
    submit(form.get_by_role("button", name="Save the decision"))  # nothing chosen
    assert page.locator(".error-message").count() > 0
    audit("decision refused")
    page.get_by_label("Adjust the material").check()
    page.get_by_label("What to change (required to adjust)").fill("Studi kasus OPD")
    submit(page.get_by_role("button", name="Save the decision"))
    assert "Studi kasus OPD" in page.locator(f"#activity-{activity.id}").inner_text()
    page.goto(f"{live_url}/staff/monitoring/flags/{activity.id}")
    audit("decisions")
    audit.assert_clean("screening", "flags", "decision refused", "decisions")
