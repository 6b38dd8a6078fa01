"""URL map of the mentoring programme: the coordinator's round pages."""

from flask import Blueprint

from . import models as models  # the tables belong to the app's metadata
from . import views

bp = Blueprint("mentoring", __name__, url_prefix="/staff/mentoring")

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/new", view_func=views.create, methods=["GET", "POST"])
bp.add_url_rule("/<slug>", view_func=views.round_page, methods=["GET"])
bp.add_url_rule("/<slug>/edit", view_func=views.edit, methods=["GET", "POST"])
bp.add_url_rule("/<slug>/import", view_func=views.import_page, methods=["POST"])
bp.add_url_rule(
    "/<slug>/participants/<int:participant_id>/link", view_func=views.issue_link, methods=["POST"]
)
bp.add_url_rule(
    "/<slug>/participants/<int:participant_id>/revoke",
    view_func=views.revoke_link,
    methods=["POST"],
)
bp.add_url_rule(
    "/<slug>/participants/<int:participant_id>/withdraw",
    view_func=views.withdraw_participant,
    methods=["POST"],
)
