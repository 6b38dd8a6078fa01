"""What loading a file would do, decided before anything is written.

``questionnaire load`` (and its ``--dry-run``), ``questionnaire validate`` and the
upload page all ask a :class:`Catalogue`: the stored versions of each ``form_id``
(read once), plus the files accepted earlier in the same batch. A plan is made
from reads only, so a dry run answers exactly as loading would, and a load writes
nothing until the file has passed every check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from ..extensions import db
from ..questionnaire import Form, QuestionnaireInvalid, SessionForm, parse_located
from ..questionnaire.types.base import Finding
from ..questionnaire.yaml_source import Problem
from ..questionnaire.yaml_subset import MAX_FILE_BYTES
from .cache import AnyForm, any_form_of
from .compatibility import Earlier, conflicts
from .models import Questionnaire, QuestionnaireVersion

_KIND_NAMES = {"survey": "a survey", "focus_group": "a focus-group session form"}


class IncompatibleChange(QuestionnaireInvalid):
    """A valid file that cannot follow the stored versions (each problem at its line)."""


@dataclass(frozen=True)
class Version:
    """One version of a form as the checks read it: stored, or planned in this batch."""

    number: int
    label: str
    content_hash: str
    #: None when a stored source no longer parses: it is then not compared.
    form: AnyForm | None
    stored: QuestionnaireVersion | None = None


@dataclass
class Entry:
    """A ``form_id``: its kind (None while unknown) and versions, oldest first."""

    form_id: str
    kind: str | None = None
    questionnaire: Questionnaire | None = None
    versions: list[Version] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """Loading one file: it becomes version ``number``, or (``created`` false) is that one."""

    text: str
    source_name: str
    form: AnyForm
    number: int
    created: bool
    #: The stored version with this content, when nothing is new.
    existing: QuestionnaireVersion | None = None

    @property
    def label(self) -> str:
        return self.form.spec.version


class Catalogue:
    """The stored versions of every form, plus those planned earlier in this batch.

    ``read_store=False`` sees no database (``validate`` where none is set up): a file
    is then checked on its own and against the files of the same batch.
    """

    def __init__(self, *, read_store: bool = True) -> None:
        self.read_store = read_store
        self._entries: dict[str, Entry] = {}

    def plan(self, text: str, source_name: str, max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
        """What loading ``text`` would do; raises ``QuestionnaireInvalid`` (every problem)."""
        parsed = parse_located(text, max_bytes)
        form = parsed.form
        entry = self._entry(form.form_id)
        findings = self._findings(entry, form)
        if findings:
            position = parsed.document.position_of
            raise IncompatibleChange([Problem(position(path), why) for path, why in findings])
        latest = entry.versions[-1] if entry.versions else None
        if latest is not None and latest.content_hash == form.content_hash:
            return Plan(text, source_name, form, latest.number, False, latest.stored)
        return Plan(text, source_name, form, latest.number + 1 if latest else 1, True)

    def accept(self, plan: Plan, *, write: bool) -> QuestionnaireVersion | None:
        """Count ``plan`` in for the batch's later files; with ``write``, store it (flushes)."""
        if not plan.created:
            return plan.existing
        entry = self._entry(plan.form.form_id)
        entry.kind = plan.form.kind
        stored = self._write(entry, plan) if write else None
        entry.versions.append(
            Version(plan.number, plan.label, plan.form.content_hash, plan.form, stored)
        )
        return stored

    def _write(self, entry: Entry, plan: Plan) -> QuestionnaireVersion:
        if entry.questionnaire is None:  # added with its first version
            entry.questionnaire = Questionnaire(form_id=entry.form_id, kind=plan.form.kind)
        version = QuestionnaireVersion(
            questionnaire=entry.questionnaire,
            number=plan.number,
            label=plan.label,
            content_hash=plan.form.content_hash,
            source=plan.text,
            source_name=plan.source_name,
        )
        db.session.add(version)
        db.session.flush()
        return version

    def _findings(self, entry: Entry, form: AnyForm) -> list[Finding]:
        """Why ``form`` cannot follow ``entry``'s versions (empty when it can)."""
        latest = entry.versions[-1] if entry.versions else None
        if latest is None:
            return self._link(form)
        if entry.kind != form.kind:
            return [(("form_id",), _changed_kind(entry, latest, form))]
        if latest.content_hash == form.content_hash:
            return []
        if older := next((v for v in entry.versions if v.content_hash == form.content_hash), None):
            return [(("version",), _reverted(entry, older, latest))]
        earlier = [
            Earlier(entry.form_id, v.number, v.label, _details(v.form))
            for v in entry.versions
            if v.form is not None
        ]
        return [*conflicts(earlier, form), *self._link(form)]

    def _link(self, form: AnyForm) -> list[Finding]:
        """A session form names a loaded survey (or one earlier in the batch)."""
        if not isinstance(form, SessionForm):
            return []
        survey = self._entry(form.spec.survey_form)
        if survey.kind == "survey" and survey.versions:
            return []
        if not self.read_store:
            return []  # the store is not there to ask
        return [
            (
                ("survey_form",),
                f"survey_form '{form.spec.survey_form}' is not a loaded survey; load it "
                "first, or in the same command",
            )
        ]

    def _entry(self, form_id: str) -> Entry:
        if form_id not in self._entries:
            self._entries[form_id] = self._stored(form_id)
        return self._entries[form_id]

    def _stored(self, form_id: str) -> Entry:
        if not self.read_store:
            return Entry(form_id)
        found = db.session.scalar(sa.select(Questionnaire).filter_by(form_id=form_id))
        if found is None:
            return Entry(form_id)
        versions = [
            Version(v.number, v.label, v.content_hash, _readable(v), v) for v in found.versions
        ]
        return Entry(form_id, found.kind, found, versions)


def _readable(version: QuestionnaireVersion) -> AnyForm | None:
    try:
        return any_form_of(version)
    except (QuestionnaireInvalid, LookupError):
        return None


def _details(form: AnyForm) -> Form:
    """The part of a form that carries answers: a survey, or a session form's details."""
    return form.details if isinstance(form, SessionForm) else form


def _changed_kind(entry: Entry, latest: Version, form: AnyForm) -> str:
    was, becomes = _KIND_NAMES.get(entry.kind or ""), _KIND_NAMES.get(form.kind)
    return (
        f"conflicts with version {latest.number} ('{latest.label}') of {entry.form_id}: "
        f"it is {was} and cannot become {becomes}; give the new form another form_id"
    )


def _reverted(entry: Entry, older: Version, latest: Version) -> str:
    return (
        f"this content is the same as version {older.number} ('{older.label}') of "
        f"{entry.form_id}, which version {latest.number} ('{latest.label}') replaced; to go "
        "back, give the file a new version label and load it again"
    )
