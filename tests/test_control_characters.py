"""Control characters get a clean 400 at the edge and write nothing, on both backends.

The reproduced defect: on PostgreSQL a NUL byte in an address or a form field was a 500
(``psycopg.DataError``), also for anonymous users; 12 of 12 probes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from survey_app.campaigns.models import Access
from survey_app.edge import has_control
from survey_app.extensions import db
from survey_app.respond.models import Draft
from survey_app.versions.service import load_text

from .conftest import form_text
from .respondent import MINI_PAGES, Respondent

STAFF = "a@medan.go.id"
REFUSED = "karakter kontrol tak terlihat"  # the Indonesian message: the default language


@pytest.mark.parametrize(
    ("text", "line_breaks", "refused"),
    [
        ("plain text", False, False),
        ("a\x00b", False, True),
        ("a\x00b", True, True),
        ("\x1b[31m", True, True),
        ("a\x7fb", True, True),
        ("tab\there", False, True),
        ("tab\there", True, False),
        ("one\r\ntwo\nthree", True, False),
        ("one\r\ntwo", False, True),
        ("caf\u00e9 \u2013 \u00a0", False, False),
        ("\x85 next line (C1) is text", False, False),
    ],
)
def test_which_characters_are_refused(text, line_breaks, refused):
    assert has_control([text], allow_line_breaks=line_breaks) is refused


@dataclass
class World:
    staff: Respondent
    respondent: Respondent
    anonymous: Respondent
    campaign_id: int
    fgd_version_id: int


@pytest.fixture
def world(app, make_campaign, make_user, login) -> World:
    """An open campaign ``demo`` with a respondent on page 0, a token campaign ``tok``,
    the focus-group form for campaign ``akpk``, and a logged-in admin who is also
    facilitator and drafter."""
    make_campaign(slug="demo")
    make_campaign(slug="tok", access=Access.TOKEN)
    campaign = make_campaign(form="tna-asn.yaml", slug="akpk")  # the focus-group form's survey
    fgd_version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    db.session.commit()
    make_user(STAFF, "admin", "facilitator", "drafter")
    staff = login(app.test_client(), STAFF)
    respondent = Respondent(app.test_client())
    assert respondent.start("demo").status_code == 302
    respondent.get("/s/demo/p/0")
    anonymous = Respondent(app.test_client())
    return World(staff, respondent, anonymous, campaign.id, fgd_version.id)


@dataclass(frozen=True)
class Probe:
    who: str
    url: str
    #: Form data for a POST (after a GET of ``form_page`` for its CSRF token), else a GET.
    data: Callable[[World], dict[str, Any]] | None = None
    form_page: str = ""

    def prepare(self, w: World) -> None:
        if self.data is not None:
            getattr(w, self.who).get(self.form_page or self.url)

    def send(self, w: World) -> TestResponse:
        sender: Respondent = getattr(w, self.who)
        return sender.get(self.url) if self.data is None else sender.post(self.url, self.data(w))


def _fgd_form(w: World) -> dict[str, Any]:
    return {"campaign_id": w.campaign_id, "version_id": w.fgd_version_id, "title": "FGD\x00"}


PROBES = {
    "path, anonymous": Probe("anonymous", "/s/demo%00/"),
    "login e-mail": Probe(
        "anonymous", "/staff/login", lambda w: {"email": "a\x00@medan.go.id", "password": "x"}
    ),
    "staff url, admin": Probe("staff", "/staff/admin/campaigns/demo%00"),
    "staff url, analysis": Probe("staff", "/staff/analysis/demo%00"),
    "staff url, focus groups": Probe("staff", "/staff/fgd/campaigns/demo%00"),
    "staff query value": Probe("staff", "/staff/analysis/demo?subgroup=status%3Dpns%00"),
    "campaign title": Probe(
        "staff",
        "/staff/admin/campaigns",
        lambda w: {"form_id": "mini", "slug": "neu", "title": "AKPK\x00", "access": "open"},
    ),
    "focus-group title": Probe("staff", "/staff/fgd/new", _fgd_form, "/staff/fgd/"),
    "new user's e-mail": Probe(
        "staff", "/staff/admin/users", lambda w: {"email": "b\x00@medan.go.id", "roles": "drafter"}
    ),
    "respondent page field": Probe(
        "respondent", "/s/demo/p/0", lambda w: {"status": "pns\x00", "jabatan": "pelaksana"}
    ),
    "resume code": Probe("anonymous", "/s/demo/resume", lambda w: {"code": "ABCD-\x00"}),
    "invitation code": Probe(
        "anonymous", "/s/tok/start", lambda w: {"code": "ABCD\x00EFGH"}, "/s/tok/"
    ),
}


def row_counts() -> dict[str, int]:
    db.session.expire_all()
    count = sa.select(sa.func.count())
    return {t.name: db.session.scalar(count.select_from(t)) for t in db.metadata.sorted_tables}


@pytest.mark.parametrize("probe", list(PROBES))
def test_a_nul_byte_is_a_400_that_writes_nothing(world, probe):
    PROBES[probe].prepare(world)
    before = row_counts()
    response = PROBES[probe].send(world)
    assert response.status_code == 400, response.get_data(as_text=True)[:500]
    assert REFUSED in response.get_data(as_text=True).replace("\n", " ")
    assert row_counts() == before


def test_the_answers_of_the_refused_page_are_not_stored(world):
    PROBES["respondent page field"].send(world)
    assert db.session.scalars(sa.select(Draft.answers)).one() == {}


@pytest.mark.parametrize(
    ("name", "send"),
    [
        ("form field name", lambda w: w.staff.post("/staff/admin/campaigns", {"ti\x01tle": "x"})),
        (
            "upload file name",
            lambda w: w.staff.post(
                "/staff/admin/questionnaires", {"file": (io.BytesIO(b"x: 1"), "mini\x00.yaml")}
            ),
        ),
        ("DEL in a query name", lambda w: w.anonymous.get("/s/demo/?a%7Fb=1")),
        ("escape in a value", lambda w: w.anonymous.get("/s/demo/?code=%1b%5b31m")),
        ("tab in the path", lambda w: w.anonymous.get("/s/demo%09/")),
        ("line feed in a query value", lambda w: w.anonymous.get("/?lang=%0a")),
    ],
)
def test_other_places_are_checked_too(world, name, send):
    assert send(world).status_code == 400


def test_a_control_character_in_the_session_cookie_is_refused(app):
    client: FlaskClient = app.test_client()
    client.set_cookie("session", "eyJsYW5nIjoiZW4ifQ\x00.x.y")
    assert client.get("/s/demo/").status_code == 400


def test_line_breaks_and_tabs_in_long_text_are_kept(world):
    """Long text legitimately holds line breaks and tabs: they pass the edge and are stored."""
    slug, answers = "demo", [*MINI_PAGES[:2], {**MINI_PAGES[2], "saran": "Satu\r\nDua\tTiga"}]
    for page, data in enumerate(answers):
        assert world.respondent.page(slug, page, data).status_code == 302
    stored = db.session.scalars(sa.select(Draft.answers)).one()
    assert "Satu" in stored["saran"] and "Dua\tTiga" in stored["saran"]
