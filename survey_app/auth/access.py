"""Server-side access checks for staff routes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user

from .models import Role
from .next_url import next_for

F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Anonymous users go to the login page; a logged-in user without the role gets 403.

    A user who must still replace a one-time password is sent to do that first.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(login_url())
            if current_user.must_change_password:
                return redirect(url_for("auth.change_password"))
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def login_required(view: F) -> F:
    """Logged in, even with a one-time password still to replace."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return redirect(login_url())
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def staff_required(view: F) -> F:
    """Any active staff user, whatever the role."""
    return role_required(*Role)(view)


def login_url() -> str:
    """The login page, coming back here afterwards when this address is a safe ``next``."""
    target = next_for(request.script_root, request.path, request.query_string)
    return url_for("auth.login", next=target) if target else url_for("auth.login")
