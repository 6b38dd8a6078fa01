"""``flask housekeeping``: delete what the app no longer needs to keep (UU 27/2022 Ps. 16).

Expired drafts (unfinished answers nobody can resume), attempt counters (wrong codes,
failed logins, new drafts) from past windows, submission receipts of closed campaigns
(a closed campaign takes no more submits, so there is no double submit left to catch),
background export files past their time (``SURVEY_APP_EXPORT_KEEP_HOURS``), and stored
results (priority tables) superseded by new responses or older than 30 days. Safe to
run from cron.
"""

from __future__ import annotations

import time

import click
import sqlalchemy as sa
from flask import current_app

from .campaigns.models import Campaign
from .clock import local_today, utcnow
from .extensions import db
from .jobs.service import expired_jobs
from .ratelimit import FailedAttempt
from .respond.models import Draft, SubmissionReceipt
from .resultcache.store import stale_results


def purge() -> dict[str, int]:
    """Delete stale rows; returns how many of each. Flushes, the caller commits."""
    config = current_app.config
    window = max(
        int(config[f"SURVEY_APP_{kind}_WINDOW_SECONDS"]) for kind in ("CODE", "LOGIN", "DRAFT")
    )
    closed = sa.select(Campaign.id).where(
        sa.or_(Campaign.closed_at.is_not(None), Campaign.closes_at <= utcnow())
    )
    deletes = {
        "expired drafts": sa.delete(Draft).where(Draft.expires_on < local_today()),
        "old failed attempts": sa.delete(FailedAttempt).where(
            FailedAttempt.window_start < int(time.time()) - window
        ),
        "receipts of closed campaigns": sa.delete(SubmissionReceipt).where(
            SubmissionReceipt.campaign_id.in_(closed)
        ),
        "expired export files": expired_jobs(),
        "stale stored results": stale_results(),
    }
    return {name: _count(db.session.execute(statement)) for name, statement in deletes.items()}


def _count(result: sa.Result[object]) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


@click.command("housekeeping")
def housekeeping_command() -> None:
    """Delete expired drafts, old failed-attempt counters, receipts of closed campaigns,
    expired export files and stale stored results."""
    counts = purge()
    db.session.commit()
    for name, count in counts.items():
        click.echo(f"deleted {count} {name}")
