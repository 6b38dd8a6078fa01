"""Quotes a drafter chose, and screened, for the policy draft.

A focus-group quote lives inside a session's record (``prompts.<name>.quotes[i]``), so a
selection names it by session, prompt and position, and keeps a digest of the quote as
it was when chosen: if a later amendment changes that quote, the digest no longer
matches and the selection is left out of the draft until the drafter screens it again.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import Base


class QuoteSelection(Base):
    __tablename__ = "policy_quote"
    __table_args__ = (sa.UniqueConstraint("session_id", "prompt", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("fgd_session.id", ondelete="CASCADE"), index=True
    )
    #: The prompt's name in the session form.
    prompt: Mapped[str] = mapped_column(sa.String(64))
    #: Index of the quote in that prompt's list (0-based).
    position: Mapped[int]
    #: SHA-256 of the quote's speaker and text when it was chosen.
    source_digest: Mapped[str] = mapped_column(sa.String(64))
    #: The text as screened by the drafter (names removed): the only text the draft prints.
    screened_text: Mapped[str] = mapped_column(sa.Text)
    selected_by: Mapped[int] = mapped_column(sa.ForeignKey("staff_user.id"))
    selected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
