"""Admin views for staff users: list, create, change roles, deactivate, reset password."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from .. import audit
from ..auth.access import role_required
from ..auth.models import Role, User
from ..auth.service import (
    AccountError,
    all_users,
    create_user,
    deactivate,
    get_user,
    one_time_password,
    set_password,
    set_roles,
)
from .forms import ConfirmForm, RolesForm, UserForm

View = HttpResponse | str | tuple[str, int]


def _user_or_404(user_id: int) -> User:
    return get_user(user_id) or abort(404)


@role_required(Role.ADMIN)
def users() -> View:
    form = UserForm()
    if form.validate_on_submit():
        password = one_time_password(form.email.data or "")
        try:
            user = create_user(form.email.data, {Role(r) for r in form.roles.data}, password)
        except AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            return render_template("admin/password_shown.html", user=user, password=password)
    everyone = all_users()
    status = 422 if form.errors else 200
    return render_template(
        "admin/users.html", users=everyone, form=form, confirm=ConfirmForm()
    ), status


@role_required(Role.ADMIN)
def edit_user(user_id: int) -> View:
    user = _user_or_404(user_id)
    form = RolesForm(data={"roles": sorted(user.roles)})
    if form.validate_on_submit():
        set_roles(user, {Role(r) for r in form.roles.data})
        flash(_("Roles of %(email)s saved.", email=user.email))
        return redirect(url_for("admin.users"))
    return render_template(
        "admin/user_edit.html", user=user, form=form
    ), 422 if form.errors else 200


@role_required(Role.ADMIN)
def deactivate_user(user_id: int) -> View:
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        deactivate(user)
        flash(_("%(email)s can no longer log in.", email=user.email))
    return redirect(url_for("admin.users"))


@role_required(Role.ADMIN)
def reset_password(user_id: int) -> View:
    user = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("admin.users"))
    password = one_time_password(user.email)
    set_password(user, password, one_time=True)  # ends the user's sessions
    return render_template("admin/password_shown.html", user=user, password=password)


@role_required(Role.ADMIN)
def audit_log() -> str:
    return render_template("admin/audit.html", events=audit.recent())
