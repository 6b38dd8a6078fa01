"""Thin handlers for focus-group sessions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..dashboard import agreement
from ..dashboard import service as analysis
from ..extensions import db
from ..i18n import current_language
from ..questionnaire import FieldError
from ..versions.models import QuestionnaireVersion
from . import service
from .messages import error_messages
from .models import FgdSession, SessionStatus
from .record import competency_labels, unexpected_fields

View = HttpResponse | str | tuple[str, int]


@role_required(Role.FACILITATOR)
def index() -> str:
    campaigns = db.session.scalars(sa.select(Campaign).order_by(Campaign.created_at.desc()))
    return render_template(
        "fgd/index.html",
        sessions=service.own_sessions(current_user),
        campaigns=list(campaigns),
        forms=service.session_form_versions(),
    )


@role_required(Role.FACILITATOR)
def create() -> View:
    campaign = db.session.get(Campaign, request.form.get("campaign_id", type=int) or 0)
    version = db.session.get(QuestionnaireVersion, request.form.get("version_id", type=int) or 0)
    if campaign is None or version is None:
        abort(400)
    try:
        session = service.create_session(
            campaign, version, current_user, request.form.get("title", "")
        )
    except service.SessionError as exc:
        flash(str(exc))
        return redirect(url_for(".index"))
    return redirect(url_for(".session", session_id=session.id))


@role_required(Role.FACILITATOR, Role.DRAFTER)
def session(session_id: int) -> View:
    found = service.readable_session(session_id, current_user) or abort(404)
    if request.method == "POST":
        return _save(found)
    if found.status is SessionStatus.DRAFT and found.facilitator_id == current_user.id:
        return _editor(found, found.record, [])
    return _reader(found)


def _save(found: FgdSession) -> View:
    if found.facilitator_id != current_user.id:
        abort(404)
    raw = request.form.to_dict(flat=False)
    form, _survey = service.forms_for(found)
    if unexpected_fields(form, list(raw)):
        abort(400)
    try:
        finalize = request.form.get("action") == "finalize"
        result = service.finalize(found, raw) if finalize else service.save_draft(found, raw)
    except service.SessionError as exc:
        flash(str(exc))
        return redirect(url_for(".session", session_id=found.id))
    if result.errors:
        return _editor(found, result.record, result.errors, status=422)
    flash(_("Session finalized.") if finalize else _("Draft saved."))
    return redirect(url_for(".session", session_id=found.id))


def _editor(
    found: FgdSession,
    record: dict[str, Any],
    errors: list[FieldError],
    status: int = 200,
    amending: bool = False,
) -> tuple[str, int]:
    form, survey = service.forms_for(found)
    lang = current_language()
    html = render_template(
        "fgd/edit.html",
        session=found,
        form=form,
        survey=survey,
        record=record,
        lang=lang,
        errors=error_messages(errors, form, lang),
        error_list=errors,
        amending=amending,
        codes=competency_labels(survey),
        candidates=service.candidates_for(found, record),
        values=_detail_values(form, record),
    )
    return html, status


def _detail_values(form: Any, record: dict[str, Any]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for question in form.details.questions.values():
        values.update(question.as_form_values(record.get("details", {}).get(question.name)))
    return values


def _reader(found: FgdSession) -> str:
    form, survey = service.forms_for(found)
    return render_template(
        "fgd/read.html",
        session=found,
        form=form,
        survey=survey,
        record=found.current_record,
        lang=current_language(),
        codes=competency_labels(survey),
    )


@role_required(Role.FACILITATOR)
def amend(session_id: int) -> View:
    found = service.readable_session(session_id, current_user)
    if (
        found is None
        or found.facilitator_id != current_user.id
        or found.status is not SessionStatus.FINAL
    ):
        abort(404)
    if request.method == "GET":
        return _editor(found, found.current_record, [], amending=True)
    form, _survey = service.forms_for(found)
    raw = request.form.to_dict(flat=False)
    raw.pop("reason", None)
    if unexpected_fields(form, list(raw)):
        abort(400)
    result = service.amend(found, raw, request.form.get("reason", ""), current_user)
    if result.errors:
        return _editor(found, result.record, result.errors, status=422, amending=True)
    flash(_("Correction recorded; the original is kept."))
    return redirect(url_for(".session", session_id=found.id))


@role_required(Role.DRAFTER)
def campaigns() -> str:
    rows = db.session.scalars(sa.select(Campaign).order_by(Campaign.created_at.desc()))
    return render_template(
        "fgd/campaigns.html", campaigns=[(c, len(service.finalized_sessions(c))) for c in rows]
    )


@role_required(Role.DRAFTER)
def campaign(slug: str) -> str:
    found = db.session.scalar(sa.select(Campaign).where(Campaign.slug == slug)) or abort(404)
    sessions = service.finalized_sessions(found)
    labels = competency_labels(service.survey_of(found))
    each, pooled = agreement.fgd_agreement(sessions)
    return render_template(
        "fgd/campaign.html",
        campaign=found,
        sessions=sessions,
        lang=current_language(),
        needs=service.merged_needs(sessions),
        codes=labels,
        survey=service.survey_of(found),
        agreement=each,
        pooled=pooled,
        disagreements=analysis.disagreements(found, current_language()) if sessions else [],
    )
