"""URL map of the policy draft (drafters; admins may download)."""

from flask import Blueprint

from . import views

bp = Blueprint("policy", __name__, url_prefix="/staff/policy")

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/<slug>/draft", view_func=views.download, methods=["GET"])
bp.add_url_rule("/<slug>/quotes", view_func=views.quotes, methods=["GET", "POST"])
