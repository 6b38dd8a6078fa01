"""Thin handlers of the downloads page: every export of a campaign, for drafters and admins
(focus-group records for drafters only: ``jobs.service.READERS``).

Each download parses its query, builds one :class:`~survey_app.reports.outputs.Output`,
audits it and sends it. A campaign below its minimum cell size gets a page saying so
(409), never a file or an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from .. import audit
from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..i18n import current_language
from ..jobs.service import READERS
from ..jobs.views import background
from ..reports.outputs import Output, fgd_output, priorities_output, responses_output
from ..reports.priority_export import UnknownGroup
from ..reports.release import campaign_report, variable_labels
from ..reports.responses import ExportRefused, response_count
from ..versions.service import form_of
from . import service
from .sending import download

RESPONSE_FORMATS = ("csv", "xlsx", "sav", "json")
PRIORITY_FORMATS = ("csv", "xlsx", "json")
FGD_FORMATS = ("xlsx", "json")
LANGUAGES = ("id", "en")
#: Files complete only at the end: built in the background for a large campaign.
BUILT_FORMATS = ("xlsx", "sav")
View = HttpResponse | str | tuple[str, int]


@role_required(Role.DRAFTER, Role.ADMIN)
def page(slug: str) -> str:
    campaign = _campaign(slug)
    form = form_of(campaign.version)
    count = response_count(campaign)
    return render_template(
        "dashboard/exports.html",
        campaign=campaign,
        count=count,
        too_few=count < campaign.min_cell_size,
        groups=[
            (q, service.question_label(form, q, current_language())) for q in form.report_groups
        ],
        default_language=form.spec.default_language,
        analysis_link=current_user.has_role(Role.DRAFTER),
        fgd_link=current_user.has_role(*READERS["fgd"]),
        risk=None if count < campaign.min_cell_size else campaign_report(campaign, form),
        risk_labels=variable_labels(form),
        unprotected_link=current_user.has_role(Role.ADMIN),
    )


@role_required(*READERS["responses"])
def responses(slug: str) -> View:
    campaign = _campaign(slug)
    fmt = _choice("format", RESPONSE_FORMATS)
    headers = _choice("headers", ("codes", "labels"))
    language = _language(form_of(campaign.version).spec.default_language)
    if headers == "labels" and fmt not in ("csv", "xlsx"):
        abort(400)
    options = {"format": fmt, "headers": headers, "lang": language}
    if fmt in BUILT_FORMATS and (job_page := background(campaign, "responses", options)):
        return job_page
    return _send(
        campaign,
        "responses",
        options,
        lambda: responses_output(campaign, fmt, headers == "labels", language),
    )


@role_required(*READERS["priorities"])
def priorities(slug: str) -> View:
    campaign = _campaign(slug)
    fmt = _choice("format", PRIORITY_FORMATS)
    language = _language(current_language())
    group = request.args.get("group") or None
    if group is not None and group not in form_of(campaign.version).report_groups:
        abort(400)
    options = {"format": fmt, "group": group, "lang": language}
    if fmt in BUILT_FORMATS and (job_page := background(campaign, "priorities", options)):
        return job_page
    return _send(
        campaign, "priorities", options, lambda: priorities_output(campaign, fmt, group, language)
    )


@role_required(*READERS["fgd"])
def fgd(slug: str) -> View:
    campaign = _campaign(slug)
    fmt = _choice("format", FGD_FORMATS)
    language = _language(current_language())
    options = {"format": fmt, "lang": language}
    if fmt in BUILT_FORMATS and (job_page := background(campaign, "fgd", options)):
        return job_page
    return _send(campaign, "fgd", options, lambda: fgd_output(campaign, fmt, language))


def _send(
    campaign: Campaign, kind: str, options: dict[str, Any], make: Callable[[], Output]
) -> View:
    try:
        output = make()
    except ExportRefused as refused:
        page = render_template("dashboard/export_refused.html", campaign=campaign, refused=refused)
        return page, 409
    except UnknownGroup:
        abort(400)
    audit.record(f"export.{kind}", "campaign", campaign.slug, **options)
    return download(output)


def _choice(name: str, allowed: tuple[str, ...]) -> str:
    """``?name=`` among ``allowed``, the first when it is missing; anything else: 400."""
    value = request.args.get(name) or allowed[0]
    if value not in allowed:
        abort(400)
    return value


def _language(default: str) -> str:
    """``?language=`` (id or en) of the labels, else ``default``; anything else: 400.

    Not ``?lang=``: that one switches the whole interface (:mod:`survey_app.i18n`)."""
    value = request.args.get("language") or default
    if value not in LANGUAGES:
        abort(400)
    return value


def _campaign(slug: str) -> Campaign:
    return service.find_campaign(slug) or abort(404)
