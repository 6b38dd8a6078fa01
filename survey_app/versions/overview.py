"""Reads for the admin console: every questionnaire, its versions, and which of them parse."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..questionnaire import Form, QuestionnaireInvalid
from .models import Questionnaire, QuestionnaireVersion
from .service import any_form_of, form_of


@dataclass(frozen=True)
class VersionRow:
    version: QuestionnaireVersion
    #: Whether the stored source still passes today's validation.
    valid: bool
    #: A valid survey (not a focus-group form): it can be previewed and pinned by a campaign.
    survey: bool


def overview() -> list[tuple[Questionnaire, list[VersionRow]]]:
    """Questionnaires by ``form_id``, each with its versions, oldest first."""
    questionnaires = db.session.scalars(
        sa.select(Questionnaire)
        .options(selectinload(Questionnaire.versions))
        .order_by(Questionnaire.form_id)
    )
    return [(q, [_row(v) for v in q.versions]) for q in questionnaires]


def _row(version: QuestionnaireVersion) -> VersionRow:
    try:
        form = any_form_of(version)
    except (QuestionnaireInvalid, LookupError):
        return VersionRow(version, valid=False, survey=False)
    return VersionRow(version, valid=True, survey=isinstance(form, Form))


def survey_form_ids() -> list[str]:
    """The ``form_id``s a new campaign can pin: their latest version is a valid survey."""
    return [q.form_id for q, rows in overview() if rows and rows[-1].survey]


def survey_version(version_id: int) -> tuple[QuestionnaireVersion, Form] | None:
    """A stored version and its survey form; None when unknown or not a valid survey."""
    version = db.session.get(QuestionnaireVersion, version_id)
    if version is None or not _row(version).survey:
        return None
    return version, form_of(version)
