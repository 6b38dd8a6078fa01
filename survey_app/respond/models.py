"""Responses, drafts and submission receipts.

Anonymity is a property of this schema: a response row holds the answers, the campaign
and the submission *date*, under a random id, and nothing else. No column in any table
joins a response to an invitation, a resume code, a draft or a browser session.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base


class Response(Base):
    __tablename__ = "response"
    #: Without a rowid, SQLite stores rows in random-id order, not in submission order.
    __table_args__ = ({"sqlite_with_rowid": False},)

    #: Random (UUID4): neither sequential nor time-ordered.
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id"), index=True)
    #: The day of submission; never a time.
    submitted_on: Mapped[dt.date]
    #: Every answer, keyed by question name (the exact values).
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    #: Float32 little-endian vector of the numeric answers in the version's column order.
    numeric: Mapped[bytes] = mapped_column(sa.LargeBinary)
    #: The report-group answers as uint16 choice positions (:meth:`Form.group_codes`);
    #: NULL on rows stored before this column existed (read from ``answers`` instead).
    group_codes: Mapped[bytes | None] = mapped_column(sa.LargeBinary)


class Draft(Base):
    """An unfinished response. Deleted, in the same transaction, when it is submitted."""

    __tablename__ = "draft"

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    #: The invitation to spend at submit (token campaigns); gone with the draft.
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invitation.id", ondelete="CASCADE")
    )
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    #: Hash of the resume code, when the respondent saved for later; cleared when it is used.
    resume_code_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: The page the respondent saved on, where the resume code lands (0-based).
    saved_page: Mapped[int | None]
    #: Random key posted with the final submit; the receipt keeps only its hash.
    submission_key: Mapped[uuid.UUID] = mapped_column(sa.Uuid, default=uuid.uuid4)
    expires_on: Mapped[dt.date] = mapped_column(index=True)


class SubmissionReceipt(Base):
    """Proof that a submission key was used: a repeat submit finds it and stores nothing.

    It deliberately has no reference to the response it stands for.
    """

    __tablename__ = "submission_receipt"

    key_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
