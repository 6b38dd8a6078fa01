"""Free text is screened before any page or document shows it (names removed).

The focus-group quotes of the policy draft and the open answers of an evaluation
campaign are screened on the same kind of page: per text a tick ("use it") and the
screened text. :func:`posted_choices` reads such a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """What the screener posted for one text: whether to use it, and the text as screened."""

    keep: bool
    text: str

    def incomplete(self, limit: int) -> bool:
        """Kept, but with no screened text or more than ``limit`` characters of it."""
        return self.keep and not 0 < len(self.text) <= limit


def posted_choices(form: Mapping[str, str], tick: str) -> dict[str, Choice]:
    """One choice per ``text/KEY`` field: ``{tick}/KEY`` ticked, the text with its line
    ends normalised and stripped; keyed by ``KEY``."""
    keys = [name.removeprefix("text/") for name in form if name.startswith("text/")]
    return {
        key: Choice(
            keep=form.get(f"{tick}/{key}") == "1",
            text=form.get(f"text/{key}", "").replace("\r\n", "\n").strip(),
        )
        for key in keys
    }
