"""Campaign writes by staff (web or CLI): each flushes and is audited, never commits."""

from __future__ import annotations

from .. import audit
from ..campaigns.models import Campaign
from ..campaigns.operations import create, issue
from ..campaigns.service import close_campaign, reopen_campaign
from ..respond.scrub import scrub_linkage

__all__ = ["close", "create", "issue", "reopen", "scrub"]


def close(campaign: Campaign) -> None:
    """Stop taking answers and scrub storage traces, as ``flask campaign close`` does."""
    close_campaign(campaign)
    scrub_linkage(campaign)
    audit.record("campaign.close", "campaign", campaign.slug)


def scrub(campaign: Campaign) -> bool:
    done = scrub_linkage(campaign)
    audit.record("campaign.scrub", "campaign", campaign.slug, rewritten=done)
    return done


def reopen(campaign: Campaign) -> None:
    reopen_campaign(campaign)
    audit.record("campaign.reopen", "campaign", campaign.slug)
