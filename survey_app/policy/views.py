"""Thin handlers: the policy-draft page, its downloads, and the quote selection."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..dashboard.service import campaign_counts, find_campaign
from ..i18n import current_language
from ..jobs.views import in_background
from . import quotes as quote_service
from .draft import LANGUAGES
from .render import FORMATS


@role_required(Role.DRAFTER, Role.ADMIN)
def index() -> str:
    return render_template(
        "policy/index.html", campaigns=campaign_counts(), formats=FORMATS, languages=LANGUAGES
    )


@role_required(Role.DRAFTER, Role.ADMIN)
def download(slug: str) -> HttpResponse:
    """``?format=docx|html|pdf&language=id|en`` (not ``lang``: that switches the page).

    Always built in the background, whatever the campaign's size: the draft takes
    seconds even for a few hundred responses (its PDF alone several), so the user gets
    the job's page with its progress, and the file from there (audited as
    ``export.policy`` when downloaded).
    """
    campaign = _campaign(slug)
    fmt = request.args.get("format", "docx")
    language = request.args.get("language", current_language())
    if fmt not in FORMATS or language not in LANGUAGES:
        abort(400)
    return in_background(campaign, "policy", {"format": fmt, "lang": language})


@role_required(Role.DRAFTER)
def quotes(slug: str) -> HttpResponse | str | tuple[str, int]:
    campaign = _campaign(slug)
    if request.method == "GET":
        return _quote_page(campaign, [])
    try:
        changed = quote_service.save_selection(campaign, _choices(), current_user)
    except quote_service.SelectionError as exc:
        return _quote_page(campaign, exc.keys), 422
    flash(_("Quote selection saved (%(n)s changed).", n=changed))
    return redirect(url_for(".quotes", slug=campaign.slug))


def _quote_page(campaign: Campaign, errors: list[str]) -> str:
    return render_template(
        "policy/quotes.html",
        campaign=campaign,
        quotes=quote_service.campaign_quotes(campaign, current_language()),
        errors=errors,
        posted=request.form if errors else None,
        limit=quote_service.MAX_TEXT,
    )


def _choices() -> dict[str, quote_service.Choice]:
    """One choice per quote on the posted page (each has a ``text/KEY`` field)."""
    form = request.form
    return {
        name.removeprefix("text/"): quote_service.Choice(
            include=form.get("include/" + name.removeprefix("text/")) == "1",
            text=form.get(name, "").replace("\r\n", "\n").strip(),
        )
        for name in form
        if name.startswith("text/")
    }


def _campaign(slug: str) -> Campaign:
    return find_campaign(slug) or abort(404)
