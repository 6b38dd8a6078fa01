"""Audited campaign writes shared by the staff pages, the CLIs and the training
evaluation: each flushes and records an audit entry, never commits."""

from __future__ import annotations

from .. import audit
from .models import Campaign
from .service import CampaignSettings, create_campaign, issue_invitations


def create(settings: CampaignSettings) -> Campaign:
    """A new campaign on the latest version of ``settings.form_id``; raises CampaignError."""
    campaign = create_campaign(settings)
    targets = {} if settings.targeted_codes is None else {"targets": list(settings.targeted_codes)}
    audit.record(
        "campaign.create",
        "campaign",
        campaign.slug,
        form_id=settings.form_id,
        version=campaign.version.number,
        access=campaign.access.value,
        **targets,
    )
    return campaign


def issue(campaign: Campaign, count: int) -> list[str]:
    """``count`` new codes, returned once; the log keeps the number, never a code."""
    codes = issue_invitations(campaign, count)
    audit.record("campaign.invitations", "campaign", campaign.slug, count=count)
    return codes
