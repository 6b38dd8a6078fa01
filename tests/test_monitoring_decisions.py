"""Decisions on a flag: adjust (saying what), keep or retire; audited; a later decision
supersedes the earlier one, which stays as history; who may decide, and CSRF."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.monitoring.decisions import DecisionError, DecisionInput, record_decision
from survey_app.monitoring.models import EvaluationDecision

from .test_monitoring_flags import evaluated_activity, flags_of, six_rows
from .test_training_evaluation import answer


@pytest.fixture
def evaluated(app):
    return evaluated_activity()


def decisions() -> list[EvaluationDecision]:
    return list(db.session.scalars(sa.select(EvaluationDecision).order_by(EvaluationDecision.id)))


@pytest.fixture
def flagged(evaluated, client, make_user, login):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 2, 2, 1, 2, 2]))
    make_user("e@x.id", "evaluator")
    return activity, login(client, "e@x.id")


def post(**fields: str) -> dict[str, str]:
    return {"rule": "low_relevance", "code": "", "decision": "adjust"} | fields


def test_an_evaluator_records_then_supersedes_a_decision(flagged):
    activity, staff = flagged
    url = f"/staff/monitoring/flags/{activity.id}"
    first = staff.post(url, post(what_to_change="Studi kasus dari OPD sendiri", note="rapat 5/6"))
    assert first.status_code == 302 and first.location.endswith(f"#activity-{activity.id}")
    later = staff.post(url, post(decision="keep", what_to_change="ignored", note="cukup"))
    assert later.status_code == 302
    stored = decisions()
    assert [(d.decision.value, d.what_to_change) for d in stored] == [
        ("adjust", "Studi kasus dari OPD sendiri"),
        ("keep", None),
    ]
    assert stored[0].period == "2027" and stored[0].decided_by is not None
    [flag] = [f for f in flags_of(activity).flags if f.evidence.rule == "low_relevance"]
    assert flag.decision.decision.value == "keep" and len(flag.history) == 2
    history = staff.get(url + "?lang=en").get_data(as_text=True)
    assert "In force" in history and "Superseded" in history and "Studi kasus" in history
    page = staff.get("/staff/monitoring/flags?lang=en").get_data(as_text=True)
    assert "Keep the activity as it is" in page and "Earlier decisions (1)" in page
    events = db.session.scalars(sa.select(AuditEvent).filter_by(action="evaluation.decision"))
    assert [e.details["decision"] for e in events] == ["adjust", "keep"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"what_to_change": "  "}, "what to change"),
        ({"decision": "ignore"}, ""),
        ({"rule": "bogus"}, "Unknown flag"),
        ({"rule": "no_learning_gain", "code": "X.9", "decision": "keep"}, "does not target"),
        ({"note": "x" * 2001, "decision": "keep"}, ""),
    ],
)
def test_an_incomplete_decision_is_refused_and_nothing_is_stored(flagged, fields, message):
    activity, staff = flagged
    response = staff.post(f"/staff/monitoring/flags/{activity.id}?lang=en", post(**fields))
    assert response.status_code == 422
    assert message.lower() in response.get_data(as_text=True).lower()
    assert decisions() == []
    assert db.session.scalar(sa.select(AuditEvent).filter_by(action="evaluation.decision")) is None


def test_the_service_refuses_adjust_without_what_to_change(flagged):
    activity, _staff = flagged
    with force_locale("en"), pytest.raises(DecisionError) as refused:
        record_decision(activity, DecisionInput("low_relevance", None, "adjust"), None)
    assert set(refused.value.errors) == {"what_to_change"}
    with force_locale("en"):
        record_decision(activity, DecisionInput("no_learning_gain", "M.1", "retire"), None)
    assert decisions()[0].code == "M.1"


def test_without_csrf_nothing_is_recorded(flagged):
    activity, staff = flagged
    response = staff.post(
        f"/staff/monitoring/flags/{activity.id}", post(what_to_change="x"), csrf=False
    )
    assert response.status_code == 400 and decisions() == []
    screening = staff.post("/staff/monitoring/comments/eval", {}, csrf=False)
    assert screening.status_code == 400


ROLES = ["evaluator", "drafter", "admin", "facilitator", "coordinator"]


@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_route_by_role(evaluated, client, make_user, login, role):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 2, 2, 1, 2, 2]))
    staff = client
    if role is not None:
        make_user("x@x.id", role)
        staff = login(client, "x@x.id")
    readers = role in ("evaluator", "drafter", "admin")
    keepers = role in ("evaluator", "admin")
    gets = [
        "/staff/monitoring/flags",
        f"/staff/monitoring/flags/{activity.id}",
        f"/staff/monitoring/comments/{campaign.slug}",
    ]
    for path in gets:
        status = staff.get(path).status_code
        assert status == (200 if readers else 302 if role is None else 403), (path, status)
    if role is None:
        return
    decided = staff.post(f"/staff/monitoring/flags/{activity.id}", post(what_to_change="x"))
    assert decided.status_code == (302 if keepers else 403)
    screened = staff.post(f"/staff/monitoring/comments/{campaign.slug}", {})
    assert screened.status_code == (302 if readers else 403)
    assert staff.get("/staff/monitoring/flags/999999").status_code == (404 if readers else 403)
