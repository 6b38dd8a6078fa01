"""Campaign writes by staff (web or CLI): each flushes and is audited, never commits."""

from __future__ import annotations

from .. import audit
from ..campaigns.models import Campaign
from ..campaigns.service import (
    CampaignSettings,
    close_campaign,
    create_campaign,
    issue_invitations,
    reopen_campaign,
)
from ..respond.scrub import scrub_linkage


def create(settings: CampaignSettings) -> Campaign:
    """A new campaign on the latest version of ``settings.form_id``; raises CampaignError."""
    campaign = create_campaign(settings)
    audit.record(
        "campaign.create",
        "campaign",
        campaign.slug,
        form_id=settings.form_id,
        version=campaign.version.number,
        access=campaign.access.value,
    )
    return campaign


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


def issue(campaign: Campaign, count: int) -> list[str]:
    """``count`` new codes, returned once; the log keeps the number, never a code."""
    codes = issue_invitations(campaign, count)
    audit.record("campaign.invitations", "campaign", campaign.slug, count=count)
    return codes
