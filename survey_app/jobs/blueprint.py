"""URL map of the export jobs (drafters, evaluators and admins; a job is seen by its requester
and admins, for the kinds of file their roles may read)."""

from flask import Blueprint

from . import views

bp = Blueprint("jobs", __name__, url_prefix="/staff/jobs")

bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/<uuid:job_id>", view_func=views.status, methods=["GET"])
bp.add_url_rule("/<uuid:job_id>/file", view_func=views.download, methods=["GET"])
