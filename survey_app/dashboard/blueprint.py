"""URL maps of the staff pages over results: the analysis and its downloads (drafters and
admins), the focus-group results (drafters) and the policy draft (drafters; admins may
download)."""

from flask import Blueprint

from . import downloads, evaluation_report, fgd_results, policy, trend_downloads, unprotected, views

bp = Blueprint("dashboard", __name__, url_prefix="/staff/analysis")

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/<slug>", view_func=views.priorities, methods=["GET"])
bp.add_url_rule(
    "/<slug>/charts/<any(mwds, ipa, groups):name>.svg", view_func=views.chart, methods=["GET"]
)
bp.add_url_rule("/<slug>/waves", view_func=views.waves, methods=["GET"])
bp.add_url_rule("/<slug>/exports", "exports", downloads.page, methods=["GET"])
bp.add_url_rule(
    "/<slug>/exports/responses", "export_responses", downloads.responses, methods=["GET"]
)
bp.add_url_rule(
    "/<slug>/exports/priorities", "export_priorities", downloads.priorities, methods=["GET"]
)
bp.add_url_rule("/<slug>/exports/fgd", "export_fgd", downloads.fgd, methods=["GET"])
bp.add_url_rule(
    "/<slug>/exports/responses/unprotected",
    "export_unprotected",
    unprotected.unprotected,
    methods=["GET", "POST"],
)

fgd_results_bp = Blueprint("fgd_results", __name__, url_prefix="/staff/fgd/campaigns")

fgd_results_bp.add_url_rule("", view_func=fgd_results.campaigns, methods=["GET"])
fgd_results_bp.add_url_rule("/<slug>", view_func=fgd_results.campaign, methods=["GET"])

policy_bp = Blueprint("policy", __name__, url_prefix="/staff/policy")

policy_bp.add_url_rule("/", view_func=policy.index, methods=["GET"])
policy_bp.add_url_rule("/<slug>/draft", view_func=policy.download, methods=["GET"])
policy_bp.add_url_rule("/<slug>/quotes", view_func=policy.quotes, methods=["GET", "POST"])

#: The trend table of a campaign series (its pages: monitoring/blueprint.py).
trends_bp = Blueprint("monitoring_downloads", __name__, url_prefix="/staff/monitoring")

trends_bp.add_url_rule("/series/<slug>/trend", "trend", trend_downloads.trend, methods=["GET"])
trends_bp.add_url_rule("/report", "report", evaluation_report.report, methods=["GET", "POST"])
