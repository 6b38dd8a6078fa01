"""Every staff route x every persona: the server decides, on every route and object.

A new staff route must be added to ROUTES, or ``test_every_staff_route_is_in_the_matrix``
fails: access rules cannot be forgotten.
"""

from __future__ import annotations

import pytest

from .respondent import Respondent

PERSONAS = ("anonymous", "facilitator", "other_facilitator", "drafter", "admin")
LOGIN = "login"  # anonymous users are sent to the login page

#: (method, url template, {persona: expected status}); {user} is another staff user's id.
ROUTES: list[tuple[str, str, dict[str, int | str]]] = [
    (
        "GET",
        "/staff/",
        {
            "anonymous": LOGIN,
            "facilitator": 200,
            "other_facilitator": 200,
            "drafter": 200,
            "admin": 200,
        },
    ),
    (
        "GET",
        "/staff/admin/users",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 200,
        },
    ),
    (
        "POST",
        "/staff/admin/users",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 422,
        },
    ),
    (
        "GET",
        "/staff/admin/users/{user}",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 200,
        },
    ),
    (
        "POST",
        "/staff/admin/users/{user}",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 422,
        },
    ),
    (
        "POST",
        "/staff/admin/users/{user}/deactivate",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 302,
        },
    ),
    (
        "POST",
        "/staff/admin/users/{user}/password",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 200,
        },
    ),
    (
        "GET",
        "/staff/admin/audit",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 200,
        },
    ),
    (
        "GET",
        "/staff/admin/users/999999",
        {
            "anonymous": LOGIN,
            "facilitator": 403,
            "other_facilitator": 403,
            "drafter": 403,
            "admin": 404,
        },
    ),
]
#: Routes reachable without an account (login itself, logout, the password page redirects).
PUBLIC_STAFF_ROUTES = {"/staff/login", "/staff/logout", "/staff/password"}


@pytest.fixture
def staff(make_user, login, app):
    users = {
        "facilitator": make_user("f1@medan.go.id", "facilitator"),
        "other_facilitator": make_user("f2@medan.go.id", "facilitator"),
        "drafter": make_user("d@medan.go.id", "drafter"),
        "admin": make_user("a@medan.go.id", "admin"),
    }
    clients = {"anonymous": Respondent(app.test_client())}
    for persona, user in users.items():
        clients[persona] = login(app.test_client(), user.email)
    return users, clients


@pytest.mark.parametrize(
    ("method", "url", "expected"), ROUTES, ids=[f"{m} {u}" for m, u, _ in ROUTES]
)
def test_authorization_matrix(staff, method, url, expected):
    users, clients = staff
    target = url.format(user=users["other_facilitator"].id)
    for persona in PERSONAS:
        client = clients[persona]
        client.get("/staff/login")  # a fresh CSRF token for this persona
        response = client.get(target) if method == "GET" else client.post(target, {})
        want = expected[persona]
        if want == LOGIN:
            assert response.status_code == 302 and "/staff/login" in response.location, (
                persona,
                target,
            )
        else:
            assert response.status_code == want, (persona, method, target, response.status_code)


def test_every_staff_route_is_in_the_matrix(app):
    covered = {(m, u.split("{")[0].rstrip("/") or u) for m, u, _ in ROUTES}
    for rule in app.url_map.iter_rules():
        path = str(rule.rule)
        if not path.startswith("/staff") or path in PUBLIC_STAFF_ROUTES:
            continue
        prefix = path.split("<")[0].rstrip("/") or path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert any(m == method and u.startswith(prefix) for m, u in covered), (method, path)


@pytest.mark.parametrize(("method", "url", "expected"), [r for r in ROUTES if r[0] == "POST"])
def test_every_staff_post_needs_a_csrf_token(staff, method, url, expected):
    users, clients = staff
    admin = clients["admin"]
    response = admin.client.post(url.format(user=users["other_facilitator"].id), data={})
    assert response.status_code == 400
