"""Staff accounts: create, authenticate (with lockout), change passwords, deactivate, log out.

Flushes only; the request or the CLI command commits.
"""

from __future__ import annotations

import re
import secrets
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from . import login_limits
from .models import Role, User, UserRole
from .passwords import Policy, Weakness, describe, weakness

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


class WeakPassword(AccountError):
    """The password breaks a rule of ``passwords.weakness``; ``str()`` is English."""

    def __init__(self, weakness: Weakness, policy: Policy) -> None:
        super().__init__(describe(weakness, policy))
        self.weakness = weakness
        self.policy = policy


class LoginRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "locked"


class PasswordChangeRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "wrong_current", "locked" or "same"


def password_policy() -> Policy:
    config = current_app.config
    return Policy(
        min_length=int(config["SURVEY_APP_MIN_PASSWORD_LENGTH"]),
        min_score=int(config["SURVEY_APP_MIN_PASSWORD_SCORE"]),
    )


def check_password_rules(password: str, email: str) -> None:
    """Raises WeakPassword, naming the first rule the password breaks."""
    policy = password_policy()
    organisation = str(current_app.config["SURVEY_APP_ORGANISATION"])
    if (found := weakness(password, email, organisation, policy)) is not None:
        raise WeakPassword(found, policy)


def one_time_password(email: str) -> str:
    """Random, 16 characters or more, and always passing the password rules."""
    length = max(16, int(current_app.config["SURVEY_APP_MIN_PASSWORD_LENGTH"]))
    for _ in range(100):  # a retry is practically never needed: 96 random bits or more
        password = secrets.token_urlsafe(length)[:length]
        try:
            check_password_rules(password, email)
        except WeakPassword:
            continue
        return password
    raise AccountError("no random password passes the password settings; check them")


def all_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.email)))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def create_user(email: str, roles: set[Role], password: str, one_time: bool = True) -> User:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError(f"'{email}' is not an e-mail address")
    if find_user(email) is not None:
        raise AccountError(f"a user with e-mail {email} already exists")
    check_password_rules(password, email)
    user = User(email=email, password_hash=_hash(password), must_change_password=one_time)
    user.role_rows = [UserRole(role=role) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", "user", user.id, email=email, roles=sorted(roles))
    return user


def set_roles(user: User, roles: set[Role]) -> None:
    """Roles are read on every request, so a removed role takes effect at once."""
    user.role_rows = [UserRole(role=role) for role in sorted(roles)]
    db.session.flush()
    audit.record("user.roles", "user", user.id, roles=sorted(roles))


def set_password(user: User, password: str, one_time: bool = False) -> None:
    """A new password (or an admin's one-time password) ends every existing session."""
    check_password_rules(password, user.email)
    user.password_hash = _hash(password)
    user.must_change_password = one_time
    _end_sessions(user)
    audit.record("user.password", "user", user.id, one_time=one_time)


def change_own_password(user: User, current: str, new: str) -> None:
    """The user's own change: the current (or one-time) password first, counted like a login.

    Raises PasswordChangeRefused or WeakPassword.
    """
    try:
        login_limits.take_attempt(user.email)
    except login_limits.LockedOut:
        raise PasswordChangeRefused("locked") from None
    if not check_password_hash(user.password_hash, current):
        audit.record("user.password_failed", "user", user.id)
        raise PasswordChangeRefused("wrong_current")
    login_limits.succeeded(user.email)
    if new == current:
        raise PasswordChangeRefused("same")
    set_password(user, new)


def deactivate(user: User) -> None:
    user.active = False
    _end_sessions(user)
    audit.record("user.deactivate", "user", user.id)


def log_out_everywhere(user: User) -> None:
    """Logout: a session is a signed cookie, so ending this one means ending them all."""
    _end_sessions(user)
    audit.record("user.logout", "user", user.id)


def _end_sessions(user: User) -> None:
    user.session_version += 1
    db.session.flush()


def record_login(user: User) -> None:
    """Audit a login once the session is the user's (the event names them as actor)."""
    audit.record("user.login", "user", user.id)


def authenticate(email: str, password: str) -> User:
    """The active user with these credentials; raises LoginRefused.

    Attempts are limited per account and address and per account (``login_limits``).
    """
    try:
        login_limits.take_attempt(email)
    except login_limits.LockedOut:
        raise LoginRefused("locked") from None
    user = find_user(email)
    valid = check_password_hash(user.password_hash if user else _dummy_hash(), password)
    if user is None or not valid or not user.active:
        if user is not None:  # unknown addresses are not written to the log
            audit.record("user.login_failed", "user", user.id)
        raise LoginRefused("invalid")
    login_limits.succeeded(email)
    return user
