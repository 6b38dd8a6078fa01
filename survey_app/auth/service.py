"""Staff accounts: create, authenticate (with lockout), change passwords, deactivate.

Flushes only; the request or the CLI command commits.
"""

from __future__ import annotations

import re
import secrets
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit, ratelimit
from ..extensions import db
from .models import Role, User, UserRole

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def _hash(password: str) -> str:
    return generate_password_hash(
        password, method=str(current_app.config["SURVEY_APP_PASSWORD_HASH"])
    )


def _dummy_hash() -> str:
    """Checked when the e-mail is unknown, so a wrong e-mail costs as much as a wrong password."""
    return _dummy_hash_for(str(current_app.config["SURVEY_APP_PASSWORD_HASH"]))


@lru_cache(maxsize=4)
def _dummy_hash_for(method: str) -> str:
    return generate_password_hash("not-a-password", method=method)


class AccountError(ValueError):
    """A request about an account that cannot be carried out; the message says why."""


class LoginRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "locked"


def one_time_password() -> str:
    """Random and at least as long as the password rules ask (16 characters or more)."""
    length = max(16, int(current_app.config["SURVEY_APP_MIN_PASSWORD_LENGTH"]))
    return secrets.token_urlsafe(length)[:length]


def check_password_rules(password: str) -> None:
    minimum = int(current_app.config["SURVEY_APP_MIN_PASSWORD_LENGTH"])
    if len(password) < minimum:
        raise AccountError(f"the password must have at least {minimum} characters")


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def create_user(email: str, roles: set[Role], password: str, one_time: bool = True) -> User:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError(f"'{email}' is not an e-mail address")
    if find_user(email) is not None:
        raise AccountError(f"a user with e-mail {email} already exists")
    check_password_rules(password)
    user = User(email=email, password_hash=_hash(password), must_change_password=one_time)
    user.role_rows = [UserRole(role=role) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", "user", user.id, email=email, roles=sorted(roles))
    return user


def set_roles(user: User, roles: set[Role]) -> None:
    user.role_rows = [UserRole(role=role) for role in sorted(roles)]
    db.session.flush()
    audit.record("user.roles", "user", user.id, roles=sorted(roles))


def set_password(user: User, password: str, one_time: bool = False) -> None:
    check_password_rules(password)
    user.password_hash = _hash(password)
    user.must_change_password = one_time
    db.session.flush()
    audit.record("user.password", "user", user.id, one_time=one_time)


def deactivate(user: User) -> None:
    user.active = False
    db.session.flush()
    audit.record("user.deactivate", "user", user.id)


def authenticate(email: str, password: str) -> User:
    """The active user with these credentials; raises LoginRefused.

    Failures count per account and per client; either limit locks logins for a window.
    """
    limit = ratelimit.Limit.from_config("SURVEY_APP_LOGIN")
    account, client = f"login:{email.strip().lower()}", "login"
    if ratelimit.is_locked_out(account, limit, per_client=False) or ratelimit.is_locked_out(
        client, limit
    ):
        raise LoginRefused("locked")
    user = find_user(email)
    valid = check_password_hash(user.password_hash if user else _dummy_hash(), password)
    if user is None or not valid or not user.active:
        ratelimit.record_failure(account, limit, per_client=False)
        ratelimit.record_failure(client, limit)
        if user is not None:  # unknown addresses are not written to the log
            audit.record("user.login_failed", "user", user.id)
        raise LoginRefused("invalid")
    ratelimit.clear(account, per_client=False)
    return user
