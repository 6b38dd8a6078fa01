"""Admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, SelectMultipleField
from wtforms import validators as check
from wtforms.fields import IntegerField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..auth.models import Role
from ..auth.service import EMAIL, find_user
from ..campaigns.forms import CampaignFields
from ..forms import StaffForm

ROLE_LABELS = {
    Role.ADMIN: _l("Admin: users, questionnaires, campaigns"),
    Role.FACILITATOR: _l("Facilitator: runs own focus-group sessions"),
    Role.DRAFTER: _l("Drafter: reads results and finalized sessions, exports"),
    Role.EVALUATOR: _l("Evaluator: keeps training activities and their coverage"),
    Role.COORDINATOR: _l("Mentoring coordinator: rounds, enrolments, matching and session logs"),
}


class RolesField(SelectMultipleField):  # type: ignore[misc]
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


class UserForm(StaffForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    roles = RolesField(_l("Roles"), choices=_role_choices(), validators=[DataRequired()])

    def validate_email(self, field: EmailField) -> None:
        """The service's own checks, asked first so that the page says why in its language."""
        email = (field.data or "").strip().lower()
        if not EMAIL.match(email):
            raise check.ValidationError(_l("Enter an e-mail address, such as nama@medan.go.id."))
        if find_user(email) is not None:
            raise check.ValidationError(
                _l("A user with the e-mail address %(email)s already exists.", email=email)
            )


class RolesForm(StaffForm):
    roles = RolesField(_l("Roles"), choices=_role_choices(), validators=[DataRequired()])


class ConfirmForm(StaffForm):
    """A bare POST with its CSRF token (deactivate, reset password)."""


class UploadForm(StaffForm):
    """A questionnaire YAML file; the app's MAX_CONTENT_LENGTH bounds its size."""

    file = FileField(
        _l("Questionnaire file (YAML)"),
        validators=[FileRequired(_l("Choose a YAML file to upload."))],
    )


class CampaignForm(CampaignFields):
    """A new campaign; ``form_id.choices`` are set by the view from loaded questionnaires."""

    form_id = SelectField(_l("Questionnaire"), choices=[], validators=[check.InputRequired()])


class InvitationForm(StaffForm):
    count = IntegerField(
        _l("Number of codes"),
        default=100,
        validators=[check.InputRequired(), check.NumberRange(min=1, max=10_000)],
    )
    output = RadioField(
        _l("Deliver them as"),
        choices=[
            SelectChoice("csv", _l("CSV file (code, link)")),
            SelectChoice("print", _l("Printable sheet: one cut-out card per code")),
        ],
        default="csv",
    )
