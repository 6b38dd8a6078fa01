"""The evaluation decisions' table: an adjustment says what to change, a rule is known,
and the decisions go with their activity; a series names each campaign once."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from survey_app.extensions import db
from survey_app.monitoring.models import Decision, EvaluationDecision, SeriesWave
from survey_app.training.models import DevelopmentForm, TrainingActivity

from .monitoring_helpers import series, wave


@pytest.fixture
def activity(app) -> TrainingActivity:
    found = TrainingActivity(
        title="Bimtek SPBE",
        provider="Diskominfo",
        form=DevelopmentForm.BIMTEK,
        competency_codes=["T.1"],
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 3, 2),
        jp=16,
        participants=20,
    )
    db.session.add(found)
    db.session.commit()
    return found


def decide(activity: TrainingActivity, **values) -> EvaluationDecision:
    decision = EvaluationDecision(activity_id=activity.id, rule="low_relevance", **values)
    db.session.add(decision)
    db.session.flush()
    return decision


def test_a_decision_is_stored_with_its_period_and_time(activity):
    kept = decide(activity, decision=Decision.KEEP, note="Relevant enough", period="2027")
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(EvaluationDecision, kept.id)
    assert (stored.decision, stored.period, stored.decided_by) == (Decision.KEEP, "2027", None)
    assert stored.decided_at is not None


@pytest.mark.parametrize(
    "values",
    [
        {"decision": Decision.ADJUST},
        {"decision": Decision.ADJUST, "what_to_change": ""},
        {"decision": Decision.KEEP, "rule": "because"},
    ],
)
def test_an_adjustment_without_what_to_change_or_an_unknown_rule_is_refused(activity, values):
    values = dict(values)  # the parameters are shared by both backends
    rule = values.pop("rule", "low_relevance")
    db.session.add(EvaluationDecision(activity_id=activity.id, rule=rule, **values))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_decisions_go_with_their_activity(activity):
    decide(activity, decision=Decision.ADJUST, what_to_change="More practice on SPBE apps")
    db.session.commit()
    db.session.execute(sa.delete(TrainingActivity).where(TrainingActivity.id == activity.id))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EvaluationDecision)) == 0


def test_a_series_names_a_campaign_once(app):
    w1, w2 = wave("w1", 0, seed=1), wave("w2", 0, seed=2)
    series("tna", w1, w2)
    series_id = db.session.scalar(sa.select(SeriesWave.series_id))
    db.session.add(SeriesWave(series_id=series_id, campaign_id=w1.id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
