"""The fields every campaign is entered with, shared by the admin console and the
training evaluations. Times are in the deployment's time zone; the views convert to UTC."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import validators as check
from wtforms.fields import DateTimeLocalField, IntegerField, RadioField, StringField
from wtforms.fields.choices import SelectChoice

from ..forms import StaffForm
from .service import MIN_CELL_FLOOR, get_campaign

#: Campaign slugs: they appear in the survey address /s/SLUG/.
SLUG = r"^[a-z0-9][a-z0-9-]{1,62}$"

OPEN_ACCESS = SelectChoice("open", _l("Open: anyone with the link can answer"))
TOKEN_ACCESS = SelectChoice("token", _l("Invitation codes: one single-use code per respondent"))


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CampaignFields(StaffForm):
    slug = StringField(
        _l("Short name for the survey address"),
        filters=[strip],
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
        _l("Title"), filters=[strip], validators=[check.Optional(), check.Length(max=200)]
    )
    opens_at = DateTimeLocalField(_l("Opens"), validators=[check.Optional()])
    closes_at = DateTimeLocalField(_l("Closes"), validators=[check.Optional()])
    access = RadioField(_l("Access"), choices=[OPEN_ACCESS, TOKEN_ACCESS], default="open")
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
