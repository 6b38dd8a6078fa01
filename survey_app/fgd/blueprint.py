"""URL map of focus-group sessions."""

from flask import Blueprint

from . import views
from .times import local_time

bp = Blueprint("fgd", __name__, url_prefix="/staff/fgd")
bp.context_processor(lambda: {"local_time": local_time})

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/new", view_func=views.create, methods=["POST"])
bp.add_url_rule("/<int:session_id>", view_func=views.session, methods=["GET", "POST"])
bp.add_url_rule("/<int:session_id>/finalize", view_func=views.finalize, methods=["GET", "POST"])
bp.add_url_rule("/<int:session_id>/amend", view_func=views.amend, methods=["GET", "POST"])
