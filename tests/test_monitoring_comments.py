"""Open answers of an evaluation campaign: never shown unscreened; screened on their own
page (once the campaign reaches its minimum cell size), audited, dropped when changed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.monitoring.comments import screened_comments
from survey_app.monitoring.models import EvaluationComment

from .monitoring_helpers import edit_answers
from .test_monitoring_flags import evaluated_activity, six_rows
from .test_training_evaluation import answer


@pytest.fixture
def evaluated(app):
    return evaluated_activity()


SECRET = "Pak Budi Santoso dari Dinas X selalu terlambat"
SCREENED = "Narasumber sering terlambat"


def low_rows_with(text: str) -> list[dict]:
    rows = six_rows([1, 2, 2, 1, 2, 2])
    rows[0]["saran_materi"] = text
    rows[1]["saran_materi"] = "Tambah praktik"
    return rows


def digest_of(html: str, text: str) -> str:
    """The digest naming ``text``'s fields on the screening page."""
    start = html.index(f"“{text}”")
    name = html.index('name="text/', start)
    return html[name + len('name="text/') : html.index('"', name + 11)]


def pages(staff, activity) -> str:
    paths = (
        "/staff/monitoring/flags",
        f"/staff/monitoring/flags/{activity.id}",
        f"/staff/training/{activity.id}/evaluation",
        "/staff/monitoring/",
    )
    return "".join(staff.get(path).get_data(as_text=True) for path in paths)


def test_no_unscreened_answer_on_any_page_then_only_the_screened_text(
    evaluated, client, make_user, login
):
    activity, campaign = evaluated
    answer(campaign, low_rows_with(SECRET))
    make_user("e@x.id", "evaluator")
    staff = login(client, "e@x.id")
    assert SECRET not in pages(staff, activity)
    url = f"/staff/monitoring/comments/{campaign.slug}"
    screening = staff.get(url).get_data(as_text=True)
    assert SECRET in screening and "Tambah praktik" in screening
    digest = digest_of(screening, SECRET)
    saved = staff.post(url, {f"keep/{digest}": "1", f"text/{digest}": SCREENED})
    assert saved.status_code == 302
    shown = pages(staff, activity)
    assert SCREENED in shown and SECRET not in shown and "Tambah praktik" not in shown
    assert screened_comments(campaign) == [SCREENED]
    event = db.session.scalar(sa.select(AuditEvent).filter_by(action="evaluation.comments"))
    assert event.details["kept"] == [digest[:12]] and SECRET not in str(event.details)


def test_a_changed_answer_drops_out_until_screened_again(evaluated, client, make_user, login):
    _activity, campaign = evaluated
    answer(campaign, low_rows_with(SECRET))
    make_user("d@x.id", "drafter")
    staff = login(client, "d@x.id")
    url = f"/staff/monitoring/comments/{campaign.slug}"
    digest = digest_of(staff.get(url).get_data(as_text=True), SECRET)
    staff.post(url, {f"keep/{digest}": "1", f"text/{digest}": SCREENED})
    assert screened_comments(campaign) == [SCREENED]

    def changed(answers):
        if answers.get("saran_materi") == SECRET:
            answers["saran_materi"] = SECRET + " lagi"

    edit_answers(campaign, changed)
    assert screened_comments(campaign) == []
    assert SCREENED not in staff.get("/staff/monitoring/flags").get_data(as_text=True)


def test_a_kept_answer_needs_a_short_screened_text_and_nothing_is_half_saved(
    evaluated, client, make_user, login
):
    _activity, campaign = evaluated
    answer(campaign, low_rows_with(SECRET))
    make_user("e@x.id", "evaluator")
    staff = login(client, "e@x.id")
    url = f"/staff/monitoring/comments/{campaign.slug}"
    html = staff.get(url).get_data(as_text=True)
    first, second = digest_of(html, SECRET), digest_of(html, "Tambah praktik")
    post = {f"keep/{first}": "1", f"text/{first}": "x" * 501}
    post |= {f"keep/{second}": "1", f"text/{second}": "Tambah praktik"}
    refused = staff.post(url, post)
    assert refused.status_code == 422 and 'aria-invalid="true"' in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EvaluationComment)) == 0
    empty = staff.post(url, {f"keep/{first}": "1", f"text/{first}": "  "})
    assert empty.status_code == 422
    staff.post(url, {f"keep/{second}": "1", f"text/{second}": "Tambah praktik"})
    assert screened_comments(campaign) == ["Tambah praktik"]
    staff.post(url, {f"text/{second}": "Tambah praktik"})  # unticked: removed
    assert screened_comments(campaign) == []


def test_below_the_min_cell_size_the_answers_are_not_shown(evaluated, client, make_user, login):
    _activity, campaign = evaluated
    answer(campaign, low_rows_with(SECRET)[:2])  # min cell size 3
    make_user("e@x.id", "evaluator")
    staff = login(client, "e@x.id")
    url = f"/staff/monitoring/comments/{campaign.slug}"
    page = staff.get(url)
    assert page.status_code == 200 and SECRET not in page.get_data(as_text=True)
    staff.post(url, {"keep/x": "1", "text/x": "y"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EvaluationComment)) == 0


def test_only_evaluation_campaigns_have_a_screening_page(
    evaluated, make_campaign, client, make_user, login
):
    make_campaign(form="tna-asn.yaml", slug="akpk")
    make_user("e@x.id", "evaluator")
    staff = login(client, "e@x.id")
    assert staff.get("/staff/monitoring/comments/akpk").status_code == 404
    assert staff.get("/staff/monitoring/comments/nope").status_code == 404
