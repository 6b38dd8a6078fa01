"""The web form of a training activity; the service checks what WTForms cannot."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms import validators as check

from ..forms import StaffForm
from .models import DevelopmentForm, form_label
from .service import ActivityInput


class ActivityForm(StaffForm):
    """``campaign.choices`` are set by the view from the campaigns."""

    title = StringField(_l("Title"), validators=[check.InputRequired(), check.Length(max=200)])
    provider = StringField(
        _l("Provider"), validators=[check.InputRequired(), check.Length(max=200)]
    )
    form = SelectField(_l("Form of development"), validators=[check.InputRequired()])
    competencies = StringField(
        _l("Competency codes"),
        description=_l("The codes it targets, separated by spaces or commas, e.g. M.1 T.3"),
        validators=[check.InputRequired()],
    )
    start = DateField(_l("Start date"), validators=[check.InputRequired()])
    end = DateField(_l("End date"), validators=[check.InputRequired()])
    jp = IntegerField(
        _l("JP (lesson hours)"), validators=[check.InputRequired(), check.NumberRange(min=1)]
    )
    participants = IntegerField(
        _l("Participants"), validators=[check.InputRequired(), check.NumberRange(min=0)]
    )
    campaign = SelectField(_l("Needs survey that motivated it (optional)"), choices=[])

    def set_choices(self, campaigns: list[tuple[str, str]]) -> None:
        self.form.choices = [(f.value, form_label(f)) for f in DevelopmentForm]
        self.campaign.choices = [("", _l("None")), *campaigns]

    def entry(self) -> ActivityInput:
        codes = self.competencies.data.replace(",", " ").split()
        return ActivityInput(
            title=self.title.data or "",
            provider=self.provider.data or "",
            form=self.form.data or "",
            codes=tuple(codes),
            starts_on=self.start.data,
            ends_on=self.end.data,
            jp=self.jp.data,
            participants=self.participants.data,
            campaign=self.campaign.data or "",
        )

    def fill(self, entry: ActivityInput) -> None:
        self.title.data = entry.title
        self.provider.data = entry.provider
        self.form.data = entry.form
        self.competencies.data = " ".join(entry.codes)
        self.start.data = entry.starts_on
        self.end.data = entry.ends_on
        self.jp.data = entry.jp
        self.participants.data = entry.participants
        self.campaign.data = entry.campaign

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self[name].errors = [*self[name].errors, message]
