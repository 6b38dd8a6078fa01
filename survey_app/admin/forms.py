"""Admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..auth.models import Role

ROLE_LABELS = {
    Role.ADMIN: _l("Admin: users, questionnaires, campaigns"),
    Role.FACILITATOR: _l("Facilitator: runs own focus-group sessions"),
    Role.DRAFTER: _l("Drafter: reads results and finalized sessions, exports"),
}


class RolesField(SelectMultipleField):  # type: ignore[misc]
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


class UserForm(FlaskForm):  # type: ignore[misc]
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    roles = RolesField(_l("Roles"), choices=_role_choices(), validators=[DataRequired()])


class RolesForm(FlaskForm):  # type: ignore[misc]
    roles = RolesField(_l("Roles"), choices=_role_choices(), validators=[DataRequired()])


class ConfirmForm(FlaskForm):  # type: ignore[misc]
    """A bare POST with its CSRF token (deactivate, reset password)."""
