"""The unprotected response file: admins only, with a reason typed in, audited.

GET shows the warning and the form; POST checks the reason, records
``export.responses_unprotected`` (with the reason and options) and sends the file, or
starts a background job for a large campaign, as the protected downloads do.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..campaigns.service import campaign_or_404
from ..forms import StaffForm
from ..jobs.downloads import View, deliver
from ..reports import unprotected as unprotected_export
from ..reports.outputs import responses_output
from ..versions.service import form_of


def _choices(*pairs: tuple[str, object]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class UnprotectedForm(StaffForm):
    format = RadioField(
        _l("Format"),
        choices=_choices(
            ("csv", "CSV"), ("xlsx", "Excel"), ("sav", "SPSS"), ("json", "JSON Lines")
        ),
        default="csv",
    )
    headers = RadioField(
        _l("Column headers"),
        choices=_choices(("codes", _l("Codes")), ("labels", _l("Question labels"))),
        default="codes",
    )
    language = RadioField(
        _l("Language of labels"),
        choices=_choices(("id", "Bahasa Indonesia"), ("en", "English")),
        default="id",
    )
    reason = TextAreaField(_l("Why is the unprotected file needed?"), validators=[DataRequired()])

    def validate_reason(self, field: TextAreaField) -> None:
        try:
            field.data = unprotected_export.clean_reason(field.data)
        except unprotected_export.BadReason:
            raise ValidationError(
                _l(
                    "Give a reason of %(min)s to %(max)s characters: it is kept in the audit log.",
                    min=unprotected_export.REASON_MIN,
                    max=unprotected_export.REASON_MAX,
                )
            ) from None

    def validate_headers(self, field: RadioField) -> None:
        if field.data == "labels" and self.format.data not in ("csv", "xlsx"):
            raise ValidationError(_l("Question labels as headers are for CSV and Excel only."))


@role_required(Role.ADMIN)
def unprotected(slug: str) -> View:
    campaign = campaign_or_404(slug)
    form = UnprotectedForm(language=form_of(campaign.version).spec.default_language)
    if not form.validate_on_submit():
        return _page(campaign, form), 422 if form.is_submitted() else 200
    reason = form.reason.data
    fmt, headers, language = form.format.data, form.headers.data, form.language.data
    options = {"format": fmt, "headers": headers, "lang": language}
    return deliver(
        campaign,
        "responses",
        {**options, "unprotected_reason": reason},
        lambda: responses_output(campaign, fmt, headers == "labels", language, None, reason),
        lambda: unprotected_export.record(campaign, reason, **options),
        record_queued=True,
    )


def _page(campaign: Campaign, form: UnprotectedForm) -> str:
    return render_template("exports/unprotected.html", campaign=campaign, form=form)
