"""Login and password forms (Flask-WTF: every POST carries a CSRF token), and the
translated reasons a new password is refused."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..forms import StaffForm
from .passwords import Weakness
from .service import WeakPassword, check_password_rules

WEAKNESS_MESSAGES = {
    Weakness.TOO_SHORT: _l("Use at least %(n)s characters."),
    Weakness.CONTAINS_EMAIL: _l(
        "The password must not contain the name part of your e-mail address."
    ),
    Weakness.COMMON: _l("This password is on a list of commonly used passwords."),
    Weakness.PERSONAL: _l(
        "This password is too easy to guess from your e-mail address or the organisation's name."
    ),
    Weakness.PATTERN: _l(
        "This password is too easy to guess: keyboard rows, repeated characters and "
        "sequences such as abc or 1234 are tried first."
    ),
    Weakness.DATE: _l("This password is too easy to guess: dates and years are tried first."),
    Weakness.GUESSABLE: _l(
        "This password is too easy to guess. A phrase of several unrelated words works well."
    ),
}


class LoginForm(StaffForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


def weak_password_message(exc: WeakPassword) -> str:
    return str(WEAKNESS_MESSAGES[exc.weakness]) % {"n": exc.policy.min_length}


def strong_enough(form: FlaskForm, field: PasswordField) -> None:
    """The rules of ``passwords.weakness``, for the logged-in user's e-mail."""
    try:
        check_password_rules(field.data or "", current_user.email)
    except WeakPassword as exc:
        raise ValidationError(weak_password_message(exc)) from None


class PasswordForm(StaffForm):
    current = PasswordField(
        _l("Current password (or the one-time password)"),
        validators=[DataRequired(), Length(max=200)],
    )
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=200), strong_enough]
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
