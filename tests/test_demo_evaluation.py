"""``flask demo seed-evaluation``: what a new user sees right after ``make run`` and the
seed: needs with and without training, a trend, an irrelevant activity flagged, a need
that did not shrink flagged, and one decision recorded."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.analysis.flags import (
    LOW_RELEVANCE,
    NEED_NOT_REDUCED,
    NO_LEARNING_GAIN,
    FlagThresholds,
)
from survey_app.campaigns.models import Campaign
from survey_app.campaigns.service import get_campaign
from survey_app.extensions import db
from survey_app.monitoring.flags import flags_for
from survey_app.monitoring.models import EvaluationDecision
from survey_app.monitoring.service import get_series
from survey_app.monitoring.trends import Status, series_trend
from survey_app.training.needs import campaign_coverage
from survey_app.training.service import all_activities

from .evaluation_report_helpers import SERIES, demo

__all__ = ["demo"]


def test_the_coverage_shows_needs_with_and_without_training(demo):
    wave = get_campaign("akpk-2025")
    assert wave is not None
    coverage = campaign_coverage(wave, "en")
    assert coverage is not None
    trained = [row for row in coverage.rows if row.activities]
    assert len(trained) == 5 and all(row.rank is not None and row.rank <= 5 for row in trained)
    assert coverage.untargeted, "top needs without any training"


def test_the_series_shows_most_trained_needs_reduced_and_one_not(demo):
    series = get_series(SERIES)
    assert series is not None and [c.slug for c in series.campaigns] == ["akpk-2025", "akpk-2026"]
    trend = series_trend(series, "en")
    trained = {code for activity in all_activities() for code in activity.competency_codes}
    statuses = {row.code: row.pairs[0].status for row in trend.rows if row.code in trained}
    assert sorted(statuses.values()).count(Status.REDUCED) == 4
    assert [s for s in statuses.values() if s is not Status.REDUCED] in (
        [Status.PERSISTS],
        [Status.GREW],
    )


def test_flags_show_the_irrelevant_activity_and_the_need_not_reduced(demo):
    flags = flags_for(all_activities(), FlagThresholds(), "en", get_series(SERIES))
    raised = {(f.activity.title, flag.evidence.rule) for f in flags for flag in f.flags}
    assert ("Seminar Manajemen Kinerja Pegawai", LOW_RELEVANCE) in raised
    assert ("Seminar Manajemen Kinerja Pegawai", NO_LEARNING_GAIN) in raised
    big = "Pelatihan Perencanaan dan Penganggaran Berbasis Kinerja"
    assert (big, NEED_NOT_REDUCED) in raised
    flagged = {title for title, _ in raised}
    assert len(flagged) == 2, "the three other activities are not flagged"
    decisions = db.session.scalars(sa.select(EvaluationDecision)).all()
    assert [(d.rule, d.decision.value) for d in decisions] == [(NEED_NOT_REDUCED, "adjust")]


def test_a_second_run_adds_nothing_and_says_so(demo, runner):
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Campaign))
    result = runner.invoke(args=["demo", "seed-evaluation"])
    assert result.exit_code != 0
    assert f"the demo series '{SERIES}' exists already: nothing was added" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == before
