"""Stored versions as forms: parsed once per process and version, read-only afterwards."""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa

from ..extensions import db
from ..questionnaire import Form, SessionForm, parse_any
from .models import Questionnaire, QuestionnaireVersion

AnyForm = Form | SessionForm


def latest_version(form_id: str, kind: str | None = None) -> QuestionnaireVersion | None:
    """The newest version of ``form_id`` (of that kind, when given)."""
    kinds = [kind] if kind else ["survey", "focus_group"]
    return db.session.scalar(
        sa.select(QuestionnaireVersion)
        .join(Questionnaire)
        .where(Questionnaire.form_id == form_id, Questionnaire.kind.in_(kinds))
        .order_by(QuestionnaireVersion.number.desc())
        .limit(1)
    )


def form_of(version: QuestionnaireVersion) -> Form:
    """The parsed survey of a stored version; parsed once per process and version."""
    form = any_form_of(version)
    if not isinstance(form, Form):
        raise LookupError(f"questionnaire version {version.id} is not a survey")
    return form


def session_form_of(version: QuestionnaireVersion) -> SessionForm:
    form = any_form_of(version)
    if not isinstance(form, SessionForm):
        raise LookupError(f"questionnaire version {version.id} is not a focus-group form")
    return form


def any_form_of(version: QuestionnaireVersion) -> AnyForm:
    return _cached_form(version.content_hash, version.id)


@lru_cache(maxsize=64)
def _cached_form(content_hash: str, version_id: int) -> AnyForm:
    source = db.session.scalar(
        sa.select(QuestionnaireVersion.source).where(QuestionnaireVersion.id == version_id)
    )
    if source is None:
        raise LookupError(f"questionnaire version {version_id} is not stored")
    # Read as it was accepted: under the size limit and the checks of its day.
    return parse_any(source, max_bytes=None, strict=False)
