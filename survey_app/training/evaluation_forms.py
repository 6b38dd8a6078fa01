"""The web form that starts an activity's evaluation campaign."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import validators as check
from wtforms.fields import IntegerField, RadioField, StringField

from ..campaigns.forms import OPEN_ACCESS, TOKEN_ACCESS, CampaignFields, strip
from .evaluation_service import MAX_TOKENS


class EvaluationForm(CampaignFields):
    """By invitation code by default: the participants of an activity are known."""

    title = StringField(
        _l("Title"),
        description=_l("Leave empty to use the activity's title."),
        filters=[strip],
        validators=[check.Optional(), check.Length(max=200)],
    )
    access = RadioField(_l("Access"), choices=[TOKEN_ACCESS, OPEN_ACCESS], default="token")
    tokens = IntegerField(
        _l("Invitation codes to issue now"),
        description=_l("Shown once, on the next page. Usually one per participant."),
        default=0,
        validators=[check.Optional(), check.NumberRange(min=0, max=MAX_TOKENS)],
    )
    population = IntegerField(
        _l("Population (headcount of the target group)"),
        description=_l("Leave empty to use the activity's number of participants."),
        validators=[check.Optional(), check.NumberRange(min=1)],
    )
