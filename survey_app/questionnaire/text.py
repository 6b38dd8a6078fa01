"""Multilingual text as written in questionnaire files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypeAlias

from pydantic import Field

#: Either one text for every language, or a map from language code to text.
LocalText: TypeAlias = Annotated[
    str | dict[str, str],
    Field(description="Text, or a map from language code (id, en) to text"),
]


def localize(text: LocalText | None, language: str, fallback: str) -> str:
    """The text in ``language``, else in the form's default language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(fallback) or next(iter(text.values()), "")


def missing_languages(text: LocalText | None, languages: Sequence[str]) -> list[str]:
    if text is None or isinstance(text, str):
        return []
    return [lang for lang in languages if not text.get(lang)]
