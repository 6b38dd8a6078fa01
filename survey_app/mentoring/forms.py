"""The web forms of the mentoring pages; the services check what WTForms cannot."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms import validators as check

from ..forms import StaffForm
from .enrolment import EnrolmentInput
from .enrolment_fields import (
    GRADE_BANDS,
    OPDS,
    POSITION_LABELS,
    SERVICE_LABELS,
    SLOTS,
    slot_label,
)
from .matching import PARTS
from .models import OpdPreference
from .service import RoundInput, default_weights


class CheckboxesField(SelectMultipleField):  # type: ignore[misc]
    """Several checkboxes in a list (WTForms' documented recipe)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _weight(label: Any) -> FloatField:
    return FloatField(label, validators=[check.InputRequired(), check.NumberRange(min=0, max=100)])


def _count(label: Any, default: int) -> IntegerField:
    return IntegerField(
        label, default=default, validators=[check.InputRequired(), check.NumberRange(min=1)]
    )


class RoundForm(StaffForm):
    title = StringField(_l("Title"), validators=[check.InputRequired(), check.Length(max=200)])
    slug = StringField(
        _l("Address (slug)"),
        description=_l("Lower-case letters, digits and dashes; the enrolment page is /m/<slug>."),
        validators=[check.InputRequired(), check.Length(min=2, max=63)],
    )
    enrol_opens_on = DateField(_l("Enrolment opens"), validators=[check.InputRequired()])
    enrol_closes_on = DateField(_l("Enrolment closes"), validators=[check.InputRequired()])
    starts_on = DateField(_l("Round starts"), validators=[check.InputRequired()])
    ends_on = DateField(_l("Round ends"), validators=[check.InputRequired()])
    jp_per_session = _count(_l("JP per session"), 2)
    max_sessions_per_month = _count(_l("Sessions per month that earn JP"), 2)
    mentees_per_mentor = _count(_l("Mentees per mentor"), 3)
    opd_preference = SelectField(_l("OPD of the pair"), default=OpdPreference.ANY.value)
    weight_fit = _weight(_l("Weight: competency fit"))
    weight_seniority = _weight(_l("Weight: seniority"))
    weight_opd = _weight(_l("Weight: OPD preference"))
    weight_availability = _weight(_l("Weight: availability overlap"))
    silent_after_weeks = _count(_l("Flag pairs silent for (weeks)"), 4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opd_preference.choices = [
            (OpdPreference.ANY.value, _l("No preference")),
            (OpdPreference.SAME.value, _l("Same OPD")),
            (OpdPreference.DIFFERENT.value, _l("Different OPD")),
        ]
        for name, value in default_weights().items():
            if self[f"weight_{name}"].data is None:
                self[f"weight_{name}"].data = value

    def entry(self) -> RoundInput:
        return RoundInput(
            title=self.title.data or "",
            slug=(self.slug.data or "").strip().lower(),
            enrol_opens_on=self.enrol_opens_on.data,
            enrol_closes_on=self.enrol_closes_on.data,
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
            jp_per_session=self.jp_per_session.data,
            max_sessions_per_month=self.max_sessions_per_month.data,
            mentees_per_mentor=self.mentees_per_mentor.data,
            opd_preference=self.opd_preference.data or "",
            weights={name: float(self[f"weight_{name}"].data) for name in PARTS},
            silent_after_weeks=self.silent_after_weeks.data,
        )

    def fill(self, entry: RoundInput) -> None:
        for name, value in vars(entry).items():
            if name != "weights":
                self[name].data = value
        for name, value in (default_weights() | entry.weights).items():
            self[f"weight_{name}"].data = value

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            target = self._fields.get(name, self.weight_fit)
            target.errors = [*target.errors, message]


class EnrolmentForm(StaffForm):
    """The public enrolment form; ``competencies.choices`` are set by the view."""

    consent = BooleanField(
        _l("I have read the privacy notice and agree that my data is used for this programme."),
        validators=[check.InputRequired(message=_l("Please give your consent to enrol."))],
    )
    role = RadioField(_l("I enrol as"), validators=[check.InputRequired()])
    name = StringField(_l("Full name"), validators=[check.InputRequired(), check.Length(max=120)])
    contact = StringField(
        _l("E-mail or phone number"),
        description=_l("The coordinator sends your personal link here."),
        validators=[check.InputRequired(), check.Length(max=120)],
    )
    opd = SelectField(_l("OPD (work unit)"), validators=[check.InputRequired()])
    position_type = RadioField(_l("Position type"), validators=[check.InputRequired()])
    grade_band = RadioField(_l("Grade (golongan)"), validators=[check.InputRequired()])
    service_band = RadioField(_l("Years of service"), validators=[check.InputRequired()])
    competencies = CheckboxesField(
        _l("Competencies"),
        description=_l("Mentors: what you can mentor in. Mentees: what you want to develop."),
    )
    availability = CheckboxesField(
        _l("When and how you can meet"),
        description=_l("Choose at least one day and time; add online and/or in person."),
    )
    supervisor = StringField(
        _l("Mentees: your direct supervisor's name (optional)"),
        description=_l("Only used so that you are not matched with your own supervisor."),
        validators=[check.Optional(), check.Length(max=120)],
    )

    def set_choices(self, codes: list[tuple[str, str]]) -> None:
        self.role.choices = [("mentor", _l("Mentor")), ("mentee", _l("Mentee"))]
        self.opd.choices = [("", _l("Choose…")), *((opd, opd) for opd in OPDS)]
        self.position_type.choices = list(POSITION_LABELS.items())
        self.grade_band.choices = [(band, band) for band in GRADE_BANDS]
        self.service_band.choices = list(SERVICE_LABELS.items())
        self.competencies.choices = [(code, f"{code} · {label}") for code, label in codes]
        self.availability.choices = [(slot, slot_label(slot)) for slot in SLOTS]

    def entry(self) -> EnrolmentInput:
        return EnrolmentInput(
            role=self.role.data or "",
            name=self.name.data or "",
            contact=self.contact.data or "",
            opd=self.opd.data or "",
            position_type=self.position_type.data or "",
            grade_band=self.grade_band.data or "",
            service_band=self.service_band.data or "",
            codes=tuple(self.competencies.data or ()),
            availability=tuple(self.availability.data or ()),
            supervisor=self.supervisor.data or "",
        )

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            if not self[name].errors:
                self[name].errors = [*self[name].errors, message]


class ImportForm(StaffForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])


class ActionForm(StaffForm):
    """A button that changes something: only the CSRF token."""
