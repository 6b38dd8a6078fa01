"""Loading questionnaire files into immutable versions; reading stored ones back."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..questionnaire.yaml_subset import MAX_FILE_BYTES
from .cache import AnyForm, any_form_of, form_of, latest_version, session_form_of
from .cache import _cached_form as _cached_form  # bench/respondent.py clears it
from .catalogue import Catalogue, IncompatibleChange
from .models import QuestionnaireVersion

__all__ = [
    "AnyForm",
    "IncompatibleChange",
    "LoadResult",
    "any_form_of",
    "form_of",
    "in_load_order",
    "latest_version",
    "load_file",
    "load_text",
    "session_form_of",
]


@dataclass(frozen=True)
class LoadResult:
    version: QuestionnaireVersion
    created: bool


_SESSION_KIND = re.compile(r"^kind:\s*['\"]?focus_group\b", re.MULTILINE)


def in_load_order(paths: Iterable[Path]) -> list[Path]:
    """Surveys before focus-group forms, which name a survey that must already be loaded."""
    return sorted(
        paths, key=lambda path: is_session_form(path.read_bytes().decode("utf-8", "replace"))
    )


def is_session_form(text: str) -> bool:
    """Whether the text declares ``kind: focus_group`` (a cheap look, before parsing)."""
    return bool(_SESSION_KIND.search(text))


def load_file(path: Path) -> LoadResult:
    """Store ``path`` as a new version unless its content is already stored. Flushes."""
    return load_text(path.read_text(encoding="utf-8"), path.name)


def load_text(text: str, source_name: str, max_bytes: int | None = MAX_FILE_BYTES) -> LoadResult:
    """Store ``text`` as the next version of its form, or find it unchanged. Flushes.

    Raises ``QuestionnaireInvalid`` (``IncompatibleChange`` when the file is valid but
    cannot follow the stored versions); a refused file writes nothing.
    """
    catalogue = Catalogue()
    plan = catalogue.plan(text, source_name, max_bytes)
    version = catalogue.accept(plan, write=True)
    assert version is not None  # a created plan is written; an unchanged one is stored
    return LoadResult(version, plan.created)
