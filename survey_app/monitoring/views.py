"""Thin handlers of the monitoring pages: evaluators, drafters and admins read; evaluators
and admins create series (docs/monitoring.md)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..attachments import svg_picture
from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.service import newest_first
from ..i18n import current_language
from ..results import charts
from . import service
from .chart import chart_summary, trend_chart
from .forms import SeriesForm
from .models import CampaignSeries
from .table import status_labels
from .trends import TOP, Trend, TrendError, series_trend

View = HttpResponse | str | tuple[str, int]
READERS = (Role.EVALUATOR, Role.DRAFTER, Role.ADMIN)
KEEPERS = (Role.EVALUATOR, Role.ADMIN)


@role_required(*READERS)
def index() -> View:
    """The series list; the create form is posted here (evaluators and admins only)."""
    form = SeriesForm()
    form.set_choices(newest_first())
    if request.method == "POST":
        if not current_user.has_role(*KEEPERS):
            abort(403)
        return _create(form)
    return _index_page(form)


def _index_page(form: SeriesForm, status: int = 200) -> tuple[str, int]:
    may_create = current_user.has_role(*KEEPERS)
    page = render_template(
        "monitoring/index.html", series=service.all_series(), form=form, may_create=may_create
    )
    return page, status


def _create(form: SeriesForm) -> View:
    if form.validate():
        try:
            series = service.create_series(form.entry())
        except service.SeriesError as exc:
            form.add_errors(exc.errors)
        else:
            flash(_("Series saved."))
            return redirect(url_for(".series_page", slug=series.slug))
    return _index_page(form, 422)


@role_required(*READERS)
def series_page(slug: str) -> str:
    series = service.series_or_404(slug)
    trend = _trend(series)
    return render_template(
        "monitoring/series.html",
        series=series,
        trend=trend,
        summary=None if trend is None else chart_summary(trend),
        statuses=status_labels(),
        top=TOP,
    )


@role_required(*READERS)
def chart(slug: str) -> HttpResponse:
    trend = _trend(service.series_or_404(slug))
    if trend is None:
        picture = charts.render("svg", charts.message, _("A trend needs at least two waves."))
    else:
        picture = trend_chart(trend, "svg")
    return svg_picture(picture)


def _trend(series: CampaignSeries) -> Trend | None:
    """The series' trend; ``None`` once a deleted campaign left it with one wave."""
    try:
        return series_trend(series, current_language())
    except TrendError:
        return None
