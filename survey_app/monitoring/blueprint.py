"""URL map of the campaign series and their trends (downloads: dashboard/trend_downloads)."""

from flask import Blueprint

from . import flags_views, views

bp = Blueprint("monitoring", __name__, url_prefix="/staff/monitoring")

bp.add_url_rule("/", view_func=views.index, methods=["GET", "POST"])
bp.add_url_rule("/series/<slug>", view_func=views.series_page, methods=["GET"])
bp.add_url_rule("/series/<slug>/trend.svg", view_func=views.chart, methods=["GET"])
bp.add_url_rule("/flags", view_func=flags_views.flags_page, methods=["GET"])
bp.add_url_rule("/flags/<int:activity_id>", view_func=flags_views.decision_page, methods=["GET"])
bp.add_url_rule("/flags/<int:activity_id>", view_func=flags_views.decide, methods=["POST"])
bp.add_url_rule("/comments/<slug>", view_func=flags_views.screening, methods=["GET", "POST"])
