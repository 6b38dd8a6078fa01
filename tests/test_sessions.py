"""Staff sessions end when they should (issue 10, defect 2): a copied session cookie is
worthless after logout, a password reset, a password change or deactivation, and
changing the password needs the current one."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.auth.models import User
from survey_app.extensions import db

from .conftest import STAFF_PASSWORD
from .respondent import Respondent

NEW_PASSWORD = "lima ekor kucing oranye"
ONE_TIME = re.compile(r'class="code-display"[^>]*>\s*<strong>([^<]+)</strong>')


def copy_session(source: Respondent, app) -> Respondent:
    """Another browser holding a copy of ``source``'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", source.client.get_cookie("session").value)
    copy = Respondent(thief)
    copy.csrf = source.csrf
    return copy


def is_logged_in(staff: Respondent) -> bool:
    """Logged in, even with a one-time password to replace (the password page opens)."""
    return staff.client.get("/staff/password").status_code == 200


def test_a_copied_cookie_stops_working_at_logout(make_user, login, app):
    make_user("d@medan.go.id", "drafter")
    staff = login(app.test_client(), "d@medan.go.id")
    thief = copy_session(staff, app)
    assert is_logged_in(thief)
    staff.get("/staff/")
    assert staff.post("/staff/logout").status_code == 302
    assert not is_logged_in(thief)
    assert thief.client.get("/staff/").location.startswith("/staff/login")


def test_logout_ends_every_session_of_the_user_only(make_user, login, app):
    make_user("d@medan.go.id", "drafter")
    make_user("a@medan.go.id", "admin")
    phone = login(app.test_client(), "d@medan.go.id")
    laptop = login(app.test_client(), "d@medan.go.id")
    colleague = login(app.test_client(), "a@medan.go.id")
    phone.post("/staff/logout")
    assert not is_logged_in(laptop)  # "log out everywhere": a cookie has no server-side state
    assert is_logged_in(colleague)


def test_an_admin_reset_ends_the_old_session_and_the_one_time_password_works(make_user, login, app):
    make_user("a@medan.go.id", "admin")
    make_user("f@medan.go.id", "facilitator")
    victim = login(app.test_client(), "f@medan.go.id")
    thief = copy_session(victim, app)
    admin = login(app.test_client(), "a@medan.go.id")
    user_id = db.session.scalar(sa.select(User.id).where(User.email == "f@medan.go.id"))
    admin.get("/staff/admin/users")
    shown = admin.post(f"/staff/admin/users/{user_id}/password").get_data(as_text=True)
    one_time = ONE_TIME.search(shown).group(1).strip()

    for stale in (victim, thief):
        refused = stale.client.get("/staff/password")
        assert refused.status_code == 302 and refused.location.startswith("/staff/login")
        attempt = stale.post(
            "/staff/password",
            {"current": "", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        )
        assert attempt.status_code == 302 and attempt.location.startswith("/staff/login")
    fresh = Respondent(app.test_client())
    fresh.get("/staff/login")
    landed = fresh.post("/staff/login", {"email": "f@medan.go.id", "password": one_time})
    assert landed.status_code == 302
    assert fresh.client.get("/staff/").location == "/staff/password"


def change(staff: Respondent, current: str, new: str = NEW_PASSWORD):
    staff.get("/staff/password")
    return staff.post("/staff/password", {"current": current, "password": new, "confirm": new})


@pytest.mark.parametrize("current", ["", "not the password"], ids=["missing", "wrong"])
def test_changing_the_password_needs_the_current_one(make_user, login, app, current):
    user = make_user("d@medan.go.id", "drafter")
    old_hash = user.password_hash
    staff = login(app.test_client(), "d@medan.go.id")
    refused = change(staff, current)
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    assert 'id="current-error"' in body  # the error sits at the current-password field
    if current:
        assert "Kata sandi saat ini salah" in body
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_wrong_current_passwords_count_like_failed_logins(make_user, login, app):
    app.config["SURVEY_APP_LOGIN_ATTEMPTS"] = 2
    make_user("d@medan.go.id", "drafter")
    staff = login(app.test_client(), "d@medan.go.id")
    statuses = [change(staff, f"guess {i}").status_code for i in range(3)]
    assert statuses == [422, 422, 429]
    assert change(staff, STAFF_PASSWORD).status_code == 429  # no more guesses here for now
    failed = db.session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.action == "user.password_failed")
    )
    assert len(list(failed)) == 2


def test_a_password_change_keeps_this_session_and_ends_the_others(make_user, login, app):
    make_user("d@medan.go.id", "drafter")
    staff = login(app.test_client(), "d@medan.go.id")
    other = login(app.test_client(), "d@medan.go.id")
    thief = copy_session(staff, app)
    assert change(staff, STAFF_PASSWORD).location == "/staff/"
    assert is_logged_in(staff)
    assert not is_logged_in(other) and not is_logged_in(thief)
    again = Respondent(app.test_client())
    again.get("/staff/login")
    assert (
        again.post("/staff/login", {"email": "d@medan.go.id", "password": NEW_PASSWORD}).location
        == "/staff/"
    )


def test_the_new_password_must_differ_from_the_one_time_password(app, client, runner):
    result = runner.invoke(args=["user", "create", "--email", "f@medan.go.id", "--role", "drafter"])
    one_time = result.output.split("one-time password: ")[1].split()[0]
    staff = Respondent(client)
    staff.get("/staff/login")
    staff.post("/staff/login", {"email": "f@medan.go.id", "password": one_time})
    same = change(staff, one_time, one_time)
    assert same.status_code == 422
    assert "harus berbeda" in same.get_data(as_text=True)
    assert client.get("/staff/").location == "/staff/password"


def test_deactivation_and_a_cli_reset_end_sessions(make_user, login, app, runner):
    make_user("d@medan.go.id", "drafter")
    make_user("f@medan.go.id", "facilitator")
    drafter = login(app.test_client(), "d@medan.go.id")
    facilitator = login(app.test_client(), "f@medan.go.id")
    assert runner.invoke(args=["user", "reset-password", "d@medan.go.id"]).exit_code == 0
    assert runner.invoke(args=["user", "deactivate", "f@medan.go.id"]).exit_code == 0
    assert not is_logged_in(drafter) and not is_logged_in(facilitator)


def test_a_session_from_before_session_versions_is_refused(make_user, login, app):
    """A cookie holding only the user id (as before this change) is not a login."""
    user = make_user("d@medan.go.id", "drafter")
    staff = login(app.test_client(), "d@medan.go.id")
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(staff.client.get_cookie("session").value)
    assert data["_user_id"] == f"{user.id}:0"
    staff.client.set_cookie("session", serializer.dumps({**data, "_user_id": str(user.id)}))
    assert not is_logged_in(staff)
