"""URL map of the personal links of mentors and mentees (no account; the token is the key)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from . import personal_views
from .personal import LinkInvalid
from .tokens import LinkLocked

bp = Blueprint("my_mentoring", __name__, url_prefix="/m/p/<token>")

bp.add_url_rule("", view_func=personal_views.home, methods=["GET"])
bp.add_url_rule("/pairs/<int:pair_id>/sessions", view_func=personal_views.log, methods=["POST"])
bp.add_url_rule("/statement", view_func=personal_views.statement, methods=["GET"])
bp.add_url_rule("/withdraw", view_func=personal_views.withdraw, methods=["GET", "POST"])


@bp.after_request
def _private(response: Response) -> Response:
    """The token is in the address: no referrer leaves these pages, nothing is cached."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(LinkInvalid)
def _invalid(error: LinkInvalid) -> tuple[str, int]:
    return render_template("mentoring/personal_invalid.html"), 404


@bp.errorhandler(LinkLocked)
def _locked(error: LinkLocked) -> tuple[str, int]:
    return render_template("mentoring/personal_invalid.html", locked=True), 429
