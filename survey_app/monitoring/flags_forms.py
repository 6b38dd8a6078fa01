"""The decision form under a flag; the service checks the rule and the code."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms import validators as check
from wtforms.fields.choices import SelectChoice

from ..forms import StaffForm
from .decisions import MAX_TEXT, DecisionInput
from .models import Decision

DECISIONS = [
    SelectChoice(Decision.ADJUST.value, _l("Adjust the material")),
    SelectChoice(Decision.KEEP.value, _l("Keep the activity as it is")),
    SelectChoice(Decision.RETIRE.value, _l("Retire the activity")),
]


class DecisionForm(StaffForm):
    rule = HiddenField()
    code = HiddenField()
    decision = RadioField(_l("Decision"), choices=DECISIONS, validators=[check.InputRequired()])
    what_to_change = TextAreaField(
        _l("What to change (required to adjust)"), validators=[check.Length(max=MAX_TEXT)]
    )
    note = TextAreaField(_l("Note"), validators=[check.Length(max=MAX_TEXT)])

    def entry(self) -> DecisionInput:
        return DecisionInput(
            rule=self.rule.data or "",
            code=self.code.data or None,
            decision=self.decision.data or "",
            what_to_change=self.what_to_change.data or "",
            note=self.note.data or "",
        )

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            field = self[name] if name in ("decision", "what_to_change", "note") else None
            if field is None:
                self.form_errors.append(message)
            else:
                field.errors = [*field.errors, message]
