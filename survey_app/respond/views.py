"""Thin request handlers of the respondent flow: parse, call a service, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_datetime
from werkzeug.wrappers import Response as HttpResponse

from ..campaigns.asked import campaign_form
from ..campaigns.models import Access, Campaign
from ..i18n import current_language
from ..questionnaire import FieldError, Form, first_incomplete_section
from ..questionnaire.same_page import REVEALED_FIELD, page_layout
from . import fragments, navigation, service
from .messages import WELCOME_BACK, code_message, field_message, too_many_drafts_message
from .models import Draft

#: Form fields every page may post besides its questions (``REVEALED_FIELD``: same_page).
CONTROL_FIELDS = {"csrf_token", "action", REVEALED_FIELD}
ACTIONS = {"next", "back", "save"}

View = HttpResponse | str | tuple[str, int]


def intro(slug: str) -> View:
    campaign, _form, draft = service.open_with_draft(slug, _draft_id(slug))
    code = request.args.get("code", "")
    return _intro_page(campaign, draft is not None, code=code)


def _intro_page(
    campaign: Campaign,
    has_draft: bool,
    code: str = "",
    error: str | None = None,
    status: int = 200,
) -> View:
    form = campaign_form(campaign)
    page = render_template(
        "respond/intro.html",
        campaign=campaign,
        form=form,
        lang=current_language(),
        code=code,
        error=error,
        has_draft=has_draft,
        token=campaign.access is Access.TOKEN,
    )
    return page, status


def start(slug: str) -> View:
    campaign, _form, draft = service.open_with_draft(slug, _draft_id(slug))
    if draft is None:
        try:
            draft = service.start(campaign, request.form.get("code"))
        except service.CodeRejected as exc:
            status = 429 if exc.reason == "locked" else 422
            return _intro_page(
                campaign, False, request.form.get("code", ""), code_message(exc.reason), status
            )
        except service.TooManyDrafts as exc:
            return _too_many_drafts(campaign, exc.window_seconds)
        _remember(campaign, draft)
    return redirect(url_for(".page", slug=slug, page=0))


def _too_many_drafts(campaign: Campaign, window_seconds: int) -> HttpResponse:
    """429 with the intro page saying why and for how long; nothing was stored."""
    response = make_response(
        _intro_page(campaign, False, error=too_many_drafts_message(), status=429)
    )
    response.headers["Retry-After"] = str(window_seconds)
    return response


def page(slug: str, page: int) -> View:
    campaign, form, draft = service.open_with_draft(slug, _draft_id(slug))
    if draft is None:
        return redirect(url_for(".intro", slug=slug))
    if not 0 <= page < len(form.sections):
        abort(404)
    if request.method == "POST":
        return _post_page(campaign, form, draft, page)
    if not form.section_shown(form.sections[page], draft.answers):
        return _goto(slug, navigation.next_page(form, draft.answers, page))
    return _render_page(campaign, form, draft, page, _stored_values(form, draft, page), [])


def _post_page(campaign: Campaign, form: Form, draft: Draft, page: int) -> View:
    raw = request.form.to_dict(flat=False)
    action = request.form.get("action", "next")
    allowed = {name for q in form.sections[page].questions for name in q.field_names()}
    if action not in ACTIONS or set(raw) - allowed - CONTROL_FIELDS:
        abort(400)
    before = draft.answers
    result = service.save_page(draft, form, page, raw)
    if action == "save":
        code = service.save_for_later(draft, page)
        return render_template(
            "respond/saved.html",
            campaign=campaign,
            form=form,
            code=code,
            lang=current_language(),
            days=_resume_days(),
        )
    if action == "back":
        previous = navigation.previous_page(form, result.answers, page)
        return redirect(
            url_for(".intro", slug=campaign.slug)
            if previous is None
            else url_for(".page", slug=campaign.slug, page=previous)
        )
    appeared = navigation.follow_ups(form, page, before, result, raw)
    errors = [error for error in result.errors if error.question not in appeared]
    if errors or appeared:
        status = 422 if errors else 200
        return _render_page(campaign, form, draft, page, raw, errors, status, appeared)
    return _goto(campaign.slug, navigation.next_page(form, result.answers, page))


def _render_page(
    campaign: Campaign,
    form: Form,
    draft: Draft,
    page: int,
    values: dict[str, list[str]],
    errors: list[FieldError],
    status: int = 200,
    appeared: Sequence[str] = (),
) -> View:
    lang = current_language()
    messages = {error.field: field_message(error, form, lang) for error in errors}
    position, total = navigation.progress(form, draft.answers, page)
    section = form.sections[page]
    html = render_template(
        "respond/page.html",
        campaign=campaign,
        form=form,
        section=section,
        layout=page_layout(form, section, draft.answers),
        appeared=appeared,
        page=page,
        question_html=partial(fragments.question_html, form, lang, values, messages),
        errors=messages,
        error_list=errors,
        lang=lang,
        position=position,
        total=total,
    )
    return html, status


def _stored_values(form: Form, draft: Draft, page: int) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for question in form.sections[page].questions:
        values.update(question.as_form_values(draft.answers.get(question.name)))
    return values


def _goto(slug: str, page: int | None) -> HttpResponse:
    if page is None:
        return redirect(url_for(".review", slug=slug))
    return redirect(url_for(".page", slug=slug, page=page))


def review(slug: str) -> View:
    campaign, form, draft = service.open_with_draft(slug, _draft_id(slug))
    if draft is None:
        return redirect(url_for(".intro", slug=slug))
    lang = current_language()
    return render_template(
        "respond/review.html",
        campaign=campaign,
        form=form,
        draft=draft,
        lang=lang,
        answer_html=partial(fragments.answer_html, form, lang),
        pages=navigation.shown_pages(form, draft.answers),
        incomplete=first_incomplete_section(form, draft.answers),
    )


def submit(slug: str) -> View:
    campaign, form, draft = service.open_with_draft(slug, _draft_id(slug))
    key = request.form.get("submission_key", "")
    if draft is None or str(draft.submission_key) != key:
        if key and service.already_submitted(key):
            return redirect(url_for(".thanks", slug=slug))
        return redirect(url_for(".intro", slug=slug))
    try:
        service.submit(campaign, form, draft, key)
    except service.Incomplete as exc:
        return redirect(url_for(".page", slug=slug, page=exc.page))
    except service.CodeRejected as exc:
        return _intro_page(campaign, True, error=code_message(exc.reason), status=409)
    _forget(campaign)
    return redirect(url_for(".thanks", slug=slug))


def thanks(slug: str) -> View:
    campaign = service.find_campaign(slug)
    if campaign is None:
        abort(404)
    return render_template(
        "respond/thanks.html",
        campaign=campaign,
        lang=current_language(),
        form=campaign_form(campaign),
    )


def resume(slug: str) -> View:
    campaign, form = service.open_campaign(slug)
    if request.method == "GET":
        return render_template(
            "respond/resume.html", campaign=campaign, form=form, lang=current_language(), error=None
        )
    try:
        draft = service.resume(campaign, request.form.get("code", ""))
    except service.CodeRejected as exc:
        html = render_template(
            "respond/resume.html",
            campaign=campaign,
            form=form,
            lang=current_language(),
            error=code_message(exc.reason),
        )
        return html, 429 if exc.reason == "locked" else 422
    _remember(campaign, draft)
    flash(str(WELCOME_BACK), "welcome")
    return _goto(slug, service.landing_page(form, draft))


def unavailable(exc: service.CampaignUnavailable) -> tuple[str, int]:
    status = {"unknown": 404, "not_open": 403, "closed": 410}[exc.reason]
    html = render_template(
        "respond/unavailable.html",
        reason=exc.reason,
        opens_at=_local_time(exc.campaign.opens_at) if exc.campaign else "",
        lang=current_language(),
    )
    return html, status


def _local_time(moment: dt.datetime | None) -> str:
    """A stored naive-UTC time in the deployment's time zone (WIB for Medan)."""
    return format_datetime(moment.replace(tzinfo=dt.UTC), "d MMMM y, HH:mm zzz") if moment else ""


def _draft_id(slug: str) -> str | None:
    """The id of this campaign's draft in the session cookie, if any."""
    found = session.get("drafts", {}).get(slug)
    return found if isinstance(found, str) else None


def _remember(campaign: Campaign, draft: Draft) -> None:
    session["drafts"] = {**session.get("drafts", {}), campaign.slug: str(draft.id)}


def _forget(campaign: Campaign) -> None:
    """After submit the cookie keeps nothing about the response."""
    drafts = {k: v for k, v in session.get("drafts", {}).items() if k != campaign.slug}
    if drafts:
        session["drafts"] = drafts
    else:
        session.pop("drafts", None)


def _resume_days() -> int:
    return int(current_app.config["SURVEY_APP_RESUME_DAYS"])
