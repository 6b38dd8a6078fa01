"""Choosing and screening focus-group quotes for the policy draft.

Quotes are read from the current record (amendments included) of the campaign's
finalized sessions. Nothing reaches the draft unless a drafter ticked it and left a
screened text; flushes and audits, never commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from .. import audit
from ..auth.models import User
from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import db
from ..fgd.models import FgdSession
from ..fgd.service import finalized_sessions
from ..screening import Choice
from ..versions.service import session_form_of
from .models import QuoteSelection

#: The longest screened text kept (the focus-group record allows 1,000 characters).
MAX_TEXT = 1000


@dataclass(frozen=True)
class Quote:
    """One quote of a finalized session, with the drafter's selection if any."""

    session: FgdSession
    prompt: str
    prompt_label: str
    position: int
    speaker: str
    text: str
    selection: QuoteSelection | None

    @property
    def key(self) -> str:
        """The form field suffix naming this quote: ``SESSION/PROMPT/POSITION``."""
        return f"{self.session.id}/{self.prompt}/{self.position}"

    @property
    def digest(self) -> str:
        return quote_digest(self.speaker, self.text)

    @property
    def selected(self) -> bool:
        """Chosen, and the quote is still the one that was screened."""
        return self.selection is not None and self.selection.source_digest == self.digest

    @property
    def stale(self) -> bool:
        """Chosen, but an amendment has changed the quote since: screen it again."""
        return self.selection is not None and not self.selected


class SelectionError(ValueError):
    """A ticked quote without screened text, or with too much of it; ``keys`` says which."""

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = list(keys)


def quote_digest(speaker: str, text: str) -> str:
    return hashlib.sha256(f"{speaker}\n{text}".encode()).hexdigest()


def campaign_quotes(campaign: Campaign, language: str) -> list[Quote]:
    """Every quote of the campaign's finalized sessions, in session and prompt order."""
    sessions = finalized_sessions(campaign)
    chosen = _selections([s.id for s in sessions])
    return [quote for s in sessions for quote in _session_quotes(s, chosen, language)]


def selected_quotes(campaign: Campaign, language: str) -> list[Quote]:
    """The quotes that go into the draft: ticked, screened, and unchanged since."""
    return [quote for quote in campaign_quotes(campaign, language) if quote.selected]


def save_selection(campaign: Campaign, choices: Mapping[str, Choice], user: User) -> int:
    """Apply the drafter's choices to the quotes they name; returns the number changed.

    A quote absent from ``choices`` (not on the page the drafter saw) is left as it is.

    :raises SelectionError: a ticked quote whose screened text is empty or too long
        (nothing is changed then).
    """
    quotes = campaign_quotes(campaign, "id")
    invalid = [q.key for q in quotes if _invalid(choices.get(q.key))]
    if invalid:
        raise SelectionError(invalid)
    changes = [q for q in quotes if q.key in choices and _apply(q, choices[q.key], user)]
    db.session.flush()
    if changes:
        audit.record(
            "policy.quotes",
            "campaign",
            campaign.id,
            campaign=campaign.slug,
            selected=[q.key for q in changes if _included(choices.get(q.key))],
            removed=[q.key for q in changes if not _included(choices.get(q.key))],
        )
    return len(changes)


def _invalid(choice: Choice | None) -> bool:
    return choice is not None and choice.incomplete(MAX_TEXT)


def _included(choice: Choice | None) -> bool:
    return choice is not None and choice.keep


def _apply(quote: Quote, choice: Choice, user: User) -> bool:
    """Add, update or remove one selection; True when something changed."""
    current = quote.selection
    if not choice.keep:
        if current is not None:
            db.session.delete(current)
        return current is not None
    if current is None:
        current = QuoteSelection(
            session_id=quote.session.id, prompt=quote.prompt, position=quote.position
        )
        db.session.add(current)
    elif quote.selected and current.screened_text == choice.text:
        return False
    current.source_digest, current.screened_text = quote.digest, choice.text
    current.selected_by, current.selected_at = user.id, utcnow()
    return True


def _selections(session_ids: list[int]) -> dict[tuple[int, str, int], QuoteSelection]:
    if not session_ids:
        return {}
    rows = db.session.scalars(
        sa.select(QuoteSelection).where(QuoteSelection.session_id.in_(session_ids))
    )
    return {(row.session_id, row.prompt, row.position): row for row in rows}


def _session_quotes(
    session: FgdSession, chosen: Mapping[tuple[int, str, int], QuoteSelection], language: str
) -> Iterator[Quote]:
    form = session_form_of(session.version)
    prompts = session.current_record.get("prompts", {})
    for spec in form.prompts:
        for position, quote in enumerate(prompts.get(spec.name, {}).get("quotes", [])):
            yield Quote(
                session,
                spec.name,
                form.text(spec.label, language),
                position,
                quote["speaker"],
                quote["text"],
                chosen.get((session.id, spec.name, position)),
            )
