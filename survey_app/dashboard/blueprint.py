"""URL map of the analysis dashboard (drafters) and its downloads (drafters and admins)."""

from flask import Blueprint

from . import downloads, unprotected, views

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
