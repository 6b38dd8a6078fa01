"""Adjust-material flags of training activities: each appears exactly when its threshold
is crossed, with its evidence; the unchecked rules say why; the page and the command."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from flask_babel import force_locale

from survey_app.analysis.evaluation import mean_ci
from survey_app.analysis.flags import FlagThresholds
from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.monitoring.flags import configured_thresholds, flags_for
from survey_app.monitoring.flags_trend import TrendSource, trend_outcomes
from survey_app.monitoring.period import activities_of, activity_years
from survey_app.monitoring.service import get_series
from survey_app.monitoring.trends import Status, series_trend
from survey_app.results.service import analyse
from survey_app.training.models import TrainingActivity
from survey_app.training.service import ActivityInput, create_activity
from survey_app.versions.service import load_text

from .conftest import form_text
from .monitoring_helpers import close_gap, series, wave
from .test_training_evaluation import answer, row, start

CODES = ("M.1", "T.3")


def make_activity(
    title: str = "Pelatihan integritas",
    codes: tuple[str, ...] = CODES,
    participants: int = 12,
    campaign: str = "",
    dates: tuple[dt.date, dt.date] = (dt.date(2027, 3, 1), dt.date(2027, 3, 3)),
) -> TrainingActivity:
    entry = ActivityInput(
        title, "BPSDM Sumut", "teknis", codes, dates[0], dates[1], 24, participants, campaign
    )
    with force_locale("id"):
        activity = create_activity(entry, codes=set(codes))
    db.session.commit()
    return activity


def evaluated_activity() -> tuple[TrainingActivity, Campaign]:
    """An activity whose evaluation (min cell size 3) the test answers."""
    load_text(form_text("training-evaluation.yaml"), "training-evaluation.yaml")
    activity = make_activity()
    return activity, start(activity, min_cell_size=3)


@pytest.fixture
def evaluated(app):
    return evaluated_activity()


def flags_of(activity, thresholds=None, series_=None):
    found = flags_for([activity], thresholds or FlagThresholds(), "en", series_)
    return found[0]


def rules(item):
    return sorted((e.rule, e.code) for e in item.evidence)


def six_rows(relevance: list[int]) -> list[dict]:
    """M.1 unchanged for everyone (no gain), T.3 up by 1..3 for everyone."""
    gains = [1, 2, 3, 1, 2, 3]
    return [row(r, (3, 3), (1, 1 + g)) for r, g in zip(relevance, gains, strict=True)]


# --- relevance and learning ---------------------------------------------------------------


def test_low_relevance_and_no_gain_flag_with_their_evidence(evaluated):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 2, 2, 1, 2, 2]))
    item = flags_of(activity)
    assert item.flagged
    assert rules(item) == [("low_relevance", None), ("no_learning_gain", "M.1")]
    relevance = next(f for f in item.flags if f.evidence.rule == "low_relevance")
    ci = mean_ci([1, 2, 2, 1, 2, 2])
    assert relevance.evidence.detail["high"] == pytest.approx(ci.high)
    assert relevance.evidence.detail["threshold"] == 3.5
    gain = next(f for f in item.flags if f.evidence.rule == "no_learning_gain")
    assert gain.label == "Integrity" and gain.evidence.detail["p_adjusted"] == 1.0
    assert item.weakest[0].label.startswith("The training material")


def test_a_relevant_training_with_gains_is_not_flagged(evaluated):
    activity, campaign = evaluated
    answer(campaign, [row(5, (1, 1 + g), (1, 1 + g)) for g in (1, 2, 3, 1, 2, 3)])
    item = flags_of(activity)
    assert not item.flagged and item.evidence == []


@pytest.mark.parametrize("nudge", [0.0, 1e-9])
def test_relevance_flags_exactly_below_the_configured_threshold(evaluated, nudge):
    """The upper bound equal to the threshold does not flag; a hair above it does."""
    activity, campaign = evaluated
    values = [2, 3, 2, 3, 2, 3]
    answer(campaign, six_rows(values))
    high = mean_ci(values).high
    thresholds = configured_thresholds({"SURVEY_APP_FLAG_RELEVANCE": str(high + nudge)})
    flagged = ("low_relevance", None) in rules(flags_of(activity, thresholds))
    assert flagged is (nudge > 0)


def test_the_gain_threshold_is_alpha_on_the_holm_p(evaluated):
    activity, campaign = evaluated
    answer(campaign, six_rows([5] * 6))
    # T.3: six positive gains, exact p = 1/64; Holm over two competencies: 2/64 = 0.03125
    strict = configured_thresholds({"SURVEY_APP_FLAG_GAIN_ALPHA": "0.03125"})
    loose = configured_thresholds({"SURVEY_APP_FLAG_GAIN_ALPHA": "0.032"})
    assert ("no_learning_gain", "T.3") in rules(flags_of(activity, strict))
    assert ("no_learning_gain", "T.3") not in rules(flags_of(activity, loose))


def test_below_min_responses_nothing_flags_and_the_reason_is_given(evaluated):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 1, 1, 1, 1, 1]))
    thresholds = configured_thresholds({"SURVEY_APP_FLAG_MIN_RESPONSES": "7"})
    item = flags_of(activity, thresholds)
    assert not item.flagged
    reasons = {(u.unassessed.rule, u.unassessed.reason) for u in item.unchecked}
    assert ("low_relevance", "too_few_responses") in reasons
    assert ("no_learning_gain", "too_few_responses") in reasons


def test_a_suppressed_or_missing_evaluation_is_unchecked_not_silent(evaluated):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 1, 1, 1, 1, 1])[:2])  # below the min cell size 3
    item = flags_of(activity)
    assert not item.flagged and not item.weakest
    assert {u.unassessed.reason for u in item.unchecked} >= {"too_few_responses"}
    bare = make_activity("Tanpa evaluasi")
    reasons = {u.unassessed.reason for u in flags_of(bare).unchecked}
    assert reasons == {"no_evaluation", "no_series"}


def test_bad_threshold_settings_are_clear_errors():
    with pytest.raises(ValueError, match="SURVEY_APP_FLAG_RELEVANCE must be a number"):
        configured_thresholds({"SURVEY_APP_FLAG_RELEVANCE": "tinggi"})
    with pytest.raises(ValueError, match="trained_share"):
        configured_thresholds({"SURVEY_APP_FLAG_TRAINED_SHARE": "1.5"})
    assert configured_thresholds({}) == FlagThresholds()


# --- the need did not shrink ----------------------------------------------------------------


@pytest.fixture
def two_waves(app):
    """w1 (2026) and w2 (2027) of mini.yaml; in w2 everyone masters M.1 (need reduced)."""
    w1 = wave("w1", 60, seed=1, population=400)
    w2 = wave("w2", 60, seed=2, population=400)
    close_gap(w2, "integritas")
    series("tna", w1, w2)
    return w1, w2


def trend_flag_of(activity):
    return [f for f in flags_of(activity).flags if f.evidence.rule == "need_not_reduced"]


def test_a_need_that_persists_flags_once_enough_people_were_trained(two_waves):
    w1, _w2 = two_waves
    trend = series_trend(get_series("tna"), "en")
    statuses = {r.code: r.pairs[0].status for r in trend.rows}
    assert statuses["M.1"] is Status.REDUCED and statuses["T.1"] in (Status.PERSISTS, Status.GREW)
    heads = TrendSource("en").headcounts(w1)
    needed = math.ceil(0.2 * heads["T.1"])
    dates = (dt.date(2026, 3, 1), dt.date(2026, 3, 3))
    enough = make_activity("SPBE", ("M.1", "T.1"), needed, "w1", dates)
    too_few = make_activity("SPBE kecil", ("M.1", "T.1"), needed - 1, "w1", dates)
    [flag] = trend_flag_of(enough)
    assert flag.evidence.code == "T.1" and flag.context["before"] == "W1"
    assert flag.evidence.detail["trained"] == needed
    assert flag.evidence.detail["headcount_in_need"] == pytest.approx(heads["T.1"])
    assert flag.evidence.detail["trained_share"] >= 0.2
    assert trend_flag_of(too_few) == []  # M.1 was reduced, T.1 too few trained


def test_the_wave_after_must_follow_the_activity(two_waves):
    late = make_activity(
        "Terlambat", ("T.1",), 400, "w1", (dt.date(2027, 2, 1), dt.date(2027, 2, 5))
    )
    raised, skipped = trend_outcomes(late, FlagThresholds(), TrendSource("en"))
    assert raised == [] and [why.reason for why, _label in skipped] == ["no_wave_after"]


def test_a_series_given_explicitly_finds_the_wave_before_by_date(two_waves):
    activity = make_activity(
        "Tanpa kampanye", ("T.1",), 400, "", (dt.date(2026, 5, 1), dt.date(2026, 5, 2))
    )
    assert flags_of(activity).unchecked[-1].unassessed.reason == "no_series"
    [item] = flags_for([activity], FlagThresholds(), "en", get_series("tna"))
    assert [f.evidence.code for f in item.flags] == ["T.1"]


def test_unknown_headcount_leaves_the_trend_rule_unchecked(app):
    w1, w2 = wave("w1", 40, seed=1), wave("w2", 40, seed=2)  # no population: no headcount
    series("tna", w1, w2)
    assert analyse(w1, None, "en").table is not None
    activity = make_activity(
        "SPBE", ("T.1",), 400, "w1", (dt.date(2026, 3, 1), dt.date(2026, 3, 3))
    )
    reasons = {u.unassessed.reason for u in flags_of(activity).unchecked}
    assert "unknown_headcount" in reasons


# --- period, page and command ---------------------------------------------------------------


def test_activities_are_chosen_by_the_year_they_ended(app):
    make_activity("A", dates=(dt.date(2026, 12, 30), dt.date(2027, 1, 2)))
    make_activity("B", dates=(dt.date(2026, 5, 1), dt.date(2026, 5, 2)))
    assert [a.title for a in activities_of(2027)] == ["A"]
    assert len(activities_of(None)) == 2 and activity_years() == [2027, 2026]


def test_the_page_shows_the_evidence_in_words_and_numbers(evaluated, client, make_user, login):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 2, 2, 1, 2, 2]))
    bare = make_activity("Tanpa evaluasi", dates=(dt.date(2026, 1, 1), dt.date(2026, 1, 2)))
    make_user("d@x.id", "drafter")
    staff = login(client, "d@x.id")
    html = staff.get("/staff/monitoring/flags?lang=en").get_data(as_text=True)
    assert f'id="activity-{activity.id}"' in html and "Low relevance" in html
    high = mean_ci([1, 2, 2, 1, 2, 2]).high
    assert "below the threshold 3.50" in html and f"{3.5 - high:.2f}" in html
    assert "No learning gain · M.1 Integrity" in html
    assert "Tanpa evaluasi" in html and "no flag" in html and "no evaluation campaign" in html
    assert 'name="decision"' not in html  # drafters read, they do not decide
    only_2026 = staff.get("/staff/monitoring/flags?period=2026").get_data(as_text=True)
    assert bare.title in only_2026 and activity.title not in only_2026
    assert staff.get("/staff/monitoring/flags?period=abc").status_code == 400
    assert staff.get("/staff/monitoring/flags?series=nope").status_code == 404


def test_the_page_is_in_indonesian_by_default(evaluated, client, make_user, login):
    _activity, campaign = evaluated
    answer(campaign, six_rows([1, 2, 2, 1, 2, 2]))
    make_user("e@x.id", "evaluator")
    html = login(client, "e@x.id").get("/staff/monitoring/flags").get_data(as_text=True)
    assert "Relevansi rendah" in html and 'name="decision"' in html


def test_the_command_prints_the_flags_with_their_evidence(evaluated, runner):
    activity, campaign = evaluated
    answer(campaign, six_rows([1, 2, 2, 1, 2, 2]))
    result = runner.invoke(args=["training", "flags", "--period", "2027", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert activity.title in result.output and "! Low relevance" in result.output
    assert "below the threshold 3.50" in result.output
    none = runner.invoke(args=["training", "flags", "--period", "2020"])
    assert none.exit_code == 0 and none.output == ""
    bad = runner.invoke(args=["training", "flags", "--series", "nope"])
    assert bad.exit_code != 0 and "no series nope" in bad.output
