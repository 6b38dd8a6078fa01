"""One stored result: a JSON payload under the hash of what it was computed from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import Base


class StoredResult(Base):
    __tablename__ = "stored_result"

    #: SHA-256 (hex) of the answers, the form, the options and the code's fingerprint.
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    #: The campaign whose answers (all, or a subgroup's) it was computed from: deleted
    #: with it.
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    #: The campaign's number of responses then; fewer than now means superseded.
    responses: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
