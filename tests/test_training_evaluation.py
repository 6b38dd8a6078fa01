"""Evaluating a training: a campaign on the bundled evaluation form, linked to the
activity, asking only the competencies the activity targets; results per activity."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from survey_app.analysis.evaluation import paired_gain
from survey_app.audit import AuditEvent
from survey_app.campaigns.asked import campaign_form
from survey_app.campaigns.models import Access, Campaign, Invitation
from survey_app.campaigns.service import CampaignError
from survey_app.extensions import db
from survey_app.respond.models import Response
from survey_app.training.evaluation import activity_evaluation
from survey_app.training.evaluation_service import EvaluationRequest, start_evaluation
from survey_app.training.models import TrainingActivity, TrainingEvaluation
from survey_app.training.service import ActivityInput, create_activity
from survey_app.versions.service import load_text

from .conftest import form_text
from .respondent import Respondent
from .test_respond_cost import counted_statements

CODES = ("M.1", "T.3")


@pytest.fixture
def activity(app) -> TrainingActivity:
    load_text(form_text("training-evaluation.yaml"), "training-evaluation.yaml")
    entry = ActivityInput(
        "Pelatihan integritas", "BPSDM Sumut", "teknis", CODES,
        dt.date(2027, 3, 1), dt.date(2027, 3, 3), 24, 12, "",
    )  # fmt: skip
    with force_locale("id"):
        found = create_activity(entry, codes=set(CODES))
    db.session.commit()
    return found


def start(activity: TrainingActivity, **settings: Any) -> Campaign:
    request = EvaluationRequest(**{"slug": "eval", "access": Access.OPEN, **settings})
    campaign, _codes = start_evaluation(activity, request)
    db.session.commit()
    return campaign


def answer(campaign: Campaign, rows: list[dict[str, Any]]) -> None:
    """Stored as the respondent path stores them (numeric vector of the campaign's form)."""
    form = campaign_form(campaign)
    for answers in rows:
        db.session.add(
            Response(
                id=uuid.uuid4(), campaign_id=campaign.id, submitted_on=dt.date(2027, 6, 1),
                answers=answers, numeric=form.numeric_vector(answers),
                group_codes=form.group_codes(answers),
            )
        )  # fmt: skip
    db.session.commit()


def row(relevance: int, m1: tuple[int, int] | None, t3: tuple[int, int], **more: Any) -> dict:
    answers: dict[str, Any] = {"relevansi_materi": relevance, "metode": 4, "diterapkan": 4}
    if m1 is not None:
        answers["kompetensi_m_1"] = {"before": m1[0], "now": m1[1]}
    answers["kompetensi_t_3"] = {"before": t3[0], "now": t3[1]}
    return answers | more


# --- creating the campaign ---------------------------------------------------------------


def test_the_campaign_targets_the_activity_codes_and_is_linked_and_audited(activity):
    campaign = start(activity, tokens=0, min_cell_size=3)
    assert campaign.targeted_codes == ["M.1", "T.3"]
    assert campaign.version.questionnaire.form_id == "training-evaluation"
    assert campaign.population == 12  # the activity's participants
    assert campaign.title == "Pelatihan integritas"
    link = db.session.scalar(sa.select(TrainingEvaluation))
    assert (link.campaign_id, link.activity_id) == (campaign.id, activity.id)
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert "campaign.create" in actions and "training.evaluate" in actions


def test_a_code_the_catalogue_lacks_is_a_clear_error_and_nothing_is_written(activity):
    activity.competency_codes = ["M.1", "X.9"]
    db.session.commit()
    with pytest.raises(CampaignError, match=r"X\.9 are not in the catalogue"):
        start(activity)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TrainingEvaluation)) == 0


def test_codes_need_token_access(activity):
    with pytest.raises(CampaignError, match="invitation code"):
        start(activity, tokens=3)


def test_the_cli_starts_an_evaluation_and_prints_the_codes_once(activity, runner):
    args = ["training", "evaluate", str(activity.id), "--slug", "eval-cli", "--tokens", "3"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "eval-cli targets M.1 T.3" in result.output
    assert len(result.output.strip().splitlines()) == 4
    campaign = db.session.scalar(sa.select(Campaign).filter_by(slug="eval-cli"))
    assert campaign.access.value == "token"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 3
    again = runner.invoke(args=args)
    assert again.exit_code != 0 and "already exists" in again.output
    missing = runner.invoke(args=["training", "evaluate", "999", "--slug", "x1"])
    assert missing.exit_code != 0 and "no training activity 999" in missing.output


def evaluation_post(**more: Any) -> dict[str, Any]:
    base = {"slug": "eval-web", "title": "", "access": "token", "tokens": "2"}
    return base | {"min_cell_size": "5"} | more


def test_an_evaluator_starts_it_on_the_web_and_sees_the_codes(activity, client, make_user, login):
    make_user("eva@x.id", "evaluator")
    staff = login(client, "eva@x.id")
    assert staff.get(f"/staff/training/{activity.id}").status_code == 200
    page = staff.get(f"/staff/training/{activity.id}/evaluate")
    assert page.status_code == 200 and "M.1, T.3" in page.get_data(as_text=True)
    response = staff.post(f"/staff/training/{activity.id}/evaluate", evaluation_post())
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("<li><code>") == 2
    link = db.session.scalar(sa.select(TrainingEvaluation))
    assert link.campaign.slug == "eval-web" and link.campaign.targeted_codes == list(CODES)


def test_bad_settings_are_refused_with_the_form_again(activity, client, make_user, login):
    make_user("eva@x.id", "evaluator")
    staff = login(client, "eva@x.id")
    staff.get(f"/staff/training/{activity.id}/evaluate")
    url = f"/staff/training/{activity.id}/evaluate"
    bad = staff.post(url, evaluation_post(slug="Not a slug"))
    assert bad.status_code == 422
    wrong = staff.post(url, evaluation_post(access="open"))
    assert wrong.status_code == 422 and "invitation code" in wrong.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0


def test_without_csrf_nothing_is_created(activity, client, make_user, login):
    make_user("eva@x.id", "evaluator")
    staff = login(client, "eva@x.id")
    response = staff.post(f"/staff/training/{activity.id}/evaluate", evaluation_post(), csrf=False)
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0


@pytest.mark.parametrize("role", ["drafter", "facilitator", "coordinator", None])
def test_other_roles_cannot_start_or_read_an_evaluation(activity, client, make_user, login, role):
    if role is not None:
        make_user("x@x.id", role)
        login(client, "x@x.id")
    expected = 302 if role is None else 403  # anonymous visitors are sent to the login
    for path in ("evaluate", "evaluation"):
        response = client.get(f"/staff/training/{activity.id}/{path}")
        assert response.status_code == expected, (path, response.status_code)


def test_an_admin_may_read_the_results(activity, client, make_user, login):
    make_user("a@x.id", "admin")
    staff = login(client, "a@x.id")
    assert staff.get(f"/staff/training/{activity.id}/evaluation").status_code == 200
    assert staff.get("/staff/training/999/evaluation").status_code == 404


# --- the respondent path -------------------------------------------------------------------


def test_only_the_targeted_competencies_are_asked(activity, app):
    campaign = start(activity)
    respondent = Respondent(app.test_client())
    respondent.start(campaign.slug)
    reaction = {"relevansi_materi": "4", "metode": "4", "fasilitator": "5", "durasi": "3"}
    respondent.page(campaign.slug, 0, reaction)
    html = respondent.get(f"/s/{campaign.slug}/p/1").get_data(as_text=True)
    assert 'name="kompetensi_m_1/before"' in html and 'name="kompetensi_t_3/now"' in html
    assert "kompetensi_m_2" not in html and "kompetensi_sk_1" not in html
    learned = {"kompetensi_m_1/before": "2", "kompetensi_m_1/now": "4"}
    learned |= {"kompetensi_t_3/before": "1", "kompetensi_t_3/now": "3"}
    learned |= {"kompetensi_m_2/before": "1", "kompetensi_m_2/now": "5"}  # tampered: dropped
    respondent.page(campaign.slug, 1, learned)
    respondent.page(campaign.slug, 2, {"diterapkan": "4", "dukungan_atasan": "3"})
    respondent.page(campaign.slug, 3, {})
    key = respondent.submission_key(campaign.slug)
    with counted_statements() as submitted:
        response = respondent.submit(campaign.slug, key)
    assert response.status_code == 302 and response.location.endswith("/thanks")
    assert len(submitted) == 4, submitted  # the respondent path's budget holds
    stored = db.session.scalar(sa.select(Response))
    assert set(stored.answers) >= {"kompetensi_m_1", "kompetensi_t_3"}
    assert "kompetensi_m_2" not in stored.answers


def test_a_page_of_a_targeted_campaign_costs_what_any_page_costs(activity, app):
    campaign = start(activity)
    respondent = Respondent(app.test_client())
    respondent.start(campaign.slug)
    respondent.get(f"/s/{campaign.slug}/p/1")
    with counted_statements() as shown:
        respondent.get(f"/s/{campaign.slug}/p/1")
    assert len(shown) == 1, shown


# --- results -----------------------------------------------------------------------------


def test_results_match_hand_computed_numbers(activity):
    campaign = start(activity, min_cell_size=3)
    answer(campaign, [
        row(5, (2, 4), (1, 3)),
        row(4, (2, 3), (2, 2)),
        row(4, (3, 3), (1, 4)),
        row(3, (1, 3), (3, 4)),
    ])  # fmt: skip
    result = activity_evaluation(activity, "en")
    assert result is not None and not result.suppressed and result.n == 4
    relevance = result.relevance
    assert relevance.mean.mean == pytest.approx(4.0)
    # s = sqrt(2/3), t(0.975, 3) = 3.182446: 4 +- 3.182446 * 0.816497 / 2 = 4 +- 1.299228
    assert (relevance.mean.low, relevance.mean.high) == pytest.approx(
        (2.700772, 5.299228), abs=1e-5
    )
    assert (relevance.agreeing.k, relevance.agreeing.n) == (3, 4)  # 5, 4, 4 agree
    assert (relevance.agreeing.low, relevance.agreeing.high) == pytest.approx(
        (0.300636, 0.954413), abs=1e-5
    )
    assert [item.name for item in result.reaction] == ["metode", "fasilitator", "durasi"]
    assert result.reaction[0].mean.mean == 4.0 and result.reaction[1].suppressed  # unanswered
    m1 = result.learning["M.1"]
    assert m1.label == "Integrity" and m1.n == 4
    assert (m1.gain.mean_before, m1.gain.mean_after, m1.gain.mean_gain) == (2.0, 3.25, 1.25)
    assert m1.gain.statistic == 9.0  # |gains| 2,1,0,2 ranked 3.5,2,1,3.5; positives 3.5+2+3.5
    t3 = result.learning["T.3"]
    p = sorted([m1.gain.p_value, t3.gain.p_value])
    assert sorted([m1.gain.p_adjusted, t3.gain.p_adjusted]) == pytest.approx(
        [min(1, 2 * p[0]), max(min(1, 2 * p[0]), p[1])]
    )
    assert m1.gain.p_value == pytest.approx(paired_gain([2, 2, 3, 1], [4, 3, 3, 3]).p_value)
    assert result.transfer.agreeing.share == 1.0


def test_results_are_suppressed_below_the_min_cell_size(activity, client, make_user, login):
    campaign = start(activity, min_cell_size=3)
    answer(campaign, [row(5, (2, 4), (1, 3)), row(1, (2, 3), (2, 2))])
    result = activity_evaluation(activity, "en")
    assert result.suppressed and result.relevance is None and not result.learning
    make_user("eva@x.id", "evaluator")
    staff = login(client, "eva@x.id")
    html = staff.get(f"/staff/training/{activity.id}/evaluation").get_data(as_text=True)
    assert "eval" in html and "3,00" not in html and "Relevansi" not in html


def test_an_item_answered_by_too_few_shows_no_figures_and_untargeted_is_absent(activity):
    campaign = start(activity, min_cell_size=3)
    answer(campaign, [row(4, None, (1, 3)), row(4, None, (2, 3)), row(4, (1, 2), (1, 4))])
    result = activity_evaluation(activity, "id")
    assert result.learning["M.1"].n == 1 and result.learning["M.1"].gain is None
    assert result.learning["T.3"].gain is not None
    assert set(result.learning) == {"M.1", "T.3"}  # untargeted codes are absent, not zero


def test_the_results_page_shows_the_figures_in_indonesian(activity, client, make_user, login):
    campaign = start(activity, min_cell_size=3)
    answer(campaign, [row(5, (2, 4), (1, 3)), row(4, (2, 3), (2, 2)), row(4, (3, 3), (1, 4))])
    make_user("eva@x.id", "evaluator")
    staff = login(client, "eva@x.id")
    html = staff.get(f"/staff/training/{activity.id}/evaluation").get_data(as_text=True)
    assert "4,33" in html  # mean relevance 13/3, Indonesian decimal comma
    assert "M.1 Integritas" in html


def test_an_activity_without_evaluation_has_no_results(activity):
    assert activity_evaluation(activity, "id") is None
