"""The evaluation report on the web: pick a series, a period, a format and a language;
the report is built by a background job (as the policy draft) and downloaded from the
job's page through :func:`survey_app.jobs.downloads.deliver`.

Here rather than in ``monitoring/``: the jobs are a layer above monitoring.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms import validators as check
from wtforms.fields.choices import SelectChoice

from ..auth.access import role_required
from ..auth.models import Role
from ..forms import StaffForm
from ..i18n import current_language
from ..jobs.downloads import View, in_background
from ..monitoring.period import activity_years
from ..monitoring.service import all_series, get_series
from ..policy.render import FORMATS

FORMAT_LABELS = {"docx": _l("Word (DOCX), editable"), "html": _l("HTML, printable"), "pdf": "PDF"}


class ReportForm(StaffForm):
    """Choices come from the series and the years in which activities ended."""

    series = SelectField(_l("Series"), validators=[check.InputRequired()], choices=[])
    period = SelectField(_l("Period (year the training ended)"), choices=[])
    format = SelectField(_l("Format"), choices=[SelectChoice(f, FORMAT_LABELS[f]) for f in FORMATS])
    language = SelectField(
        _l("Language"),
        choices=[SelectChoice("id", "Bahasa Indonesia"), SelectChoice("en", "English")],
    )

    def set_choices(self) -> None:
        self.series.choices = [SelectChoice(s.slug, s.title) for s in all_series()]
        self.period.choices = [SelectChoice(str(year)) for year in activity_years()]
        if not self.is_submitted():
            self.language.data = current_language()


@role_required(Role.EVALUATOR, Role.DRAFTER, Role.ADMIN)
def report() -> View:
    """GET: the form; POST (CSRF-checked): the job's page, where the file is downloaded
    (audited as ``export.evaluation`` then)."""
    form = ReportForm()
    form.set_choices()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("monitoring/report.html", form=form), status
    series = get_series(form.series.data)
    if series is None:  # deleted since the page was shown
        form.series.errors = [_l("Not a valid choice.")]
        return render_template("monitoring/report.html", form=form), 422
    options = {
        "format": form.format.data,
        "lang": form.language.data,
        "series": series.slug,
        "period": form.period.data,
    }
    return in_background(series.campaigns[-1], "evaluation", options)
