"""``/healthz``, ``/readyz``, and a database in trouble: unreachable, locked, read-only or
full gives a clean 503 (both languages, ``Retry-After``) on every route, writes nothing
half, and the app recovers when the condition clears."""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.respond.models import Draft, Response

from .outage_helpers import (
    Switch,
    disk_full_when,
    dispose,
    full_disk,
    read_only_when,
    second_app,
    unreachable_url,
)
from .respondent import MINI_PAGES, Respondent

LOGIN = {"email": "a@medan.go.id", "password": "correct horse battery"}
#: Routes that need the database (the login page itself and /healthz do not).
ROUTES = [
    ("GET", "/", None),
    ("GET", "/s/c1/", None),
    ("POST", "/s/c1/start", None),
    ("GET", "/s/c1/p/0", None),
    ("POST", "/staff/login", LOGIN),
    ("POST", "/s/c1/resume", {"code": "ABCD-EFGH-JKLM"}),
]
EN = "What you just sent was not saved"
ID = "belum tersimpan"


def test_readyz_when_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "migrations": "current"}
    assert client.get("/healthz").json == {"status": "ok"}


def test_readyz_says_behind_until_the_upgrade(client):
    (current,) = db.session.scalars(sa.text("SELECT version_num FROM alembic_version")).all()
    db.session.execute(sa.text("UPDATE alembic_version SET version_num = '953a09d50685'"))
    db.session.commit()
    try:
        response = client.get("/readyz")
        assert response.status_code == 503 and response.headers["Retry-After"] == "30"
        assert response.json["migrations"] == "behind" and response.json["database"] == "ok"
    finally:
        db.session.execute(sa.text(f"UPDATE alembic_version SET version_num = '{current}'"))
        db.session.commit()
    assert client.get("/readyz").status_code == 200


def test_an_unreachable_database_gives_503_everywhere(backend, database_urls, tmp_path):
    down = second_app(
        unreachable_url(backend, database_urls[backend], tmp_path), WTF_CSRF_ENABLED=False
    )
    client = down.test_client()
    for method, path, data in ROUTES:
        response = client.open(path, method=method, data=data, query_string={"lang": "en"})
        assert response.status_code == 503, (path, response.status_code)
        assert response.headers["Retry-After"] == "30"
        assert EN in response.get_data(as_text=True), path
    indonesian = down.test_client().get("/s/c1/")
    assert indonesian.status_code == 503 and ID in indonesian.get_data(as_text=True)
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json["database"] == "unreachable"
    assert client.get("/healthz").status_code == 200
    as_json = client.get("/s/c1/", headers={"Accept": "application/json"})
    assert as_json.status_code == 503 and as_json.json["status"] == 503


def test_a_locked_database_gives_503_then_serves(
    backend, database_urls, make_campaign, monkeypatch
):
    make_campaign(slug="c1")
    url = database_urls[backend]
    if backend == "sqlite":
        monkeypatch.setattr("survey_app.database.SQLITE_PRAGMAS", ("busy_timeout = 100",))
        locked = second_app(url)
    else:
        options = {"pool_pre_ping": True, "connect_args": {"options": "-c lock_timeout=100"}}
        locked = second_app(url, SQLALCHEMY_ENGINE_OPTIONS=options)
    client = locked.test_client()
    with _lock(backend, url):
        response = client.get("/s/c1/", query_string={"lang": "en"})
        assert response.status_code == 503 and response.headers["Retry-After"] == "30"
        assert EN in response.get_data(as_text=True)
    assert client.get("/s/c1/").status_code == 200
    dispose(locked)


class _lock:
    """Another connection holding the lock every reader of ``campaign`` needs."""

    def __init__(self, backend: str, url: str) -> None:
        self.backend, self.url = backend, url

    def __enter__(self) -> None:
        if self.backend == "sqlite":
            self.connection = sqlite3.connect(sa.make_url(self.url).database, isolation_level=None)
            self.connection.execute("BEGIN EXCLUSIVE")
            return
        self.engine = sa.create_engine(self.url)
        self.connection = self.engine.connect()
        self.connection.execute(sa.text("LOCK TABLE campaign IN ACCESS EXCLUSIVE MODE"))

    def __exit__(self, *exc: object) -> None:
        if self.backend == "sqlite":
            self.connection.execute("ROLLBACK")
            self.connection.close()
            return
        self.connection.rollback()
        self.connection.close()
        self.engine.dispose()


def _answered(respondent: Respondent) -> None:
    respondent.start("c1")
    for page, answers in enumerate(MINI_PAGES):
        assert respondent.page("c1", page, answers).status_code == 302


def _counts() -> tuple[int, int]:
    db.session.expire_all()
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    return count(Response), count(Draft)


def test_a_read_only_database_refuses_cleanly_and_recovers(backend, database_urls, make_campaign):
    make_campaign(slug="c1")
    switch, app = Switch(), second_app(database_urls[backend])
    read_only_when(app, switch)
    respondent = Respondent(app.test_client())
    _answered(respondent)
    key = respondent.submission_key("c1")
    switch.on = True
    refused = respondent.submit("c1", key)
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "300"
    assert "saat ini tidak ada data yang dapat disimpan" in refused.get_data(as_text=True)
    assert _counts() == (0, 1)
    switch.on = False
    assert respondent.submit("c1", key).location.endswith("/thanks")
    assert _counts() == (1, 0)
    dispose(app)


def test_a_full_disk_refuses_cleanly_and_recovers(
    backend, database_urls, make_campaign, monkeypatch
):
    make_campaign(slug="c1")
    switch, app = Switch(), second_app(database_urls[backend])
    with disk_full_when(app, backend, switch, monkeypatch):
        respondent = Respondent(app.test_client())
        _answered(respondent)
        key = respondent.submission_key("c1")
        switch.on = True
        refused = respondent.submit("c1", key)
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "300"
        page = respondent.client.get("/s/c1/review", query_string={"lang": "en"})
        assert page.status_code == 200  # reading still works
        refused = respondent.post("/s/c1/submit", {"submission_key": key})
        assert "storage is full" in refused.get_data(as_text=True)
        assert _counts() == (0, 1)
        switch.on = False
        assert respondent.submit("c1", key).location.endswith("/thanks")
    assert _counts() == (1, 0)
    dispose(app)


def test_a_commit_that_fails_is_a_503_with_nothing_stored(
    backend, database_urls, make_campaign, monkeypatch
):
    """The request's one commit (after the view) failing on a full disk: still a 503.

    Flask hands an error after the view to the 500 handler, or, when testing, raises
    it: this app does as a server does (``PROPAGATE_EXCEPTIONS`` off)."""
    make_campaign(slug="c1")
    app = second_app(database_urls[backend], PROPAGATE_EXCEPTIONS=False)
    respondent = Respondent(app.test_client())
    _answered(respondent)
    key = respondent.submission_key("c1")
    with app.app_context():
        dialect = db.engine.dialect
    original = dialect.do_commit

    def fail_once(connection):
        monkeypatch.setattr(dialect, "do_commit", original)
        connection.rollback()
        raise full_disk(backend)

    monkeypatch.setattr(dialect, "do_commit", fail_once)
    refused = respondent.submit("c1", key)
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "300"
    assert _counts() == (0, 1)
    assert respondent.submit("c1", key).location.endswith("/thanks")
    assert _counts() == (1, 0)
    dispose(app)
