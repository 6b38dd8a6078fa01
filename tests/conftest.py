"""Fixtures: ``app``, ``client`` and ``runner`` on both SQLite and PostgreSQL.

Every test that takes ``app`` (or anything built on it) runs once per backend. The
schema is created by the real migrations (``flask db upgrade``), once per backend and
session; each test then starts from empty tables. The test body keeps an app context for
its setup and checks; ``client`` requests run without it, as on a server
(:class:`IsolatedClient`). ``live_server`` serves the app from gunicorn on the test's
database, for what only a real server shows.
"""

from __future__ import annotations

import contextvars
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from werkzeug.serving import make_server

from survey_app import create_app
from survey_app.campaigns.models import Access, Campaign
from survey_app.campaigns.service import CampaignSettings, create_campaign, issue_invitations
from survey_app.extensions import db
from survey_app.versions.service import load_text

from . import pg_cluster
from .live_server import LiveServer, LiveServers
from .respondent import Respondent

ROOT = Path(__file__).resolve().parent.parent
FORMS = Path(__file__).resolve().parent / "forms"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    if not pg_cluster.available():
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL 15 binaries are required in CI (/usr/lib/postgresql/15/bin)")
        yield None
        return
    with pg_cluster.cluster() as url:
        yield url


@pytest.fixture(scope="session")
def database_urls(
    postgres_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str | None]:
    sqlite_file = tmp_path_factory.mktemp("sqlite") / "test.sqlite3"
    return {"sqlite": f"sqlite:///{sqlite_file}", "postgresql": postgres_url}


_migrated: set[str] = set()


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, database_urls: dict[str, str | None]) -> str:
    return checked_backend(request.param, database_urls)


def checked_backend(name: str, database_urls: dict[str, str | None]) -> str:
    if database_urls[name] is None:
        pytest.skip("PostgreSQL 15 binaries not found (/usr/lib/postgresql/15/bin); set PG_BIN")
    return name


@pytest.fixture
def app(backend: str, database_urls: dict[str, str | None]) -> Iterator[Flask]:
    url = database_urls[backend]
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    app.test_client_class = IsolatedClient
    with app.app_context():
        if backend not in _migrated:
            upgrade(directory=str(ROOT / "migrations"))
            _migrated.add(backend)
        yield app
        db.session.rollback()
        _empty_tables(backend)
        db.engine.dispose()


def _empty_tables(backend: str) -> None:
    tables = [t.name for t in db.metadata.sorted_tables]
    if backend == "postgresql":
        # A transaction left open (say, by a body nobody read) fails the test, not hangs it.
        db.session.execute(sa.text("SET LOCAL lock_timeout = '60s'"))
        db.session.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


class IsolatedClient(FlaskClient):
    """Each request runs as on a server: without the test's app context.

    The test keeps an app context for its own setup and checks; a request must not see
    it, or the request would reuse it (its ``g`` and database session) and keep it past
    its end. So each request runs in an empty :class:`contextvars.Context`, like a server
    thread: Flask pushes the request's own app context and tears it down (closing its
    database session) when the view returns. Then, as a server does, the whole body is
    read and the response closed in that context: a streamed body runs after the
    teardown, and never holds a database session past the call. The response still
    says whether it was streamed.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        return contextvars.Context().run(self._serve, *args, **kwargs)

    def _serve(self, *args: Any, **kwargs: Any) -> Any:
        response = super().open(*args, **kwargs)
        if response.is_streamed:
            body = list(response.iter_encoded())
            response.close()
            response.response = _Streamed(body)
        return response


class _Streamed:
    """A body that was streamed, already read: iterable, without a length."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.chunks)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def form_text(name: str) -> str:
    path = FORMS / name if (FORMS / name).exists() else ROOT / "questionnaires" / name
    return path.read_text(encoding="utf-8")


@pytest.fixture
def make_campaign(app: Flask) -> Callable[..., Campaign]:
    """``make_campaign(form="mini.yaml", slug="c1", **settings)``, committed."""

    def make(form: str = "mini.yaml", slug: str = "c1", **overrides: Any) -> Campaign:
        version = load_text(form_text(form), form).version
        settings = CampaignSettings(form_id=version.questionnaire.form_id, slug=slug, **overrides)
        campaign = create_campaign(settings)
        db.session.commit()
        return campaign

    return make


@pytest.fixture
def make_invitations() -> Callable[[Campaign, int], list[str]]:
    def make(campaign: Campaign, count: int = 1) -> list[str]:
        codes = issue_invitations(campaign, count)
        db.session.commit()
        return codes

    return make


@pytest.fixture
def respondent(client: FlaskClient) -> Respondent:
    return Respondent(client)


__all__ = ["Access"]


STAFF_PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app: Flask) -> Callable[..., Any]:
    """``make_user("a@x.id", "admin", "drafter")``: an active user with a real password."""
    from survey_app.auth.models import Role
    from survey_app.auth.service import create_user

    def make(email: str, *roles: str) -> Any:
        user = create_user(email, {Role(r) for r in roles}, STAFF_PASSWORD, one_time=False)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(app: Flask) -> Callable[[FlaskClient, str], Respondent]:
    """Log a client in as ``email``; returns a Respondent-style helper holding its CSRF token."""

    def do_login(client: FlaskClient, email: str) -> Respondent:
        staff = Respondent(client)
        staff.get("/staff/login")
        response = staff.post("/staff/login", {"email": email, "password": STAFF_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        staff.get("/staff/")
        return staff

    return do_login


# --- a live server and a real browser, for the end-to-end tests -------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def live_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServers]:
    servers = LiveServers(tmp_path_factory.mktemp("live"))
    yield servers
    servers.stop()


@pytest.fixture
def live_server(
    app: Flask,
    backend: str,
    database_urls: dict[str, str | None],
    live_servers: LiveServers,
    request: pytest.FixtureRequest,
) -> LiveServer:
    """The app under gunicorn (2 sync workers) on this test's database; seed it through
    ``app`` and commit. For other settings: ``live_servers.get(url, **settings)``.
    A failing test shows the servers' log of the test."""
    server = live_servers.get(str(database_urls[backend]))
    live_servers.new_logs()  # what earlier tests logged is not this test's
    request.node.stash[LIVE_LOGS] = live_servers
    return server


LIVE_LOGS = pytest.StashKey[LiveServers]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    servers = item.stash.get(LIVE_LOGS, None)
    if servers is not None and call.when == "call" and call.excinfo is not None:
        item.add_report_section("call", "live server log", servers.new_logs())
    return (yield)


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI ({CHROMIUM}); .ci/run installs it")
        pytest.skip(f"Chromium not found at {CHROMIUM}; set CHROMIUM")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


DRAFTER_EMAIL = "d@medan.go.id"


@pytest.fixture
def drafter(make_user, login, app: Flask) -> Respondent:
    """A logged-in drafter (a Respondent-style helper; ``.client`` is its test client)."""
    make_user(DRAFTER_EMAIL, "drafter")
    return login(app.test_client(), DRAFTER_EMAIL)


@pytest.fixture
def seed_survey(make_campaign, runner) -> Callable[..., Campaign]:
    """``seed_survey(responses, seed=5, slug="akpk", **settings)``: a campaign of the
    bundled tna-asn survey (population 13,000 unless given) filled by ``demo seed``."""

    def make(responses: int, seed: int = 5, slug: str = "akpk", **settings: Any) -> Campaign:
        settings = {"population": 13000, **settings}
        campaign = make_campaign(form="tna-asn.yaml", slug=slug, **settings)
        args = ["--campaign", slug, "--responses", str(responses), "--seed", str(seed)]
        result = runner.invoke(args=["demo", "seed", *args])
        assert result.exit_code == 0, result.output
        return campaign

    return make
