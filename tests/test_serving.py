"""``make serve``: the production entry point (``wsgi.py``) over plain http on loopback.

Forms must work there (staff login, a whole survey), the cookie loses ``Secure`` only
with ``SURVEY_APP_INSECURE_LOCALHOST=1`` on a loopback bind, and the flag is refused
anywhere else with one line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
import sqlalchemy as sa

from survey_app import create_app, serving
from survey_app.extensions import db
from survey_app.respond.models import Response

from .conftest import STAFF_PASSWORD
from .live_server import ROOT, LiveServer
from .serving_helpers import PRODUCTION, complete_mini, production_env, start_production


@pytest.fixture
def production(app, database_urls, backend, tmp_path, make_campaign, make_user):
    """``wsgi:app`` under gunicorn, as ``make serve`` starts it, on this test's database."""
    make_campaign(slug="c1")
    make_user("admin@medan.go.id", "admin")
    server = start_production(tmp_path / "server.log", production_env(database_urls[backend]))
    yield server
    server.stop()


@pytest.mark.slow
def test_staff_login_and_a_whole_survey_work_over_plain_http(production: LiveServer):
    staff = production.client().login("admin@medan.go.id", STAFF_PASSWORD)
    assert staff.get("/staff/").status_code == 200
    assert not any(cookie.secure for cookie in staff.http.cookies)
    respondent = production.client()
    submitted = complete_mini(respondent, "c1")
    assert submitted.status_code == 302 and submitted.headers["Location"].endswith("/thanks")
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1


@pytest.mark.slow
def test_the_cookie_loses_secure_only_with_the_flag(tmp_path):
    """The login page and a refused form need no database: an empty SQLite file serves."""
    database = f"sqlite:///{tmp_path}/empty.sqlite3"
    relaxed = start_production(tmp_path / "relaxed.log", production_env(database))
    try:
        assert "secure" not in _session_cookie(relaxed).lower()
    finally:
        relaxed.stop()
    env = production_env(database, SURVEY_APP_INSECURE_LOCALHOST="0")
    strict = start_production(tmp_path / "strict.log", env)
    try:
        assert "secure" in _session_cookie(strict).lower()
        # Without the flag a browser does not send the Secure cookie back over http:
        client = strict.client()
        client.get("/staff/login")
        client.http.cookies.clear()
        refused = client.post("/staff/login", {"email": "admin@medan.go.id", "password": "x"})
        assert refused.status_code == 400
    finally:
        strict.stop()


def _session_cookie(server: LiveServer) -> str:
    response = server.client().get("/staff/login")
    assert response.status_code == 200
    return response.headers["Set-Cookie"]


@pytest.mark.parametrize("bind", ["0.0.0.0:8000", "192.168.1.5:8000", "[::]:8000", "unix:/tmp/s"])
def test_the_flag_is_refused_off_loopback_with_one_line(bind, tmp_path):
    env = {**os.environ, "SURVEY_APP_INSECURE_LOCALHOST": "1", "SURVEY_APP_BIND": bind}
    env.update(SECRET_KEY="k" * 40, DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", *PRODUCTION, "--bind", "127.0.0.1:0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert (
        f"Error: SURVEY_APP_INSECURE_LOCALHOST=1 is for loopback only; refusing to serve on {bind}"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_make_serve_check_refuses_a_public_bind_and_a_proxy():
    command = [sys.executable, "-m", "survey_app.serving", "check"]
    base = {**os.environ, "SURVEY_APP_INSECURE_LOCALHOST": "1"}
    public = subprocess.run(
        command,
        env={**base, "SURVEY_APP_BIND": "0.0.0.0:8000"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert public.returncode == 2 and public.stderr.count("\n") == 1
    proxied = {**base, "SURVEY_APP_BIND": "127.0.0.1:8000", "SURVEY_APP_PROXIES": "1"}
    assert subprocess.run(command, env=proxied, cwd=ROOT, capture_output=True).returncode == 2
    loopback = {**base, "SURVEY_APP_BIND": "localhost:8000"}
    assert subprocess.run(command, env=loopback, cwd=ROOT, capture_output=True).returncode == 0


@pytest.mark.parametrize(
    ("bind", "loopback"),
    [
        ("127.0.0.1:8000", True),
        ("127.0.0.2:80", True),
        ("[::1]:8000", True),
        ("localhost:5000", True),
        ("0.0.0.0:8000", False),
        ("10.0.0.1:8000", False),
        ("example.go.id:80", False),
        ("unix:/run/app.sock", False),
    ],
)
def test_loopback_binds(bind, loopback):
    assert serving.is_loopback_bind(bind) is loopback


def test_a_peer_off_this_machine_is_refused_under_the_flag():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    serving.allow_plain_http(app)
    client = app.test_client()
    assert client.get("/healthz", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 403
    assert client.get("/healthz", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert client.get("/healthz", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200


def test_the_generated_key_is_private_and_kept(tmp_path):
    first = serving.secret_key(tmp_path)
    assert len(first) == 64 and first == serving.secret_key(tmp_path)
    mode = stat.S_IMODE((tmp_path / serving.KEY_FILE).stat().st_mode)
    assert mode == 0o600
