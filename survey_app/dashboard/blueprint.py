"""URL map of the analysis dashboard (drafters)."""

from flask import Blueprint

from . import views

bp = Blueprint("dashboard", __name__, url_prefix="/staff/analysis")

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/<slug>", view_func=views.priorities, methods=["GET"])
bp.add_url_rule(
    "/<slug>/charts/<any(mwds, ipa, groups):name>.svg", view_func=views.chart, methods=["GET"]
)
bp.add_url_rule("/<slug>/waves", view_func=views.waves, methods=["GET"])
