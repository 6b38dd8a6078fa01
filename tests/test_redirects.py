"""After login a user goes back to the page they asked for, and never to another site."""

from __future__ import annotations

import json
import random
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.auth.next_url import next_for, safe_next
from survey_app.extensions import db

from .conftest import STAFF_PASSWORD
from .respondent import Respondent

#: Each of these leads off-site in some browser or after some decoding, or is not a path.
NASTY = [
    "//evil.example",
    "//evil.example/staff/",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/%0a/evil.example",
    "/%0D%0A/evil.example",
    "/\n/evil.example",
    "/%00/evil.example",
    "/%2f/evil.example",
    "/%2F%2Fevil.example",
    "/%252f/evil.example",
    "/%5c/evil.example",
    "/%5C%5Cevil.example",
    "%2f%2fevil.example",
    " //evil.example",
    "/ /evil.example",
    "/staff/%20",
    "https://evil.example",
    "https:/evil.example",
    "http:evil.example",
    "HTTPS://evil.example/staff/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "staff/",
    "",
    "/\uff0f/evil.example",  # full-width solidus, NFKC: "/"
    "/%EF%BC%8F/evil.example",
    "/\uff3cevil.example",  # full-width reverse solidus
    "/%E2%80%AE/staff/",  # right-to-left override
    "/%E2%80%8B/evil.example",  # zero-width space
    "/%C2%A0/evil.example",  # no-break space
    "/staff/\u00e9",  # non-ASCII as given: we always send percent-encoded paths
    "/" + "a" * 3000,
]

#: Paths on this site, as :func:`next_for` makes them.
FINE = [
    "/staff/",
    "/staff/admin/users",
    "/staff/admin/campaigns?lang=en",
    "/staff/analysis/akpk?subgroup=status%3Dpns&by=jabatan",
    "/staff/fgd/12/amend",
    "/staff/caf%C3%A9",
    "/javascript:alert(1)",  # a path on this site, though no page has it
]


@pytest.mark.parametrize("target", NASTY)
def test_a_nasty_next_is_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", FINE)
def test_a_path_on_this_site_is_kept(target):
    assert safe_next(target) == target


def test_none_is_refused():
    assert safe_next(None) is None


@pytest.mark.parametrize(
    ("root", "path", "query", "expected"),
    [
        ("", "/staff/admin/users", b"", "/staff/admin/users"),
        ("", "/staff/admin/campaigns", b"lang=en", "/staff/admin/campaigns?lang=en"),
        ("/survey", "/staff/", b"", "/survey/staff/"),
        ("", "/staff/caf\u00e9", b"", "/staff/caf%C3%A9"),
        ("", "//evil.example", b"", None),
        ("", "/staff/\t", b"", None),
        ("", "/staff/", b"x=%0a", None),
        ("", "/staff/", "x=\u00e9".encode("latin-1"), None),
    ],
)
def test_next_for_the_page_asked_for(root, path, query, expected):
    assert next_for(root, path, query) == expected


def login_with_next(client, target: str):
    staff = Respondent(client)
    staff.get("/staff/login")
    data = {"email": "a@medan.go.id", "password": STAFF_PASSWORD, "csrf_token": staff.csrf}
    return client.post(f"/staff/login?next={quote(target, safe='')}", data=data)


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "/\\evil.example", "https://evil.example", "/%2f/evil.example"],
)
def test_login_with_an_off_site_next_goes_to_the_staff_home(make_user, client, target):
    make_user("a@medan.go.id", "admin")
    response = login_with_next(client, target)
    assert (response.status_code, response.location) == (302, "/staff/")


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/evil.example", "/\x00/x"])
def test_a_next_with_control_characters_is_refused_before_login(make_user, client, target):
    """The reproduced defect: ``/%09/…`` redirected to ``//evil.example``, ``/%0A/…`` was a 500."""
    make_user("a@medan.go.id", "admin")
    response = login_with_next(client, target)
    assert response.status_code == 400 and response.location is None
    logins = sa.select(sa.func.count()).where(AuditEvent.action == "user.login")
    assert db.session.scalar(logins) == 0


def test_login_goes_back_to_the_page_asked_for(make_user, client):
    make_user("a@medan.go.id", "admin")
    asked = client.get("/staff/admin/campaigns?lang=en")
    assert asked.location == "/staff/login?next=/staff/admin/campaigns?lang%3Den"
    staff = Respondent(client)
    staff.get(asked.location)
    data = {"email": "a@medan.go.id", "password": STAFF_PASSWORD, "csrf_token": staff.csrf}
    response = client.post(asked.location, data=data)
    assert response.location == "/staff/admin/campaigns?lang=en"


def test_a_page_without_a_query_is_asked_for_without_a_trailing_question_mark(client):
    assert client.get("/staff/admin/users").location == "/staff/login?next=/staff/admin/users"


# --- the browser's own reading of what we accept -----------------------------------------

#: Characters that take part in URL tricks, plus some ordinary ones.
TRICKY = [*"/\\%:@.?#&=;+ \t\n\r\x00aZ09~-_", "%2f", "%5c", "%09", "%0a", "\uff0f"]
ORIGIN = "https://survey.example"


def generated_targets(count: int) -> list[str]:
    """``count`` strings of up to 12 tricky pieces, mostly starting with a slash."""
    rng = random.Random(10)
    return [
        "/" * rng.randint(0, 1) + "".join(rng.choices(TRICKY, k=rng.randint(0, 12)))
        for _ in range(count)
    ]


@pytest.mark.slow
def test_chromium_reads_every_accepted_next_as_this_site(browser):
    """What :func:`safe_next` lets through, Chromium resolves to this site, for the nasty
    and fine tables and for 5000 generated strings of URL syntax."""
    accepted = [t for t in [*NASTY, *FINE, *generated_targets(5000)] if safe_next(t)]
    assert len(accepted) > 100
    page = browser.new_page()
    origins = page.evaluate(
        "([targets, base]) => targets.map(t => new URL(t, base).origin)",
        [accepted, f"{ORIGIN}/staff/login"],
    )
    off_site = [t for t, origin in zip(accepted, origins, strict=True) if origin != ORIGIN]
    assert off_site == [], json.dumps(off_site)
