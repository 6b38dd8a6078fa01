"""Two app instances (gunicorn, on different ports) behind nginx, sharing one PostgreSQL:
no process keeps in memory what another needs. A short load through nginx stores exactly
what it acknowledged, and the wrong-code limit holds across both instances."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from survey_app import create_app
from survey_app.campaigns.models import Access
from survey_app.campaigns.service import CampaignSettings, create_campaign, issue_invitations
from survey_app.extensions import db
from survey_app.respond.models import Response
from survey_app.versions.service import load_text

from .conftest import ROOT, _empty_tables, checked_backend, form_text
from .live_server import LiveClient, LiveServer, start_server
from .nginx_helpers import Nginx, start_nginx
from .serving_helpers import complete_mini

pytestmark = pytest.mark.slow

RESPONDENTS, CONCURRENCY = 32, 8
CODE_ATTEMPTS = 4
#: Each instance's gunicorn access log line of a request through nginx.
REQUEST_LINE = re.compile(r'"(GET|POST) /s/')


@pytest.fixture(scope="module")
def pg_app(database_urls) -> Iterator[Flask]:
    checked_backend("postgresql", database_urls)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_urls["postgresql"]})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        version = load_text(form_text("mini.yaml"), "mini.yaml").version
        form_id = version.questionnaire.form_id
        create_campaign(CampaignSettings(form_id=form_id, slug="c1"))
        token = create_campaign(CampaignSettings(form_id=form_id, slug="c2", access=Access.TOKEN))
        issue_invitations(token, 2)  # the wrong-code limit applies to token campaigns
        db.session.commit()
        yield app
        db.session.rollback()
        _empty_tables("postgresql")
        db.engine.dispose()


@pytest.fixture(scope="module")
def behind_nginx(
    pg_app, database_urls, tmp_path_factory
) -> Iterator[tuple[Nginx, list[LiveServer]]]:
    folder = tmp_path_factory.mktemp("two")
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_urls["postgresql"],
        "TESTING": False,
        "SURVEY_APP_PROXIES": 1,
        "SURVEY_APP_CODE_ATTEMPTS": CODE_ATTEMPTS,
    }
    servers = [start_server(settings, folder / f"app-{n}.log") for n in (1, 2)]
    assert servers[0].url != servers[1].url
    nginx = start_nginx(folder / "nginx", servers)
    yield nginx, servers
    nginx.stop()
    for server in servers:
        server.stop()


def _respond(nginx: Nginx, number: int) -> str | None:
    """One respondent through nginx; their suggestion's tag if the submit was acknowledged."""
    client = LiveClient(nginx)  # type: ignore[arg-type]  # url and check_alive suffice
    tag = f"respondent-{number}"
    response = complete_mini(client, "c1", suggestion=tag)
    return tag if response.headers.get("Location", "").endswith("/thanks") else None


def test_a_load_through_nginx_stores_exactly_what_it_acknowledged(pg_app, behind_nginx):
    nginx, servers = behind_nginx
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        acknowledged = [t for t in pool.map(lambda n: _respond(nginx, n), range(RESPONDENTS)) if t]
    assert len(acknowledged) == RESPONDENTS
    db.session.expire_all()
    stored = [a["saran"] for a in db.session.scalars(sa.select(Response.answers))]
    assert sorted(stored) == sorted(acknowledged)  # each once: none lost, none doubled
    served = [len(REQUEST_LINE.findall(s.log.read_text("utf-8", "replace"))) for s in servers]
    assert min(served) > RESPONDENTS  # both instances took a real share of the pages


def test_the_wrong_code_limit_holds_across_both_instances(pg_app, behind_nginx):
    nginx, servers = behind_nginx
    before = [s.log.read_text("utf-8", "replace").count("POST /s/c2/start") for s in servers]
    client = LiveClient(nginx)  # type: ignore[arg-type]
    client.get("/s/c2/")
    # nginx takes turns: the attempts alternate between the two instances.
    attempts = range(CODE_ATTEMPTS + 2)
    statuses = [
        client.post("/s/c2/start", {"code": "WRONG-CODE-0000"}).status_code for _ in attempts
    ]
    assert statuses == [422] * CODE_ATTEMPTS + [429, 429]
    after = [s.log.read_text("utf-8", "replace").count("POST /s/c2/start") for s in servers]
    assert all(a > b for a, b in zip(after, before, strict=True))  # both counted
