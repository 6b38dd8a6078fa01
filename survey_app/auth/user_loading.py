"""Flask-Login wiring: how a session's user id becomes a User."""

from __future__ import annotations

from flask import Flask

from ..extensions import db, login_manager
from .models import User


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)


def _load_user(user_id: str) -> User | None:
    """The session's user, unless deactivated or the session is older than its version.

    The cookie keeps ``"id:version"`` (``User.get_id``); a password change or reset,
    deactivation or logout bumps the version, which ends every session made before.
    """
    id_part, _, version = user_id.partition(":")
    if not (id_part.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(id_part))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
