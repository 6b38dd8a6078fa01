"""Loading questionnaire files into immutable versions, and the per-process form cache."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from ..extensions import db
from ..questionnaire import Form, SessionForm, parse_any
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


_SESSION_KIND = re.compile(r"^kind:\s*['\"]?focus_group\b", re.MULTILINE)


def in_load_order(paths: Iterable[Path]) -> list[Path]:
    """Surveys before focus-group forms, which name a survey that must already be loaded."""
    return sorted(paths, key=lambda path: bool(_SESSION_KIND.search(path.read_text("utf-8"))))


def load_file(path: Path) -> LoadResult:
    """Store ``path`` as a new version unless its content is already stored. Flushes."""
    text = path.read_text(encoding="utf-8")
    return load_text(text, path.name)


AnyForm = Form | SessionForm


def load_text(text: str, source_name: str) -> LoadResult:
    form = parse_any(text)  # raises QuestionnaireInvalid
    questionnaire = _questionnaire(form.form_id, form.kind)
    if (latest := questionnaire.versions[-1:]) and latest[0].content_hash == form.content_hash:
        return LoadResult(latest[0], created=False)
    if older := [v for v in questionnaire.versions if v.content_hash == form.content_hash]:
        raise IncompatibleChange(
            [
                f"this content is the same as version {older[0].number}, which a later version "
                "replaced; to go back, give the file a new `version` label and load it again"
            ]
        )
    if problems := _problems(questionnaire, form):
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


def _questionnaire(form_id: str, kind: str) -> Questionnaire:
    found = db.session.scalar(sa.select(Questionnaire).filter_by(form_id=form_id))
    if found is None:  # added with its first version, once every check has passed
        found = Questionnaire(form_id=form_id, kind=kind)
    elif found.kind != kind:
        raise IncompatibleChange([f"'{form_id}' is a {found.kind} form and cannot become {kind}"])
    return found


def _problems(questionnaire: Questionnaire, form: AnyForm) -> list[str]:
    """Why ``form`` cannot be the next version: ODK's rule, and a loaded linked survey."""
    earlier = [_details(any_form_of(v)) for v in questionnaire.versions]
    problems = incompatibilities(earlier, _details(form))
    if isinstance(form, SessionForm):
        survey = latest_version(form.spec.survey_form)
        if survey is None or survey.questionnaire.kind != "survey":
            problems.append(
                f"survey_form '{form.spec.survey_form}' is not a loaded survey; load it first"
            )
    return problems


def _details(form: AnyForm) -> Form:
    """The part of a form that carries answers: a survey, or a session form's details."""
    return form.details if isinstance(form, SessionForm) else form


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
    return parse_any(source)
