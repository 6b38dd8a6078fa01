"""URL map of the training activities and their coverage of the needs."""

from flask import Blueprint

from . import evaluation_views, views

bp = Blueprint("training", __name__, url_prefix="/staff/training")

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/new", view_func=views.create, methods=["GET", "POST"])
bp.add_url_rule("/<int:activity_id>", view_func=views.edit, methods=["GET", "POST"])
bp.add_url_rule("/coverage/<slug>", view_func=views.coverage_page, methods=["GET"])
bp.add_url_rule(
    "/<int:activity_id>/evaluate", view_func=evaluation_views.evaluate, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/<int:activity_id>/evaluation", view_func=evaluation_views.evaluation, methods=["GET"]
)
