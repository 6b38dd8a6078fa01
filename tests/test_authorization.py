"""Every staff route x every persona: the server decides, on every route and object.

A new staff route must be added to ROUTES, or ``test_every_staff_route_is_in_the_matrix``
fails: access rules cannot be forgotten. ``{user}`` is another staff user's id,
``{campaign}`` a campaign's slug, ``{session}`` a draft focus-group session that
belongs to "facilitator" (so "other_facilitator" must get a 404, never the data),
``{job}`` a finished background export of "drafter" and ``{fgd_job}`` a finished export
of focus-group records, also of "drafter": an admin sees any job, except focus-group
records (an admin without the drafter role reads no focus-group records, in no file).
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.fgd.service import create_session
from survey_app.jobs.models import ExportChunk, ExportJob
from survey_app.versions.service import load_text

from .conftest import form_text
from .respondent import Respondent

PERSONAS = ("anonymous", "facilitator", "other_facilitator", "drafter", "admin")
LOGIN = "login"  # anonymous users are sent to the login page


def access(**expected: int | str) -> dict[str, int | str]:
    """Expected statuses; anyone not named is refused (anonymous: to the login page)."""
    base: dict[str, int | str] = {
        "anonymous": LOGIN,
        "facilitator": 403,
        "other_facilitator": 403,
        "drafter": 403,
        "admin": 403,
    }
    return {**base, **expected}


ADMIN = "/staff/admin"
ROUTES: list[tuple[str, str, dict[str, int | str]]] = [
    ("GET", "/staff/", access(facilitator=200, other_facilitator=200, drafter=200, admin=200)),
    ("GET", f"{ADMIN}/users", access(admin=200)),
    ("POST", f"{ADMIN}/users", access(admin=422)),
    ("GET", f"{ADMIN}/users/{{user}}", access(admin=200)),
    ("POST", f"{ADMIN}/users/{{user}}", access(admin=422)),
    ("GET", f"{ADMIN}/users/999999", access(admin=404)),
    ("POST", f"{ADMIN}/users/{{user}}/deactivate", access(admin=302)),
    ("POST", f"{ADMIN}/users/{{user}}/password", access(admin=200)),
    ("GET", f"{ADMIN}/audit", access(admin=200)),
    ("GET", f"{ADMIN}/questionnaires", access(admin=200)),
    ("POST", f"{ADMIN}/questionnaires", access(admin=422)),
    ("GET", f"{ADMIN}/questionnaires/versions/999999/preview", access(admin=404)),
    ("GET", f"{ADMIN}/campaigns", access(admin=200)),
    ("POST", f"{ADMIN}/campaigns", access(admin=422)),
    ("GET", f"{ADMIN}/campaigns/{{campaign}}", access(admin=200)),
    ("GET", f"{ADMIN}/campaigns/no-such-campaign", access(admin=404)),
    ("POST", f"{ADMIN}/campaigns/{{campaign}}/close", access(admin=302)),
    ("POST", f"{ADMIN}/campaigns/{{campaign}}/open", access(admin=302)),
    ("POST", f"{ADMIN}/campaigns/{{campaign}}/invitations", access(admin=422)),
    ("GET", "/staff/fgd/", access(facilitator=200, other_facilitator=200)),
    ("POST", "/staff/fgd/new", access(facilitator=400, other_facilitator=400)),
    ("GET", "/staff/fgd/{session}", access(facilitator=200, other_facilitator=404, drafter=404)),
    ("POST", "/staff/fgd/{session}", access(facilitator=302, other_facilitator=404, drafter=404)),
    # the summary before finalizing: an empty draft shows the editor with what is missing
    ("GET", "/staff/fgd/{session}/finalize", access(facilitator=422, other_facilitator=404)),
    ("POST", "/staff/fgd/{session}/finalize", access(facilitator=302, other_facilitator=404)),
    ("GET", "/staff/fgd/{session}/amend", access(facilitator=404, other_facilitator=404)),
    ("POST", "/staff/fgd/{session}/amend", access(facilitator=404, other_facilitator=404)),
    ("GET", "/staff/fgd/campaigns", access(drafter=200)),
    ("GET", "/staff/fgd/campaigns/{campaign}", access(drafter=200)),
    ("GET", "/staff/analysis/", access(drafter=200)),
    ("GET", "/staff/analysis/{campaign}", access(drafter=200)),
    ("GET", "/staff/analysis/no-such-campaign", access(drafter=404)),
    ("GET", "/staff/analysis/{campaign}/charts/mwds.svg", access(drafter=200)),
    ("GET", "/staff/analysis/{campaign}/charts/ipa.svg", access(drafter=200)),
    ("GET", "/staff/analysis/{campaign}/charts/groups.svg", access(drafter=200)),
    ("GET", "/staff/analysis/no-such-campaign/charts/mwds.svg", access(drafter=404)),
    ("GET", "/staff/analysis/{campaign}/waves", access(drafter=200)),
    ("GET", "/staff/analysis/no-such-campaign/waves", access(drafter=404)),
    ("GET", "/staff/policy/", access(drafter=200, admin=200)),
    # the policy draft is always built in the background: a redirect to the job's page
    ("GET", "/staff/policy/{campaign}/draft?format=html", access(drafter=302, admin=302)),
    ("GET", "/staff/policy/no-such-campaign/draft", access(drafter=404, admin=404)),
    ("GET", "/staff/policy/{campaign}/quotes", access(drafter=200)),
    ("POST", "/staff/policy/{campaign}/quotes", access(drafter=302)),
    ("GET", "/staff/policy/no-such-campaign/quotes", access(drafter=404)),
    ("GET", "/staff/analysis/{campaign}/exports", access(drafter=200, admin=200)),
    ("GET", "/staff/analysis/no-such-campaign/exports", access(drafter=404, admin=404)),
    # the campaign has no responses: a page says why, no file is sent
    ("GET", "/staff/analysis/{campaign}/exports/responses", access(drafter=409, admin=409)),
    # the unprotected file: admins only; an empty form lacks the reason
    ("GET", "/staff/analysis/{campaign}/exports/responses/unprotected", access(admin=200)),
    ("POST", "/staff/analysis/{campaign}/exports/responses/unprotected", access(admin=422)),
    ("GET", "/staff/analysis/{campaign}/exports/priorities", access(drafter=409, admin=409)),
    ("GET", "/staff/analysis/{campaign}/exports/fgd?format=json", access(drafter=200)),
    ("GET", "/staff/analysis/no-such-campaign/exports/fgd", access(drafter=404)),
    # background exports: {job} is a finished one the drafter asked for; admins see any
    ("GET", "/staff/jobs/", access(drafter=200, admin=200)),
    ("GET", "/staff/jobs/{job}", access(drafter=200, admin=200)),
    ("GET", "/staff/jobs/{job}/file", access(drafter=200, admin=200)),
    ("GET", "/staff/jobs/{fgd_job}", access(drafter=200, admin=404)),
    ("GET", "/staff/jobs/{fgd_job}/file", access(drafter=200, admin=404)),
    ("GET", "/staff/jobs/00000000-0000-4000-8000-000000000000", access(drafter=404, admin=404)),
    # training activities: evaluators and admins (no evaluator persona here; see
    # tests/test_training.py for the evaluator's own pages)
    ("GET", "/staff/training/", access(admin=200)),
    ("GET", "/staff/training/new", access(admin=200)),
    ("POST", "/staff/training/new", access(admin=422)),
    ("GET", "/staff/training/999999", access(admin=404)),
    ("POST", "/staff/training/999999", access(admin=404)),
    ("GET", "/staff/training/coverage/{campaign}", access(admin=200)),
    ("GET", "/staff/training/coverage/no-such-campaign", access(admin=404)),
    ("GET", "/staff/training/999999/evaluate", access(admin=404)),
    ("POST", "/staff/training/999999/evaluate", access(admin=404)),
    ("GET", "/staff/training/999999/evaluation", access(admin=404)),
    # campaign series and trends: evaluators (see tests/test_monitoring_pages.py), drafters
    # and admins read; evaluators and admins create (an empty form: 422)
    ("GET", "/staff/monitoring/", access(drafter=200, admin=200)),
    ("POST", "/staff/monitoring/", access(admin=422)),
    ("GET", "/staff/monitoring/series/no-such-series", access(drafter=404, admin=404)),
    ("GET", "/staff/monitoring/series/no-such-series/trend.svg", access(drafter=404, admin=404)),
    ("GET", "/staff/monitoring/series/no-such-series/trend", access(drafter=404, admin=404)),
    # adjust-material flags (evaluators: tests/test_monitoring_decisions.py): drafters and
    # admins read, admins decide; open answers are screened only for evaluation campaigns
    ("GET", "/staff/monitoring/flags", access(drafter=200, admin=200)),
    ("GET", "/staff/monitoring/report", access(drafter=200, admin=200)),
    ("POST", "/staff/monitoring/report", access(drafter=422, admin=422)),
    ("GET", "/staff/monitoring/flags/999999", access(drafter=404, admin=404)),
    ("POST", "/staff/monitoring/flags/999999", access(admin=404)),
    ("GET", "/staff/monitoring/comments/{campaign}", access(drafter=404, admin=404)),
    ("POST", "/staff/monitoring/comments/{campaign}", access(drafter=404, admin=404)),
    # mentoring rounds: coordinators and admins (the coordinator's own pages are in
    # tests/test_mentoring_rounds.py)
    ("GET", "/staff/mentoring/", access(admin=200)),
    ("GET", "/staff/mentoring/new", access(admin=200)),
    ("POST", "/staff/mentoring/new", access(admin=422)),
    ("GET", "/staff/mentoring/no-such-round", access(admin=404)),
    ("GET", "/staff/mentoring/no-such-round/edit", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/edit", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/import", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/participants/1/link", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/participants/1/revoke", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/participants/1/withdraw", access(admin=404)),
    # matching, pairs, overview, statements, export (every route x role incl. coordinator
    # and the personal links: tests/test_mentoring_overview.py, test_mentoring_personal.py)
    ("GET", "/staff/mentoring/no-such-round/pairs", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/run", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/accept-all", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/swap", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/rules", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/rules/1/remove", access(admin=404)),
    ("GET", "/staff/mentoring/no-such-round/pairs/1", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/1/accept", access(admin=404)),
    ("POST", "/staff/mentoring/no-such-round/pairs/1/dissolve", access(admin=404)),
    ("GET", "/staff/mentoring/no-such-round/overview", access(admin=404)),
    ("GET", "/staff/mentoring/no-such-round/overview/export", access(admin=404)),
    ("GET", "/staff/mentoring/no-such-round/participants/1/statement", access(admin=404)),
]
#: Routes reachable without an account (login itself, logout, the password page redirects).
PUBLIC_STAFF_ROUTES = {"/staff/login", "/staff/logout", "/staff/password"}


@pytest.fixture
def staff(make_user, login, make_campaign, app):
    users = {
        "facilitator": make_user("f1@medan.go.id", "facilitator"),
        "other_facilitator": make_user("f2@medan.go.id", "facilitator"),
        "drafter": make_user("d@medan.go.id", "drafter"),
        "admin": make_user("a@medan.go.id", "admin"),
    }
    campaign = make_campaign(form="tna-asn.yaml", slug="akpk")
    version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    session = create_session(campaign, version, users["facilitator"], "FGD")
    job = finished_job(campaign, users["drafter"])
    fgd_job = finished_job(campaign, users["drafter"], "fgd")
    db.session.commit()
    clients = {"anonymous": Respondent(app.test_client())}
    for persona, user in users.items():
        clients[persona] = login(app.test_client(), user.email)
    ids = {
        "user": users["other_facilitator"].id,
        "campaign": campaign.slug,
        "session": session.id,
        "job": job.id,
        "fgd_job": fgd_job.id,
    }
    yield ids, clients
    for thread in threading.enumerate():  # jobs started by a route end before the tables do
        if thread.name.startswith("export-"):
            thread.join(60)


def finished_job(campaign, user, kind: str = "responses") -> ExportJob:
    job = ExportJob(
        campaign_id=campaign.id,
        kind=kind,
        options={"format": "xlsx", "headers": "codes", "lang": "id"},
        requested_by=user.id,
        status="done",
        filename=f"akpk-{kind}.xlsx",
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size=2,
        expires_at=utcnow() + dt.timedelta(hours=1),
    )
    db.session.add(job)
    db.session.flush()
    db.session.add(ExportChunk(job_id=job.id, seq=0, data=b"PK"))
    return job


@pytest.mark.parametrize(
    ("method", "url", "expected"), ROUTES, ids=[f"{m} {u}" for m, u, _ in ROUTES]
)
def test_authorization_matrix(staff, method, url, expected):
    ids, clients = staff
    target = url.format(**ids)
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
    ids, clients = staff
    for persona in ("admin", "facilitator", "drafter"):
        response = clients[persona].client.post(url.format(**ids), data={})
        assert response.status_code == 400, persona


def test_focus_group_job_files_follow_the_drafter_role(make_user, login, make_campaign, app):
    """A job of focus-group records is the drafter role's, whoever asked for it: an admin
    who is also a drafter sees another drafter's; its requester loses it with the role."""
    from survey_app.auth.models import Role
    from survey_app.auth.service import set_roles

    campaign = make_campaign(form="tna-asn.yaml", slug="akpk")
    requester = make_user("d@medan.go.id", "drafter", "admin")
    make_user("ad@medan.go.id", "admin", "drafter")
    fgd_job, responses_job = (finished_job(campaign, requester, k) for k in ("fgd", "responses"))
    db.session.commit()
    both = login(app.test_client(), "ad@medan.go.id")
    assert both.get(f"/staff/jobs/{fgd_job.id}/file").get_data() == b"PK"

    owner = login(app.test_client(), "d@medan.go.id")
    set_roles(requester, {Role.ADMIN})
    db.session.commit()
    assert owner.get(f"/staff/jobs/{fgd_job.id}").status_code == 404
    assert owner.get(f"/staff/jobs/{fgd_job.id}/file").status_code == 404
    assert owner.get(f"/staff/jobs/{responses_job.id}/file").status_code == 200
    listing = owner.get("/staff/jobs/").get_data(as_text=True)
    assert str(responses_job.id) in listing and str(fgd_job.id) not in listing
