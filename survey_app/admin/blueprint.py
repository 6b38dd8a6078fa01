"""URL map of the admin console."""

from flask import Blueprint

from . import campaigns as admin_campaigns
from . import questionnaires as admin_questionnaires
from . import users

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")

bp.add_url_rule("/users", view_func=users.users, methods=["GET", "POST"])
bp.add_url_rule("/users/<int:user_id>", view_func=users.edit_user, methods=["GET", "POST"])
bp.add_url_rule(
    "/users/<int:user_id>/deactivate", view_func=users.deactivate_user, methods=["POST"]
)
bp.add_url_rule("/users/<int:user_id>/password", view_func=users.reset_password, methods=["POST"])
bp.add_url_rule("/audit", view_func=users.audit_log, methods=["GET"])

bp.add_url_rule(
    "/questionnaires", view_func=admin_questionnaires.questionnaires, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/questionnaires/versions/<int:version_id>/preview",
    endpoint="preview_version",
    view_func=admin_questionnaires.preview,
)
bp.add_url_rule("/campaigns", view_func=admin_campaigns.campaigns, methods=["GET", "POST"])
bp.add_url_rule("/campaigns/<slug>", view_func=admin_campaigns.campaign)
bp.add_url_rule(
    "/campaigns/<slug>/close",
    endpoint="close_campaign",
    view_func=admin_campaigns.close,
    methods=["POST"],
)
bp.add_url_rule(
    "/campaigns/<slug>/open",
    endpoint="reopen_campaign",
    view_func=admin_campaigns.reopen,
    methods=["POST"],
)
bp.add_url_rule(
    "/campaigns/<slug>/invitations",
    endpoint="issue_invitations",
    view_func=admin_campaigns.invitations,
    methods=["POST"],
)
bp.context_processor(lambda: {"local_time": admin_campaigns.local_time})
