"""Loading questionnaire files into immutable versions, and the per-process form cache."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from ..extensions import db
from ..questionnaire import Form, parse_form
from .compatibility import incompatibilities
from .models import Questionnaire, QuestionnaireVersion


class IncompatibleChange(ValueError):
    """A new version would make earlier exports or analyses ambiguous."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class LoadResult:
    version: QuestionnaireVersion
    created: bool


def load_file(path: Path) -> LoadResult:
    """Store ``path`` as a new version unless its content is already stored. Flushes."""
    text = path.read_text(encoding="utf-8")
    return load_text(text, path.name)


def load_text(text: str, source_name: str) -> LoadResult:
    form = parse_form(text)  # raises QuestionnaireInvalid
    questionnaire = _questionnaire(form.form_id)
    if (latest := questionnaire.versions[-1:]) and latest[0].content_hash == form.content_hash:
        return LoadResult(latest[0], created=False)
    if older := [v for v in questionnaire.versions if v.content_hash == form.content_hash]:
        raise IncompatibleChange(
            [
                f"this content is the same as version {older[0].number}, which a later version "
                "replaced; to go back, give the file a new `version` label and load it again"
            ]
        )
    if problems := incompatibilities([form_of(v) for v in questionnaire.versions], form):
        raise IncompatibleChange(problems)
    version = QuestionnaireVersion(
        questionnaire=questionnaire,
        number=len(questionnaire.versions) + 1,
        label=form.spec.version,
        content_hash=form.content_hash,
        source=text,
        source_name=source_name,
    )
    db.session.add(version)
    db.session.flush()
    return LoadResult(version, created=True)


def _questionnaire(form_id: str) -> Questionnaire:
    found = db.session.scalar(sa.select(Questionnaire).filter_by(form_id=form_id))
    if found is None:
        found = Questionnaire(form_id=form_id)
        db.session.add(found)
    return found


def latest_version(form_id: str) -> QuestionnaireVersion | None:
    return db.session.scalar(
        sa.select(QuestionnaireVersion)
        .join(Questionnaire)
        .where(Questionnaire.form_id == form_id)
        .order_by(QuestionnaireVersion.number.desc())
        .limit(1)
    )


def form_of(version: QuestionnaireVersion) -> Form:
    """The parsed form of a stored version; parsed once per process and version."""
    return _cached_form(version.content_hash, version.id)


@lru_cache(maxsize=64)
def _cached_form(content_hash: str, version_id: int) -> Form:
    source = db.session.scalar(
        sa.select(QuestionnaireVersion.source).where(QuestionnaireVersion.id == version_id)
    )
    if source is None:
        raise LookupError(f"questionnaire version {version_id} is not stored")
    return parse_form(source)
