"""Login, logout, password change and the staff home page."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response as HttpResponse

from . import login_limits
from .access import login_required, staff_required
from .forms import LoginForm, PasswordForm, weak_password_message
from .next_url import safe_next
from .service import (
    LoginRefused,
    PasswordChangeRefused,
    WeakPassword,
    authenticate,
    change_own_password,
    log_out_everywhere,
    record_login,
)

View = HttpResponse | str | tuple[str, int]


def login() -> View:
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form, error=None)
    try:
        user = authenticate(form.email.data, form.password.data)
    except LoginRefused as exc:
        return _refused(form, exc.reason)
    language = session.get("lang")
    session.clear()  # a fresh session on login: nothing from before survives but the language
    if language:
        session["lang"] = language
    login_user(user)
    record_login(user)
    return redirect(safe_next(request.args.get("next")) or url_for("auth.home"))


def _refused(form: LoginForm, reason: str) -> tuple[str, int]:
    if reason == "locked":
        minutes = max(1, int(current_app.config["SURVEY_APP_LOGIN_WINDOW_SECONDS"]) // 60)
        message = _("Too many failed logins. Please wait %(minutes)s minutes.", minutes=minutes)
        return render_template("staff/login.html", form=form, error=message), 429
    return render_template(
        "staff/login.html", form=form, error=_("E-mail or password is wrong.")
    ), 401


def logout() -> HttpResponse:
    if current_user.is_authenticated:
        log_out_everywhere(current_user._get_current_object())
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@login_required
def change_password() -> View:
    form = PasswordForm()
    if not form.validate_on_submit():
        return _password_page(form)
    user = current_user._get_current_object()
    try:
        change_own_password(user, form.current.data, form.password.data)
    except PasswordChangeRefused as exc:
        return _password_page(form, exc.reason)
    except WeakPassword as exc:
        form.password.errors.append(weak_password_message(exc))
        return _password_page(form)
    login_user(user)  # this session carries the new session version; all others end
    return redirect(url_for("auth.home"))


def _password_page(form: PasswordForm, refused: str | None = None) -> View:
    if refused == "locked":
        minutes = login_limits.window_minutes()
        form.current.errors.append(
            _("Too many failed logins. Please wait %(minutes)s minutes.", minutes=minutes)
        )
    elif refused == "wrong_current":
        form.current.errors.append(_("The current password is wrong."))
    elif refused == "same":
        form.password.errors.append(_("The new password must differ from the current one."))
    status = 429 if refused == "locked" else 422 if form.errors else 200
    return render_template("staff/password.html", form=form), status


@staff_required
def home() -> str:
    return render_template("staff/home.html")
