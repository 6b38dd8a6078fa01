"""Admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, SelectMultipleField
from wtforms import validators as check
from wtforms.fields import DateTimeLocalField, IntegerField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..auth.models import Role
from ..auth.service import EMAIL, find_user
from ..campaigns.service import MIN_CELL_FLOOR, get_campaign
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


#: Campaign slugs: they appear in the survey address /s/SLUG/.
SLUG = r"^[a-z0-9][a-z0-9-]{1,62}$"


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CampaignForm(StaffForm):
    """A new campaign; ``form_id.choices`` are set by the view from loaded questionnaires.

    Times are entered in the deployment's time zone; the view converts them to UTC.
    """

    form_id = SelectField(_l("Questionnaire"), choices=[], validators=[check.InputRequired()])
    slug = StringField(
        _l("Short name for the survey address"),
        filters=[_strip],
        validators=[
            check.InputRequired(),
            check.Regexp(
                SLUG,
                message=_l(
                    "Use 2 to 63 lower-case letters, digits and dashes, "
                    "starting with a letter or a digit."
                ),
            ),
        ],
    )
    title = StringField(
        _l("Title"), filters=[_strip], validators=[check.Optional(), check.Length(max=200)]
    )
    opens_at = DateTimeLocalField(_l("Opens"), validators=[check.Optional()])
    closes_at = DateTimeLocalField(_l("Closes"), validators=[check.Optional()])
    access = RadioField(
        _l("Access"),
        choices=[
            SelectChoice("open", _l("Open: anyone with the link can answer")),
            SelectChoice("token", _l("Invitation codes: one single-use code per respondent")),
        ],
        default="open",
    )
    population = IntegerField(
        _l("Population (headcount of the target group)"),
        validators=[check.Optional(), check.NumberRange(min=1)],
    )
    min_cell_size = IntegerField(
        _l("Smallest group a report may show"),
        description=_l(
            "At least %(floor)s: a group of one or two people would let its members "
            "recognise each other's answers.",
            floor=MIN_CELL_FLOOR,
        ),
        default=5,
        validators=[
            check.InputRequired(),
            check.NumberRange(
                min=MIN_CELL_FLOOR,
                message=_l("Enter %(floor)s or more.", floor=MIN_CELL_FLOOR),
            ),
        ],
    )

    def validate_slug(self, field: StringField) -> None:
        """The service's own check, asked first so that the page says why in its language."""
        if field.data and get_campaign(field.data) is not None:
            raise check.ValidationError(
                _l("A campaign with the short name %(slug)s already exists.", slug=field.data)
            )

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise check.ValidationError(_l("The closing time must be after the opening time."))


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
