"""Thin handlers for focus-group sessions."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.service import newest_first
from ..i18n import current_language
from ..questionnaire import FieldError
from . import drafts, service
from .messages import error_messages
from .models import FgdSession, SessionStatus
from .record import competency_labels, unexpected_fields
from .values import Values, layout, record_values, typed_values

View = HttpResponse | str | tuple[str, int]


@role_required(Role.FACILITATOR)
def index() -> str:
    return render_template(
        "fgd/index.html",
        sessions=service.own_sessions(current_user),
        campaigns=newest_first(),
        forms=service.session_form_versions(),
    )


@role_required(Role.FACILITATOR)
def create() -> View:
    campaign_id = request.form.get("campaign_id", type=int) or 0
    version_id = request.form.get("version_id", type=int) or 0
    try:
        session = service.create_session_by_ids(
            campaign_id, version_id, current_user, request.form.get("title", "")
        )
    except service.UnknownTarget:
        abort(400)
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
        return _editor(found, found.record, drafts.draft_values(found), [])
    return _reader(found)


def _save(found: FgdSession) -> View:
    """Save the draft as typed; "finalize" goes on to the confirmation page."""
    if found.facilitator_id != current_user.id:
        abort(404)
    raw = _posted(found)
    finalizing = request.form.get("action") == "finalize"
    try:
        save = service.prepare_finalize if finalizing else service.save_draft
        result = save(found, raw)
    except service.SessionError as exc:
        flash(str(exc))
        return redirect(url_for(".session", session_id=found.id))
    if result.errors:
        return _editor(found, result.record, typed_values(raw), result.errors, status=422)
    if finalizing:
        return redirect(url_for(".finalize", session_id=found.id), code=303)
    flash(_("Draft saved."))
    return redirect(url_for(".session", session_id=found.id))


def _posted(found: FgdSession, *extra: str) -> dict[str, list[str]]:
    """The post as lists of values; a name no part of the record has is a 400."""
    raw = request.form.to_dict(flat=False)
    form, _survey = service.forms_for(found)
    if unexpected_fields(form, [name for name in raw if name not in extra]):
        abort(400)
    return raw


@role_required(Role.FACILITATOR)
def finalize(session_id: int) -> View:
    """GET: what will be locked, with a button; POST (from that page only): lock it."""
    found = service.own_session(session_id, current_user) or abort(404)
    if found.status is not SessionStatus.DRAFT:
        return redirect(url_for(".session", session_id=found.id))
    if request.method == "POST":
        return _confirm(found)
    if errors := drafts.final_errors(found):
        return _editor(found, found.record, drafts.draft_values(found), errors, status=422)
    return render_template(
        "fgd/finalize.html",
        **_record_context(found, found.record),
        fingerprint=drafts.fingerprint(found),
        unranked=drafts.unranked_participants(found),
    )


def _confirm(found: FgdSession) -> View:
    try:
        result = drafts.confirm_finalize(found, request.form.get("fingerprint", ""))
    except drafts.StaleConfirmation:
        flash(_("The draft changed after this summary was shown. Check it again."))
        return redirect(url_for(".finalize", session_id=found.id))
    if result.errors:
        return _editor(found, result.record, drafts.draft_values(found), result.errors, 422)
    flash(_("Session finalized."))
    return redirect(url_for(".session", session_id=found.id))


def _record_context(found: FgdSession, record: dict[str, Any]) -> dict[str, Any]:
    form, survey = service.forms_for(found)
    return {
        "session": found,
        "form": form,
        "survey": survey,
        "record": record,
        "lang": current_language(),
        "codes": competency_labels(survey),
    }


def _editor(
    found: FgdSession,
    record: dict[str, Any],
    values: Values,
    errors: list[FieldError],
    status: int = 200,
    amending: bool = False,
) -> tuple[str, int]:
    """The editor showing ``values`` as typed; ``record`` decides choices and relevance."""
    context = _record_context(found, record)
    form = context["form"]
    html = render_template(
        "fgd/edit.html",
        **context,
        errors=error_messages(errors, form, context["lang"]),
        error_list=errors,
        amending=amending,
        candidates=service.candidates_for(found, record),
        values=values,
        layout=layout(form, values, record.get("details", {})),
    )
    return html, status


def _reader(found: FgdSession) -> str:
    return render_template("fgd/read.html", **_record_context(found, found.current_record))


@role_required(Role.FACILITATOR)
def amend(session_id: int) -> View:
    found = service.own_session(session_id, current_user)
    if found is None or found.status is not SessionStatus.FINAL:
        abort(404)
    form, _survey = service.forms_for(found)
    if request.method == "GET":
        values = record_values(form, found.current_record)
        return _editor(found, found.current_record, values, [], amending=True)
    raw = _posted(found, "reason")
    reason = request.form.get("reason", "")
    result = service.amend(
        found, {k: v for k, v in raw.items() if k != "reason"}, reason, current_user
    )
    if result.errors:
        return _editor(found, result.record, typed_values(raw), result.errors, 422, amending=True)
    flash(_("Correction recorded; the original is kept."))
    return redirect(url_for(".session", session_id=found.id))
