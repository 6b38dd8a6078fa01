"""``flask retention apply``: delete the answers of campaigns closed longer ago than the
retention period (``SURVEY_APP_RETENTION_MONTHS``), as the privacy notice promises.

UU 27/2022 Ps. 16 (and Ps. 43/44): personal data is processed only as long as its
purpose needs, then deleted. Answers are deleted, not aggregated: even an anonymous
response can single out someone in a small unit, and the consultation's results have
by then left the app as the policy draft. Deleted with them: the drafts, submission
receipts, invitation codes, stored results and export files of the campaign. The
campaign itself (title, dates) stays, so the audit log and focus-group sessions that
refer to it still read. ``--dry-run`` lists what would go; a real run is audited
(``retention.apply``, actor ``cli``), one event per campaign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.orm import InstrumentedAttribute

from . import audit
from .campaigns.models import Campaign, Invitation
from .clock import local_today, months_before, utcnow
from .extensions import db
from .jobs.models import ExportJob
from .mentoring import retention as mentoring_retention
from .respond.models import Draft, Response, SubmissionReceipt
from .resultcache.models import StoredResult

#: What a campaign's deletion removes (each table by its campaign column), in this order.
TABLES: dict[str, InstrumentedAttribute[int]] = {
    "responses": Response.campaign_id,
    "drafts": Draft.campaign_id,
    "receipts": SubmissionReceipt.campaign_id,
    "invitations": Invitation.campaign_id,
    "stored results": StoredResult.campaign_id,
    "export files": ExportJob.campaign_id,
}


@dataclass(frozen=True)
class Due:
    """A campaign past its retention period, and how many rows of each kind it holds."""

    slug: str
    campaign_id: int
    closed: dt.datetime
    counts: dict[str, int]

    def describe(self) -> str:
        held = ", ".join(f"{n} {name}" for name, n in self.counts.items() if n)
        return f"{self.slug} (closed {self.closed:%Y-%m-%d}): {held}"


def cutoff(months: int, now: dt.datetime | None = None) -> dt.datetime:
    """Campaigns closed at or before this are past the retention period."""
    return months_before(now or utcnow(), months)


def due(before: dt.datetime) -> list[Due]:
    """Campaigns closed at or before ``before`` that still hold any row to delete."""
    closed = sa.or_(Campaign.closed_at <= before, Campaign.closes_at <= before)
    campaigns = db.session.scalars(sa.select(Campaign).where(closed).order_by(Campaign.id))
    found = [_due(campaign) for campaign in campaigns]
    return [item for item in found if any(item.counts.values())]


def _due(campaign: Campaign) -> Due:
    ends = [moment for moment in (campaign.closed_at, campaign.closes_at) if moment is not None]
    counts = {name: _count(column, campaign.id) for name, column in TABLES.items()}
    return Due(campaign.slug, campaign.id, min(ends), counts)


def _count(column: InstrumentedAttribute[int], campaign_id: int) -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).where(column == campaign_id)) or 0)


def delete(item: Due, months: int) -> None:
    """Delete the campaign's rows and audit it, in the caller's transaction (flushes)."""
    for column in TABLES.values():
        db.session.execute(
            sa.delete(column.class_).where(column == item.campaign_id),
            execution_options={"synchronize_session": False},
        )
    details = {name.replace(" ", "_"): n for name, n in item.counts.items()}
    audit.record("retention.apply", "campaign", item.slug, months=months, **details)
    db.session.flush()


retention_cli = AppGroup("retention", help="Delete answers past the retention period.")


@retention_cli.command("apply")
@click.option("--dry-run", is_flag=True, help="Only list what would be deleted.")
def apply_command(dry_run: bool) -> None:
    """Delete the answers of campaigns closed more than SURVEY_APP_RETENTION_MONTHS ago,
    and the named data of mentoring rounds ended more than 12 months ago."""
    months = int(current_app.config["SURVEY_APP_RETENTION_MONTHS"])
    items = due(cutoff(months))
    rounds = mentoring_retention.due_rounds(local_today())
    if not items and not rounds:
        click.echo(f"Nothing is older than the retention period ({months} months).")
        return
    if not dry_run:
        for item in items:
            delete(item, months)
        for round_ in rounds:
            mentoring_retention.erase(round_)
        db.session.commit()
    for described in [item.describe() for item in items] + [r.describe() for r in rounds]:
        click.echo(("would delete " if dry_run else "deleted ") + described)
