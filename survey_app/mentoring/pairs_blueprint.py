"""URL map of a round's matching, pairs, overview, JP statements and export
(coordinators and admins)."""

from flask import Blueprint

from . import overview_views, pairs_views

bp = Blueprint("mentoring_pairs", __name__, url_prefix="/staff/mentoring/<slug>")

_POST = ["POST"]
bp.add_url_rule("/pairs", view_func=pairs_views.pairs_page, methods=["GET"])
bp.add_url_rule("/pairs/run", view_func=pairs_views.run, methods=_POST)
bp.add_url_rule("/pairs/accept-all", view_func=pairs_views.accept_all, methods=_POST)
bp.add_url_rule("/pairs/swap", view_func=pairs_views.swap, methods=_POST)
bp.add_url_rule("/pairs/rules", view_func=pairs_views.add_rule, methods=_POST)
bp.add_url_rule(
    "/pairs/rules/<int:rule_id>/remove", view_func=pairs_views.remove_rule, methods=_POST
)
bp.add_url_rule("/pairs/<int:pair_id>", view_func=pairs_views.pair_page, methods=["GET"])
bp.add_url_rule("/pairs/<int:pair_id>/accept", view_func=pairs_views.accept_one, methods=_POST)
bp.add_url_rule("/pairs/<int:pair_id>/dissolve", view_func=pairs_views.dissolve, methods=_POST)
bp.add_url_rule("/overview", view_func=overview_views.overview_page, methods=["GET"])
bp.add_url_rule("/overview/export", view_func=overview_views.export, methods=["GET"])
bp.add_url_rule(
    "/participants/<int:participant_id>/statement",
    view_func=overview_views.statement,
    methods=["GET"],
)
