"""URL map of staff authentication."""

from flask import Blueprint

from . import views

bp = Blueprint("auth", __name__, url_prefix="/staff")

bp.add_url_rule("/", view_func=views.home, methods=["GET"])
bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/password", view_func=views.change_password, methods=["GET", "POST"])
