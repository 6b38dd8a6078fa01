"""``flask retention apply``: answers of campaigns closed longer ago than the retention
period are deleted (dry run first, audited), others are kept, and the privacy notice
promises exactly that."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.campaigns.models import Access, Campaign, Invitation
from survey_app.clock import months_before, utcnow
from survey_app.extensions import db
from survey_app.respond.models import Response

from .respondent import MINI_PAGES, Respondent


def answered(client, slug: str, codes: list[str | None]) -> None:
    for code in codes:
        respondent = Respondent(client.application.test_client())
        respondent.start(slug, code)
        for page, answers in enumerate(MINI_PAGES):
            assert respondent.page(slug, page, answers).status_code == 302
        assert respondent.submit(slug).status_code == 302


def close(slug: str, days_ago: int) -> None:
    campaign = db.session.scalar(sa.select(Campaign).where(Campaign.slug == slug))
    campaign.closed_at = utcnow() - dt.timedelta(days=days_ago)
    db.session.commit()


def responses(slug: str) -> int:
    query = sa.select(sa.func.count()).select_from(Response).join(Campaign)
    return db.session.scalar(query.where(Campaign.slug == slug))


@pytest.fixture
def campaigns(make_campaign, make_invitations, client):
    """``old`` closed 25 months ago (past 24), ``recent`` closed 23 months ago, ``open``."""
    for slug, count in (("old", 3), ("recent", 2), ("open", 1)):
        codes = make_invitations(make_campaign(slug=slug, access=Access.TOKEN), count + 1)
        answered(client, slug, codes[:count])
    close("old", 25 * 31)
    close("recent", 23 * 30)


def test_dry_run_lists_and_deletes_nothing(campaigns, runner):
    result = runner.invoke(args=["retention", "apply", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would delete old (closed " in result.output
    assert "3 responses" in result.output and "4 invitations" in result.output
    assert "recent" not in result.output and "open" not in result.output
    db.session.expire_all()
    assert responses("old") == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 0


def test_apply_deletes_only_what_is_past_retention_and_audits_it(campaigns, runner):
    result = runner.invoke(args=["retention", "apply"])
    assert result.exit_code == 0, result.output
    assert "deleted old" in result.output
    db.session.expire_all()
    assert (responses("old"), responses("recent"), responses("open")) == (0, 2, 1)
    old = db.session.scalar(sa.select(Campaign).where(Campaign.slug == "old"))
    assert old is not None  # the campaign stays; its answers and codes are gone
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(Invitation.campaign_id == old.id)) == 0
    )
    event = db.session.scalar(sa.select(AuditEvent))
    assert (event.action, event.actor, event.target_id) == ("retention.apply", "cli", "old")
    assert event.details["responses"] == 3 and event.details["months"] == 24
    again = runner.invoke(args=["retention", "apply"])
    assert "Nothing is older than the retention period (24 months)" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 1


def test_a_shorter_period_reaches_the_recent_campaign(campaigns, runner, app):
    app.config["SURVEY_APP_RETENTION_MONTHS"] = 12
    result = runner.invoke(args=["retention", "apply"])
    assert "deleted old" in result.output and "deleted recent" in result.output
    db.session.expire_all()
    assert (responses("old"), responses("recent"), responses("open")) == (0, 0, 1)


def test_a_planned_closing_date_counts_as_closing(make_campaign, client, runner):
    make_campaign(slug="planned")
    answered(client, "planned", [None])
    campaign = db.session.scalar(sa.select(Campaign).where(Campaign.slug == "planned"))
    campaign.closes_at = utcnow() - dt.timedelta(days=800)
    db.session.commit()
    assert "deleted planned" in runner.invoke(args=["retention", "apply"]).output
    db.session.expire_all()
    assert responses("planned") == 0


def test_the_privacy_notice_states_the_period_the_command_applies(make_campaign, client, app):
    make_campaign(slug="c1")
    app.config["SURVEY_APP_RETENTION_MONTHS"] = 18
    page = client.get("/s/c1/", query_string={"lang": "en"}).get_data(as_text=True)
    assert "Answers are kept for 18 months after the survey closes and then deleted." in page


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (dt.datetime(2026, 3, 31, 12), 1, dt.datetime(2026, 2, 28, 12)),
        (dt.datetime(2028, 3, 31), 1, dt.datetime(2028, 2, 29)),
        (dt.datetime(2026, 1, 15), 24, dt.datetime(2024, 1, 15)),
        (dt.datetime(2026, 1, 15), 13, dt.datetime(2024, 12, 15)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected
