"""The web form of a new campaign series; the service checks what WTForms cannot."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField
from wtforms import validators as check
from wtforms.widgets import CheckboxInput, ListWidget

from ..campaigns.models import Campaign
from ..forms import StaffForm
from .service import SeriesInput


class CampaignsField(SelectMultipleField):  # type: ignore[misc]
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SeriesForm(StaffForm):
    """``campaigns.choices`` are set by the view from the campaigns."""

    title = StringField(_l("Title"), validators=[check.InputRequired(), check.Length(max=200)])
    slug = StringField(
        _l("Short name for the address"),
        description=_l("Lower-case letters, digits and dashes, e.g. tna-yearly"),
        validators=[check.InputRequired(), check.Length(max=63)],
    )
    campaigns = CampaignsField(
        _l("Waves (at least two campaigns of the same questionnaire)"), choices=[]
    )

    def set_choices(self, campaigns: list[Campaign]) -> None:
        self.campaigns.choices = [(c.slug, choice_label(c)) for c in campaigns]

    def entry(self) -> SeriesInput:
        return SeriesInput(
            slug=(self.slug.data or "").strip(),
            title=self.title.data or "",
            campaigns=tuple(self.campaigns.data or ()),
        )

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self[name].errors = [*self[name].errors, message]


def choice_label(campaign: Campaign) -> str:
    """``"TNA 2026 (tna-2026; questionnaire tna-asn)"``."""
    form_id = campaign.version.questionnaire.form_id
    return f"{campaign.title or campaign.slug} ({campaign.slug}; {form_id})"
