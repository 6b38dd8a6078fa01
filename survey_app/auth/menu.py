"""The staff menu: each entry shows only to the roles that may open it."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .models import Role

#: (endpoint, label, roles that see it): the one list of the staff menu, in menu order.
MENU: list[tuple[str, object, tuple[Role, ...]]] = [
    ("admin.users", _l("Users"), (Role.ADMIN,)),
    ("admin.audit_log", _l("Audit log"), (Role.ADMIN,)),
    ("fgd.index", _l("My focus groups"), (Role.FACILITATOR,)),
    ("fgd_results.campaigns", _l("Focus-group results"), (Role.DRAFTER,)),
    ("admin.questionnaires", _l("Questionnaires"), (Role.ADMIN,)),
    ("admin.campaigns", _l("Campaigns"), (Role.ADMIN,)),
    ("dashboard.index", _l("Analysis"), (Role.DRAFTER,)),
    ("policy.index", _l("Policy draft"), (Role.DRAFTER, Role.ADMIN)),
    ("jobs.index", _l("My exports"), (Role.DRAFTER, Role.EVALUATOR, Role.ADMIN)),
    ("training.index", _l("Training"), (Role.EVALUATOR, Role.ADMIN)),
    ("mentoring.index", _l("Mentoring"), (Role.COORDINATOR, Role.ADMIN)),
    ("monitoring.index", _l("Monitoring"), (Role.EVALUATOR, Role.DRAFTER, Role.ADMIN)),
]


def staff_menu() -> list[tuple[str, str, tuple[Role, ...]]]:
    if not current_user.is_authenticated:
        return []
    return [
        (endpoint, str(label), roles)
        for endpoint, label, roles in MENU
        if current_user.has_role(*roles)
    ]


#: What pages call each role (the role's value is its code in the database and the CLI).
ROLE_NAMES = {
    Role.ADMIN: _l("Administrator"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.DRAFTER: _l("Policy drafter"),
    Role.EVALUATOR: _l("Evaluator"),
    Role.COORDINATOR: _l("Mentoring coordinator"),
}


def role_names(roles: Iterable[Role]) -> str:
    """``"Administrator, Policy drafter"``: the roles by name, in the reader's language."""
    return ", ".join(str(ROLE_NAMES.get(role, role)) for role in sorted(roles))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["staff_menu"] = staff_menu
    app.jinja_env.globals["role_names"] = role_names
