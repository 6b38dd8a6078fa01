"""Training activities: checks, the web pages (evaluators and admins only), the audit."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.training.models import TrainingActivity
from survey_app.training.service import ActivityError, ActivityInput, create_activity

EVALUATOR = "e@medan.go.id"


def entry(**changes) -> ActivityInput:
    values = {
        "title": "Pelatihan integritas",
        "provider": "BPSDM Sumut",
        "form": "teknis",
        "codes": ("M.1",),
        "starts_on": dt.date(2027, 3, 1),
        "ends_on": dt.date(2027, 3, 3),
        "jp": 24,
        "participants": 30,
        "campaign": "",
        **changes,
    }
    return ActivityInput(**values)


def web_form(**changes) -> dict[str, str]:
    values = {
        "title": "Bimtek SPBE",
        "provider": "Diskominfo Medan",
        "form": "bimtek",
        "competencies": "T.1, M.1",
        "start": "2027-04-01",
        "end": "2027-04-02",
        "jp": "10",
        "participants": "25",
        "campaign": "c1",
        **changes,
    }
    return values


@pytest.fixture(autouse=True)
def english(app):
    """Service calls outside a request speak English here."""
    with force_locale("en"):
        yield


@pytest.fixture
def evaluator(make_campaign, make_user, login, app):
    make_campaign()  # mini.yaml: competency codes M.1 and T.1; slug c1
    make_user(EVALUATOR, "evaluator")
    return login(app.test_client(), EVALUATOR)


def activities() -> list[TrainingActivity]:
    return list(db.session.scalars(sa.select(TrainingActivity).order_by(TrainingActivity.id)))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"provider": ""}, "provider"),
        ({"form": "webinar"}, "form"),
        ({"codes": ("M.1", "Z.9")}, "competencies"),
        ({"codes": ()}, "competencies"),
        ({"ends_on": dt.date(2027, 2, 28)}, "end"),
        ({"jp": 0}, "jp"),
        ({"participants": -1}, "participants"),
        ({"jp": 10**12}, "jp"),
        ({"participants": 10**12}, "participants"),
        ({"campaign": "no-such"}, "campaign"),
    ],
)
def test_a_wrong_entry_is_refused_with_the_field_named_and_nothing_saved(
    make_campaign, changes, field
):
    make_campaign()
    with pytest.raises(ActivityError) as refused:
        create_activity(entry(**changes))
    assert list(refused.value.errors) == [field]
    assert activities() == []


def test_an_unknown_code_is_named_in_the_error(make_campaign):
    make_campaign()
    with pytest.raises(ActivityError) as refused:
        create_activity(entry(codes=("M.1", "Z.9")))
    assert "Z.9" in refused.value.errors["competencies"]


def test_a_good_entry_is_saved_on_the_same_day_and_audited(make_campaign):
    make_campaign()
    saved = create_activity(entry(ends_on=dt.date(2027, 3, 1), participants=0, campaign="c1"))
    db.session.commit()
    assert (saved.competency_codes, saved.campaign.slug, saved.participants) == (["M.1"], "c1", 0)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "training.create"))
    assert event is not None and event.target_id == str(saved.id)


def test_evaluator_creates_lists_and_edits_an_activity_and_each_change_is_audited(evaluator):
    response = evaluator.post("/staff/training/new", web_form())
    assert response.status_code == 302
    [saved] = activities()
    assert saved.competency_codes == ["T.1", "M.1"] and saved.campaign is not None
    page = evaluator.get("/staff/training/").get_data(as_text=True)
    assert "Bimtek SPBE" in page and "T.1, M.1" in page
    evaluator.get(f"/staff/training/{saved.id}")
    response = evaluator.post(f"/staff/training/{saved.id}", web_form(jp="12", campaign=""))
    assert response.status_code == 302
    db.session.expire_all()
    assert (saved.jp, saved.campaign_id) == (12, None)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "training.update"))
    assert event is not None and event.actor == EVALUATOR
    assert event.details["changed"] == ["campaign", "jp"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"competencies": "M.1 Q.7"}, "Q.7"),
        ({"end": "2027-03-01"}, "end date"),
        ({"jp": "0"}, "at least 1"),
        ({"jp": "999999999999"}, "from 1 to 10000"),
        ({"form": "webinar"}, "Not a valid choice"),
    ],
)
def test_a_wrong_form_shows_the_error_and_saves_nothing(evaluator, changes, message):
    response = evaluator.post("/staff/training/new?lang=en", web_form(**changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert activities() == []


def test_an_edit_that_fails_changes_nothing(evaluator):
    evaluator.post("/staff/training/new", web_form())
    [saved] = activities()
    evaluator.get(f"/staff/training/{saved.id}")
    response = evaluator.post(f"/staff/training/{saved.id}", web_form(competencies="Z.1", jp="99"))
    assert response.status_code == 422
    db.session.expire_all()
    assert (saved.jp, saved.competency_codes) == (10, ["T.1", "M.1"])


def test_the_form_needs_its_csrf_token(evaluator):
    evaluator.get("/staff/training/new")
    response = evaluator.post("/staff/training/new", web_form(), csrf=False)
    assert response.status_code == 400 and activities() == []


@pytest.mark.parametrize(("roles", "status"), [(("drafter",), 403), (("facilitator",), 403)])
def test_other_roles_may_not_open_the_training_pages(make_user, login, app, roles, status):
    make_user("x@medan.go.id", *roles)
    staff = login(app.test_client(), "x@medan.go.id")
    for url in ("/staff/training/", "/staff/training/new"):
        assert staff.get(url).status_code == status


def test_the_menu_shows_training_to_evaluators_and_admins_only(evaluator, make_user, login, app):
    assert "/staff/training/" in evaluator.get("/staff/").get_data(as_text=True)
    make_user("a@medan.go.id", "admin")
    admin = login(app.test_client(), "a@medan.go.id")
    assert "/staff/training/" in admin.get("/staff/").get_data(as_text=True)
    make_user("d@medan.go.id", "drafter")
    drafter = login(app.test_client(), "d@medan.go.id")
    assert "/staff/training/" not in drafter.get("/staff/").get_data(as_text=True)


def test_an_admin_can_grant_the_evaluator_role(make_user, login, app):
    make_user("a@medan.go.id", "admin")
    admin = login(app.test_client(), "a@medan.go.id")
    admin.get("/staff/admin/users")
    response = admin.post(
        "/staff/admin/users", {"email": "new@medan.go.id", "roles": ["evaluator"]}
    )
    assert response.status_code in (200, 302), response.get_data(as_text=True)
    assert "Evaluator" in admin.get("/staff/admin/users?lang=en").get_data(as_text=True)
