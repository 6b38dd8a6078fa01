"""The unprotected response export: an explicit choice, with a reason, in the audit log.

Admins only on the web (``dashboard/unprotected.py``); on the command line, whoever runs
``flask export responses --unprotected --reason "..."`` (audited as ``cli``). The
reason is kept in the audit entry and in the file's risk report.
"""

from __future__ import annotations

from typing import Any

from .. import audit
from ..campaigns.models import Campaign

REASON_MIN, REASON_MAX = 10, 500
ACTION = "export.responses_unprotected"


class BadReason(ValueError):
    """The reason is missing, too short or too long; the message says which."""


def clean_reason(text: str | None) -> str:
    """The reason as it will be recorded: spaces collapsed, within the length limits."""
    reason = " ".join((text or "").split())
    if len(reason) < REASON_MIN:
        raise BadReason(f"a reason of at least {REASON_MIN} characters is required")
    if len(reason) > REASON_MAX:
        raise BadReason(f"the reason is longer than {REASON_MAX} characters")
    return reason


def record(campaign: Campaign, reason: str, **options: Any) -> None:
    """Audit the unprotected export (flushes with the transaction; the caller commits)."""
    audit.record(ACTION, "campaign", campaign.slug, reason=reason, **options)
