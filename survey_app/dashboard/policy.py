"""Thin handlers: the policy-draft page, its downloads, and the quote selection."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..campaigns.service import campaign_or_404
from ..i18n import current_language
from ..jobs.downloads import View, deliver
from ..policy import quotes as quote_service
from ..policy.draft import LANGUAGES
from ..policy.render import FORMATS
from ..results.service import campaign_counts
from ..screening import Choice, posted_choices


@role_required(Role.DRAFTER, Role.ADMIN)
def index() -> str:
    return render_template(
        "policy/index.html", campaigns=campaign_counts(), formats=FORMATS, languages=LANGUAGES
    )


@role_required(Role.DRAFTER, Role.ADMIN)
def download(slug: str) -> View:
    """``?format=docx|html|pdf&language=id|en`` (not ``lang``: that switches the page).

    Always a background job (:func:`~survey_app.jobs.downloads.deliver`): the user gets
    the job's page with its progress, and the file from there (audited as
    ``export.policy`` when downloaded).
    """
    campaign = campaign_or_404(slug)
    fmt = request.args.get("format", "docx")
    language = request.args.get("language", current_language())
    if fmt not in FORMATS or language not in LANGUAGES:
        abort(400)
    options = {"format": fmt, "lang": language}
    return deliver(campaign, "policy", options, None)


@role_required(Role.DRAFTER)
def quotes(slug: str) -> HttpResponse | str | tuple[str, int]:
    campaign = campaign_or_404(slug)
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


def _choices() -> dict[str, Choice]:
    """One choice per quote on the posted page (each has a ``text/KEY`` field)."""
    return posted_choices(request.form, "include")
