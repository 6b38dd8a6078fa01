"""Thin handlers of the analysis dashboard: parse the query, call a service, render."""

from __future__ import annotations

from flask import abort, render_template, request
from werkzeug.wrappers import Response as HttpResponse

from ..attachments import svg_picture
from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from ..campaigns.service import campaign_or_404
from ..i18n import current_language
from ..results import service
from ..results import waves as wave_service
from ..results.figures import chart_svg
from ..results.labels import method_terms
from ..versions.service import form_of
from . import table


@role_required(Role.DRAFTER)
def index() -> str:
    return render_template("dashboard/index.html", campaigns=service.campaign_counts())


@role_required(Role.DRAFTER)
def priorities(slug: str) -> str:
    campaign = campaign_or_404(slug)
    subgroup, by = _selection(campaign)
    analysis = service.analyse(campaign, subgroup, current_language())
    sort = table.parse_sort(request.args)
    return render_template(
        "dashboard/priorities.html",
        analysis=analysis,
        rows=table.sort_rows(analysis.table, sort, analysis.min_cell),
        sort=sort,
        columns=table.COLUMNS,
        method=method_terms(analysis.table) if analysis.table else [],
        by=by,
        groups=service.group_options(analysis),
        selected=service.subgroup_label(analysis),
    )


@role_required(Role.DRAFTER)
def chart(slug: str, name: str) -> HttpResponse:
    """The ``groups`` chart always breaks down all respondents (by ``?by=``): a subgroup
    split again would publish overlapping breakdowns of small groups."""
    campaign = campaign_or_404(slug)
    subgroup, by = _selection(campaign)
    analysis = service.analyse(campaign, None if name == "groups" else subgroup, current_language())
    return svg_picture(chart_svg(name, analysis, by))


@role_required(Role.DRAFTER)
def waves(slug: str) -> str:
    campaign = campaign_or_404(slug)
    candidates = wave_service.other_waves(campaign)
    chosen = request.args.get("before", "")
    before = next((c for c in candidates if c.slug == chosen), None)
    if chosen and before is None:
        abort(400)
    result = wave_service.compare(before, campaign, current_language()) if before else None
    return render_template(
        "dashboard/waves.html",
        campaign=campaign,
        candidates=candidates,
        before=before,
        result=result,
    )


def _selection(campaign: Campaign) -> tuple[service.Subgroup | None, str | None]:
    """``?subgroup=question=value`` and ``?by=question``; 400 for what the form lacks."""
    form = form_of(campaign.version)
    try:
        subgroup = service.parse_subgroup(form, request.args.get("subgroup", ""))
        return subgroup, service.report_group(form, request.args.get("by"), subgroup)
    except service.SelectionError:
        abort(400)
