"""Login, logout, password change and the staff home page."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response as HttpResponse

from .. import audit
from .access import login_required, staff_required
from .forms import LoginForm, PasswordForm
from .service import AccountError, LoginRefused, authenticate, set_password

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
    audit.record("user.login", "user", user.id)
    return redirect(_safe_next(request.args.get("next")) or url_for("auth.home"))


def _refused(form: LoginForm, reason: str) -> tuple[str, int]:
    if reason == "locked":
        minutes = max(1, int(current_app.config["SURVEY_APP_LOGIN_WINDOW_SECONDS"]) // 60)
        message = _("Too many failed logins. Please wait %(minutes)s minutes.", minutes=minutes)
        return render_template("staff/login.html", form=form, error=message), 429
    return render_template(
        "staff/login.html", form=form, error=_("E-mail or password is wrong.")
    ), 401


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def logout() -> HttpResponse:
    if current_user.is_authenticated:
        audit.record("user.logout", "user", current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@login_required
def change_password() -> View:
    form = PasswordForm()
    error = None
    if form.validate_on_submit():
        try:
            set_password(current_user, form.password.data)
        except AccountError as exc:
            error = str(exc)
        else:
            return redirect(url_for("auth.home"))
    return render_template("staff/password.html", form=form, error=error)


@staff_required
def home() -> str:
    return render_template("staff/home.html")
