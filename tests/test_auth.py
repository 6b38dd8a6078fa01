"""Staff login, lockout, one-time passwords and the user CLI."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.auth.models import User
from survey_app.extensions import db

from .conftest import STAFF_PASSWORD
from .respondent import Respondent


def test_login_starts_a_fresh_session_and_is_audited(make_user, client):
    make_user("admin@medan.go.id", "admin")
    staff = Respondent(client)
    staff.get("/staff/login?lang=en")
    serializer = client.application.session_interface.get_signing_serializer(client.application)
    before = serializer.loads(client.get_cookie("session").value)
    response = staff.post(
        "/staff/login", {"email": "ADMIN@medan.go.id ", "password": STAFF_PASSWORD}
    )
    assert response.status_code == 302 and response.location == "/staff/"
    after = serializer.loads(client.get_cookie("session").value)
    assert after.get("lang") == "en"  # the language survives,
    assert "csrf_token" not in after and before["csrf_token"]  # nothing else from before does
    actions = list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["user.create", "user.login"]


def test_wrong_password_is_refused_without_saying_which_part(make_user, client):
    make_user("a@medan.go.id", "admin")
    staff = Respondent(client)
    staff.get("/staff/login")
    for email in ("a@medan.go.id", "nobody@medan.go.id"):
        response = staff.post("/staff/login", {"email": email, "password": "wrong password!"})
        assert response.status_code == 401
        assert "Email atau kata sandi salah" in response.get_data(as_text=True)


def test_repeated_failures_lock_the_account_for_a_while(make_user, app, client):
    app.config["SURVEY_APP_LOGIN_ATTEMPTS"] = 3
    make_user("a@medan.go.id", "admin")
    staff = Respondent(client)
    staff.get("/staff/login")
    codes = [
        staff.post("/staff/login", {"email": "a@medan.go.id", "password": "nope"}).status_code
        for _ in range(3)
    ]
    assert codes == [401, 401, 401]
    other_device = Respondent(app.test_client())
    other_device.get("/staff/login")
    locked = other_device.post(
        "/staff/login", {"email": "a@medan.go.id", "password": STAFF_PASSWORD}
    )
    assert locked.status_code == 429  # even the right password, from this address, waits


def test_a_one_time_password_must_be_replaced_first(app, client, runner):
    result = runner.invoke(
        args=["user", "create", "--email", "f@medan.go.id", "--role", "facilitator"]
    )
    assert result.exit_code == 0, result.output
    password = result.output.split("one-time password: ")[1].split()[0]
    staff = Respondent(client)
    staff.get("/staff/login")
    staff.post("/staff/login", {"email": "f@medan.go.id", "password": password})
    assert client.get("/staff/").location == "/staff/password"
    staff.get("/staff/password")
    short = staff.post(
        "/staff/password", {"current": password, "password": "short", "confirm": "short"}
    )
    assert short.status_code == 422
    assert "sekurang-kurangnya 12 karakter" in short.get_data(as_text=True).lower()
    new = "a much longer secret"
    staff.post("/staff/password", {"current": password, "password": new, "confirm": new})
    assert client.get("/staff/").status_code == 200  # this session continues


def test_user_cli_lists_and_deactivates(runner, make_user, client, login):
    make_user("d@medan.go.id", "drafter", "facilitator")
    assert (
        "d@medan.go.id\tdrafter,facilitator\tactive" in runner.invoke(args=["user", "list"]).output
    )
    staff = login(client, "d@medan.go.id")
    assert runner.invoke(args=["user", "deactivate", "d@medan.go.id"]).exit_code == 0
    assert client.get("/staff/").location.startswith("/staff/login")  # logged out at once
    assert staff.get("/staff/login").status_code == 200


def test_user_cli_refuses_bad_input(runner):
    bad = runner.invoke(args=["user", "create", "--email", "not-an-email", "--role", "admin"])
    assert bad.exit_code != 0 and "is not an e-mail address" in bad.output
    short = runner.invoke(
        args=["user", "create", "--email", "x@y.id", "--role", "admin", "--password-stdin"],
        input="short\n",
    )
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_ensure_admin_creates_one_first_admin(runner):
    first = runner.invoke(args=["user", "ensure-admin"])
    assert "one-time password" in first.output
    second = runner.invoke(args=["user", "ensure-admin"])
    assert "an admin exists" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_login_never_redirects_off_site(make_user, client):
    make_user("a@medan.go.id", "admin")
    staff = Respondent(client)
    staff.get("/staff/login")
    response = client.post(
        "/staff/login?next=//evil.example/x",
        data={"email": "a@medan.go.id", "password": STAFF_PASSWORD, "csrf_token": staff.csrf},
    )
    assert response.location == "/staff/"
