"""Enrolling in a round: check an entry (web form, CSV row), store it with consent.

One :func:`check` serves the public form and the coordinator's CSV import, so both
refuse the same things with the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import ratelimit
from ..clock import local_today
from ..extensions import db
from ..questionnaire.form import Form
from ..results.priorities import competencies
from ..versions.cache import any_form_of
from ..versions.models import QuestionnaireVersion
from .enrolment_fields import GRADE_BANDS, OPDS, POSITION_TYPES, SERVICE_BANDS, SLOTS
from .models import MentoringRound, Participant, ParticipantRole

#: The fields of an entry: the CSV columns, in this order.
FIELDS = (
    "role",
    "name",
    "contact",
    "opd",
    "position_type",
    "grade_band",
    "service_band",
    "competencies",
    "availability",
    "supervisor",
)


@dataclass(frozen=True)
class EnrolmentInput:
    """An enrolment as entered, before it is checked."""

    role: str
    name: str
    contact: str
    opd: str
    position_type: str
    grade_band: str
    service_band: str
    codes: tuple[str, ...]
    availability: tuple[str, ...]
    supervisor: str = ""


@dataclass
class EnrolmentError(ValueError):
    """The entry is refused: a message per field (:data:`FIELDS`)."""

    errors: dict[str, str] = field(default_factory=dict)


class TooManyEnrolments(Exception):
    """This client address made too many enrolments in the window."""


def is_open(round: MentoringRound) -> bool:
    return round.enrol_opens_on <= local_today() <= round.enrol_closes_on


def competency_choices(language: str) -> list[tuple[str, str]]:
    """(code, label) of every loaded questionnaire's competencies, by code; the newest
    version's label wins."""
    versions = db.session.scalars(sa.select(QuestionnaireVersion).order_by(QuestionnaireVersion.id))
    labels: dict[str, str] = {}
    for version in versions:
        form = any_form_of(version)
        for item in competencies(form) if isinstance(form, Form) else ():
            labels[item.code] = form.text(item.label, language)
    return sorted(labels.items())


def check(data: EnrolmentInput, codes: set[str]) -> dict[str, str]:
    """Every problem of ``data`` by field; empty when it may be stored."""
    errors = _text_errors(data) | _choice_errors(data)
    unknown = sorted(set(data.codes) - codes)
    if not data.codes:
        errors["competencies"] = _("Choose at least one competency.")
    elif unknown:
        errors["competencies"] = _(
            "Unknown competency code(s): %(codes)s.", codes=", ".join(unknown)
        )
    return errors


def _text_errors(data: EnrolmentInput) -> dict[str, str]:
    errors = {}
    for name, value, required in (
        ("name", data.name, True),
        ("contact", data.contact, True),
        ("supervisor", data.supervisor, False),
    ):
        if required and not value.strip():
            errors[name] = _("This field is required.")
        elif len(value.strip()) > 120:
            errors[name] = _("At most %(max)d characters.", max=120)
    if data.supervisor.strip() and data.role == ParticipantRole.MENTOR:
        errors["supervisor"] = _("Only mentees name a supervisor.")
    return errors


def _choice_errors(data: EnrolmentInput) -> dict[str, str]:
    allowed = (
        ("role", data.role, tuple(ParticipantRole)),
        ("opd", data.opd, OPDS),
        ("position_type", data.position_type, POSITION_TYPES),
        ("grade_band", data.grade_band, GRADE_BANDS),
        ("service_band", data.service_band, SERVICE_BANDS),
    )
    errors = {
        name: _("Choose one of the listed values.") if value else _("This field is required.")
        for name, value, values in allowed
        if value not in values
    }
    wrong_slots = sorted(set(data.availability) - set(SLOTS))
    if wrong_slots:
        errors["availability"] = _("Unknown availability: %(slots)s.", slots=", ".join(wrong_slots))
    elif not set(data.availability) - {"online", "in_person"}:
        errors["availability"] = _("Choose at least one day and time.")
    return errors


def enrol(round: MentoringRound, data: EnrolmentInput, notice_version: str) -> Participant:
    """Store a checked entry (see :func:`validate`) with the notice it consented to."""
    participant = Participant(
        round_id=round.id,
        role=ParticipantRole(data.role),
        name=data.name.strip(),
        contact=data.contact.strip(),
        opd=data.opd,
        position_type=data.position_type,
        grade_band=data.grade_band,
        service_band=data.service_band,
        competency_codes=list(dict.fromkeys(data.codes)),
        availability=[slot for slot in SLOTS if slot in data.availability],
        supervisor_name=data.supervisor.strip(),
        notice_version=notice_version,
    )
    db.session.add(participant)
    db.session.flush()
    return participant


def validate(data: EnrolmentInput, codes: set[str]) -> None:
    errors = check(data, codes)
    if errors:
        raise EnrolmentError(errors)


def count_new_enrolment() -> None:
    """Count one public enrolment for this address, like new drafts; past the limit
    raise :class:`TooManyEnrolments` (an enrolment is kept for the whole round)."""
    limit = ratelimit.Limit.from_config("SURVEY_APP_DRAFT", "LIMIT")
    key = ratelimit.bucket("mentoring-enrol", ratelimit.client_address())
    if ratelimit.count(key, limit) > limit.attempts:
        raise TooManyEnrolments()
