"""URL map of the respondent flow; handlers live in ``views``."""

from flask import Blueprint

from . import views
from .service import CampaignUnavailable

bp = Blueprint("respond", __name__, url_prefix="/s/<slug>")

bp.add_url_rule("/", view_func=views.intro, methods=["GET"])
bp.add_url_rule("/start", view_func=views.start, methods=["POST"])
bp.add_url_rule("/p/<int:page>", view_func=views.page, methods=["GET", "POST"])
bp.add_url_rule("/review", view_func=views.review, methods=["GET"])
bp.add_url_rule("/submit", view_func=views.submit, methods=["POST"])
bp.add_url_rule("/thanks", view_func=views.thanks, methods=["GET"])
bp.add_url_rule("/resume", view_func=views.resume, methods=["GET", "POST"])

bp.register_error_handler(CampaignUnavailable, views.unavailable)
