"""Thin handlers of the training pages: evaluators and admins only."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.service import campaign_or_404, newest_first
from ..i18n import current_language
from . import service
from .forms import ActivityForm
from .models import TrainingActivity, form_label
from .needs import campaign_coverage

View = HttpResponse | str | tuple[str, int]
KEEPERS = (Role.EVALUATOR, Role.ADMIN)


@role_required(*KEEPERS)
def index() -> str:
    return render_template(
        "training/index.html",
        activities=service.all_activities(),
        campaigns=newest_first(),
        form_label=form_label,
    )


@role_required(*KEEPERS)
def create() -> View:
    return _edit_page(None)


@role_required(*KEEPERS)
def edit(activity_id: int) -> View:
    return _edit_page(service.get_activity(activity_id) or abort(404))


def _edit_page(activity: TrainingActivity | None) -> View:
    form = ActivityForm()
    form.set_choices([(c.slug, c.title or c.slug) for c in newest_first()])
    if form.is_submitted():
        return _save(form, activity)
    if activity is not None:
        form.fill(service.as_input(activity))
    return render_template("training/edit.html", form=form, activity=activity)


def _save(form: ActivityForm, activity: TrainingActivity | None) -> View:
    if form.validate():
        try:
            if activity is None:
                service.create_activity(form.entry())
            else:
                service.update_activity(activity, form.entry())
        except service.ActivityError as exc:
            form.add_errors(exc.errors)
        else:
            flash(_("Training activity saved."))
            return redirect(url_for(".index"))
    return render_template("training/edit.html", form=form, activity=activity), 422


@role_required(*KEEPERS)
def coverage_page(slug: str) -> str:
    campaign = campaign_or_404(slug)
    return render_template(
        "training/coverage.html",
        campaign=campaign,
        coverage=campaign_coverage(campaign, current_language()),
    )
