"""Erase what the storage engine, not the schema, knows about who answered what.

The schema links no response to an invitation. PostgreSQL, though, stamps each row
with the id of the transaction that wrote it (``xmin``) and keeps rows in write order:
a response and the invitation spent with it share a transaction id, and physical order
follows submission order. Scrubbing rewrites a campaign's spent invitations and
responses in one transaction (one shared ``xmin``), then reorders the tables by their
keys (random ids for responses, issue order for invitations) and drops dead draft
rows. SQLite keeps no transaction ids, stores responses by random id and overwrites
deleted rows (``secure_delete``), so there it has nothing to do.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..campaigns.models import Campaign, Invitation
from ..extensions import db
from .models import Draft, Response

REORDER = (
    "CLUSTER invitation USING pk_invitation",
    "CLUSTER response USING pk_response",
    "CLUSTER draft USING pk_draft",
)


def scrub_linkage(campaign: Campaign) -> bool:
    """Rewrite the campaign's rows; False when the database needs no scrubbing."""
    if db.session.get_bind().dialect.name != "postgresql":
        return False
    spent = Invitation.campaign_id == campaign.id, Invitation.used.is_(True)
    db.session.execute(sa.update(Invitation).where(*spent).values(used=True))
    ours = Response.campaign_id == campaign.id
    db.session.execute(sa.update(Response).where(ours).values(campaign_id=Response.campaign_id))
    db.session.execute(
        sa.update(Draft)
        .where(Draft.campaign_id == campaign.id)
        .values(campaign_id=Draft.campaign_id)
    )
    for statement in REORDER:
        db.session.execute(sa.text(statement))
    return True
