"""Thin handlers: start an activity's evaluation, and read its results."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..auth.access import role_required
from ..campaigns.models import Access
from ..campaigns.service import CampaignError
from ..i18n import current_language
from .evaluation import activity_evaluation
from .evaluation_forms import EvaluationForm
from .evaluation_service import EvaluationRequest, evaluations_of, start_evaluation
from .models import TrainingActivity
from .service import get_activity
from .views import KEEPERS, View


def _activity(activity_id: int) -> TrainingActivity:
    return get_activity(activity_id) or abort(404)


@role_required(*KEEPERS)
def evaluate(activity_id: int) -> View:
    activity = _activity(activity_id)
    form = EvaluationForm()
    if form.validate_on_submit():
        try:
            campaign, codes = start_evaluation(activity, _request(form))
        except CampaignError as exc:
            form.form_errors.append(str(exc))
        else:
            flash(_("Evaluation campaign %(slug)s started.", slug=campaign.slug))
            if not codes:
                return redirect(url_for(".evaluation", activity_id=activity.id))
            page = "training/evaluation_codes.html"
            return render_template(page, activity=activity, campaign=campaign, codes=codes)
    page = render_template("training/evaluation_start.html", form=form, activity=activity)
    return page, 422 if form.errors or form.form_errors else 200


def _request(form: EvaluationForm) -> EvaluationRequest:
    return EvaluationRequest(
        slug=form.slug.data or "",
        title=form.title.data or "",
        opens_at=_utc(form.opens_at.data),
        closes_at=_utc(form.closes_at.data),
        access=Access(form.access.data),
        tokens=form.tokens.data or 0,
        population=form.population.data,
        min_cell_size=form.min_cell_size.data or 0,
    )


def _utc(local: dt.datetime | None) -> dt.datetime | None:
    """A wall-clock time in the deployment's zone as naive UTC."""
    if local is None:
        return None
    zone = ZoneInfo(str(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return local.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


@role_required(*KEEPERS)
def evaluation(activity_id: int) -> str:
    activity = _activity(activity_id)
    return render_template(
        "training/evaluation.html",
        activity=activity,
        links=evaluations_of(activity),
        result=activity_evaluation(activity, current_language()),
    )
