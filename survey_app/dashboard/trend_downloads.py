"""The trend table of a campaign series as CSV or XLSX (evaluators, drafters, admins).

Here rather than in ``monitoring/``: every download goes through
:func:`survey_app.jobs.downloads.deliver`, a layer above monitoring. The table has a row
per competency, so it is always built in the request (``small``).
"""

from __future__ import annotations

from flask import abort, request
from flask_babel import force_locale

from .. import audit
from ..auth.access import role_required
from ..auth.models import Role
from ..i18n import current_language
from ..jobs.downloads import View, deliver
from ..monitoring.service import series_or_404
from ..monitoring.table import FORMATS, trend_output
from ..monitoring.trends import TrendError, series_trend

LANGUAGES = ("id", "en")


@role_required(Role.EVALUATOR, Role.DRAFTER, Role.ADMIN)
def trend(slug: str) -> View:
    series = series_or_404(slug)
    fmt = request.args.get("format", "csv")
    language = request.args.get("lang") or current_language()
    if fmt not in FORMATS or language not in LANGUAGES:
        abort(400)
    with force_locale(language):
        try:
            output = trend_output(series_trend(series, language), fmt)
        except TrendError:
            abort(404)
    options = {"format": fmt, "lang": language}
    return deliver(
        series.campaigns[-1],
        "trend",
        options,
        lambda: output,
        lambda: audit.record("export.trend", "series", slug, **options),
        small=True,
    )
