"""Thin handlers of the downloads page: every export of a campaign, for drafters and admins
(focus-group records for drafters only: ``jobs.service.READERS``).

Each download parses its query and hands the export to
:func:`survey_app.jobs.downloads.deliver`, which builds, audits and sends it or starts a
background job.
"""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.service import campaign_or_404
from ..i18n import current_language
from ..jobs.downloads import View, deliver
from ..jobs.service import READERS
from ..reports.outputs import fgd_output, priorities_output, responses_output
from ..reports.release import campaign_report, variable_labels
from ..reports.responses import response_count
from ..results import service
from ..versions.service import form_of

RESPONSE_FORMATS = ("csv", "xlsx", "sav", "json")
PRIORITY_FORMATS = ("csv", "xlsx", "json")
FGD_FORMATS = ("xlsx", "json")
LANGUAGES = ("id", "en")


@role_required(Role.DRAFTER, Role.ADMIN)
def page(slug: str) -> str:
    campaign = campaign_or_404(slug)
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
    campaign = campaign_or_404(slug)
    fmt = _choice("format", RESPONSE_FORMATS)
    headers = _choice("headers", ("codes", "labels"))
    language = _language(form_of(campaign.version).spec.default_language)
    if headers == "labels" and fmt not in ("csv", "xlsx"):
        abort(400)
    options = {"format": fmt, "headers": headers, "lang": language}
    return deliver(
        campaign,
        "responses",
        options,
        lambda: responses_output(campaign, fmt, headers == "labels", language),
    )


@role_required(*READERS["priorities"])
def priorities(slug: str) -> View:
    campaign = campaign_or_404(slug)
    fmt = _choice("format", PRIORITY_FORMATS)
    language = _language(current_language())
    group = request.args.get("group") or None
    if group is not None and group not in form_of(campaign.version).report_groups:
        abort(400)
    options = {"format": fmt, "group": group, "lang": language}
    return deliver(
        campaign, "priorities", options, lambda: priorities_output(campaign, fmt, group, language)
    )


@role_required(*READERS["fgd"])
def fgd(slug: str) -> View:
    campaign = campaign_or_404(slug)
    fmt = _choice("format", FGD_FORMATS)
    language = _language(current_language())
    options = {"format": fmt, "lang": language}
    return deliver(campaign, "fgd", options, lambda: fgd_output(campaign, fmt, language))


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
