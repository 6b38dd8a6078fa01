"""Thin handlers of the flags page, the decisions and the screening of open answers.

Evaluators, drafters and admins read the flags; evaluators and admins decide;
evaluators, drafters and admins screen the open answers (docs/monitoring.md).
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..i18n import current_language
from ..screening import Choice, posted_choices
from ..training.models import TrainingActivity
from ..training.service import get_activity
from . import comments, decisions, flags_text
from .flags import configured_thresholds, flags_for
from .flags_forms import DecisionForm
from .period import activities_of, activity_years
from .service import series_or_404
from .views import KEEPERS, READERS, View

SCREENERS = (Role.EVALUATOR, Role.DRAFTER, Role.ADMIN)


@role_required(*READERS)
def flags_page() -> str:
    """``?period=YEAR`` (activities that ended that year) and ``?series=SLUG``."""
    period = _period(request.args.get("period", ""))
    slug = request.args.get("series", "")
    series = series_or_404(slug) if slug else None
    thresholds = configured_thresholds(current_app.config)
    found = flags_for(activities_of(period), thresholds, current_language(), series)
    return render_template(
        "monitoring/flags.html",
        flagged=[f for f in found if f.flagged],
        unflagged=[f for f in found if not f.flagged],
        periods=activity_years(),
        period=period,
        series=series,
        thresholds=thresholds,
        text=flags_text,
        may_decide=current_user.has_role(*KEEPERS),
    )


def _period(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 1900 <= int(raw) <= 2999:
        abort(400)
    return int(raw)


def _activity(activity_id: int) -> TrainingActivity:
    return get_activity(activity_id) or abort(404)


@role_required(*READERS)
def decision_page(activity_id: int) -> str:
    """The activity's decisions, every flag's history (the one in force first)."""
    activity = _activity(activity_id)
    return _decision_page(activity, None)[0]


@role_required(*KEEPERS)
def decide(activity_id: int) -> View:
    activity = _activity(activity_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            decisions.record_decision(activity, form.entry(), current_user)
        except decisions.DecisionError as exc:
            form.add_errors(exc.errors)
        else:
            flash(_("Decision recorded."))
            return redirect(url_for(".flags_page", _anchor=f"activity-{activity.id}"))
    return _decision_page(activity, form)


def _decision_page(activity: TrainingActivity, form: DecisionForm | None) -> tuple[str, int]:
    history = decisions.decision_history(activity)
    every = [d for items in history.values() for d in items]
    page = render_template(
        "monitoring/decision.html",
        activity=activity,
        history=history,
        names=decisions.decider_names(every),
        form=form,
        text=flags_text,
    )
    return page, 422 if form is not None else 200


@role_required(*SCREENERS)
def screening(slug: str) -> View:
    campaign = comments.evaluation_campaign_or_404(slug)
    if request.method == "GET" or not comments.may_screen(campaign):
        return _screening_page(campaign, [])
    try:
        changed = comments.save_screening(campaign, _choices(), current_user)
    except comments.ScreeningError as exc:
        return _screening_page(campaign, exc.keys), 422
    flash(_("Screened answers saved (%(n)s changed).", n=changed))
    return redirect(url_for(".screening", slug=campaign.slug))


def _screening_page(campaign: Campaign, errors: list[str]) -> str:
    allowed = comments.may_screen(campaign)
    return render_template(
        "monitoring/comments.html",
        campaign=campaign,
        allowed=allowed,
        answers=comments.open_answers(campaign, current_language()) if allowed else [],
        errors=errors,
        posted=request.form if errors else None,
        limit=comments.MAX_TEXT,
    )


def _choices() -> dict[str, Choice]:
    """One choice per answer on the posted page (each has a ``text/DIGEST`` field)."""
    return posted_choices(request.form, "keep")
