"""URL map of the admin console."""

from flask import Blueprint, render_template

from .. import audit
from ..auth.access import role_required
from ..auth.models import Role
from . import users

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")

bp.add_url_rule("/users", view_func=users.users, methods=["GET", "POST"])
bp.add_url_rule("/users/<int:user_id>", view_func=users.edit_user, methods=["GET", "POST"])
bp.add_url_rule(
    "/users/<int:user_id>/deactivate", view_func=users.deactivate_user, methods=["POST"]
)
bp.add_url_rule("/users/<int:user_id>/password", view_func=users.reset_password, methods=["POST"])


@bp.get("/audit")
@role_required(Role.ADMIN)
def audit_log() -> str:
    return render_template("admin/audit.html", events=audit.recent())
