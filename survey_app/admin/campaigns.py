"""Admin views for campaigns: list and create, progress, close and reopen, invitation codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse
from wtforms.fields.choices import SelectChoice

from ..attachments import attachment
from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Access, Campaign
from ..campaigns.service import (
    CampaignError,
    CampaignSettings,
    all_campaigns,
    campaign_or_404,
)
from ..respond.stats import response_counts, response_rate, response_stats
from ..versions.overview import survey_form_ids
from . import campaign_operations as operations
from .forms import CampaignForm, ConfirmForm, InvitationForm

View = HttpResponse | str | tuple[str, int]


@role_required(Role.ADMIN)
def campaigns() -> View:
    form = CampaignForm()
    form.form_id.choices = [SelectChoice(form_id, form_id) for form_id in survey_form_ids()]
    if form.validate_on_submit():
        try:
            campaign = operations.create(_settings(form))
        except CampaignError as exc:
            form.form_errors.append(str(exc))
        else:
            flash(_("Campaign %(slug)s created.", slug=campaign.slug))
            return redirect(url_for("admin.campaign", slug=campaign.slug))
    page = render_template(
        "admin/campaigns.html",
        form=form,
        campaigns=all_campaigns(),
        counts=response_counts(),
        rate=response_rate,
    )
    return page, 422 if form.errors else 200


def _settings(form: CampaignForm) -> CampaignSettings:
    return CampaignSettings(
        form_id=form.form_id.data,
        slug=form.slug.data,
        title=form.title.data or None,
        opens_at=_utc(form.opens_at.data),
        closes_at=_utc(form.closes_at.data),
        access=Access(form.access.data),
        population=form.population.data,
        min_cell_size=form.min_cell_size.data,
    )


def _utc(local: dt.datetime | None) -> dt.datetime | None:
    """A wall-clock time in the deployment's zone (Asia/Jakarta) as naive UTC."""
    if local is None:
        return None
    zone = ZoneInfo(str(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return local.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


def local_time(moment: dt.datetime | None) -> str:
    """A stored naive-UTC time in the deployment's zone, for templates."""
    if moment is None:
        return "—"
    return str(format_datetime(moment.replace(tzinfo=dt.UTC), "yyyy-MM-dd HH:mm zzz"))


@role_required(Role.ADMIN)
def campaign(slug: str) -> View:
    return _detail(campaign_or_404(slug), InvitationForm())


def _detail(found: Campaign, invitations: InvitationForm, status: int = 200) -> View:
    page = render_template(
        "admin/campaign.html",
        campaign=found,
        stats=response_stats(found),
        survey_url=url_for("respond.intro", slug=found.slug, _external=True),
        invitations=invitations,
        confirm=ConfirmForm(),
        token=found.access is Access.TOKEN,
    )
    return page, status


@role_required(Role.ADMIN)
def close(slug: str) -> View:
    found = campaign_or_404(slug)
    if ConfirmForm().validate_on_submit():
        operations.close(found)
        flash(_("Campaign %(slug)s is closed: it takes no more answers.", slug=slug))
    return redirect(url_for("admin.campaign", slug=slug))


@role_required(Role.ADMIN)
def reopen(slug: str) -> View:
    found = campaign_or_404(slug)
    if ConfirmForm().validate_on_submit():
        operations.reopen(found)
        flash(_("Campaign %(slug)s is open: it takes answers from now on.", slug=slug))
    return redirect(url_for("admin.campaign", slug=slug))


@role_required(Role.ADMIN)
def invitations(slug: str) -> View:
    found = campaign_or_404(slug)
    form = InvitationForm()
    if not form.validate_on_submit():
        return _detail(found, form, 422)
    try:
        codes = operations.issue(found, form.count.data)
    except CampaignError as exc:
        form.count.errors.append(str(exc))
        return _detail(found, form, 422)
    links = [(code, _link(found, code)) for code in codes]
    return _cards(found, links) if form.output.data == "print" else _csv(found, links)


def _link(found: Campaign, code: str) -> str:
    return url_for("respond.intro", slug=found.slug, code=code, _external=True)


def _csv(found: Campaign, links: list[tuple[str, str]]) -> HttpResponse:
    """The only copy of the codes, as ``code,link``; never cached."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "link"])
    writer.writerows(links)
    return attachment(out.getvalue().encode(), "text/csv; charset=utf-8", f"{found.slug}-codes.csv")


def _cards(found: Campaign, links: list[tuple[str, str]]) -> HttpResponse:
    """A printable sheet of the fresh codes, rendered once from this POST; never cached."""
    page = render_template(
        "admin/invitation_cards.html",
        campaign=found,
        links=links,
        survey_url=url_for("respond.intro", slug=found.slug, _external=True),
    )
    response = HttpResponse(page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
