"""Synthetic responses respect the form; the numeric matrix is one columnar read."""

from __future__ import annotations

import math
import random

import numpy as np
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.questionnaire import first_incomplete_section, prune_hidden
from survey_app.respond.models import Response
from survey_app.results.dataset import load_dataset
from survey_app.versions.service import form_of

from .respondent import Respondent, complete_mini


def test_fake_answers_respect_skip_logic_required_and_constraints():
    from survey_app.demo.seed import fake_answers
    from survey_app.questionnaire import parse_form

    from .conftest import form_text

    for name in ("mini.yaml", "tna-asn.yaml"):
        form = parse_form(form_text(name))
        rng = random.Random(7)
        for _ in range(3000):  # rare combinations (a PPPK has one valid golongan) included
            answers = fake_answers(form, rng)
            assert prune_hidden(form, answers) == answers
            assert first_incomplete_section(form, answers) is None
            for question, expression in form.constraints.items():
                if question in answers:
                    assert expression.is_true(answers, answers[question]), (question, answers)


def test_demo_seed_fills_a_campaign_reproducibly(make_campaign, runner):
    campaign = make_campaign(form="tna-asn.yaml")
    result = runner.invoke(
        args=["demo", "seed", "--campaign", "c1", "--responses", "120", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "added 120 synthetic responses" in result.output
    stored = list(
        db.session.scalars(sa.select(Response.answers).where(Response.campaign_id == campaign.id))
    )
    assert len(stored) == 120
    assert {a["status"] for a in stored} <= {"pns", "pppk", "cpns"}


def test_demo_seed_refuses_an_unknown_campaign(runner):
    result = runner.invoke(args=["demo", "seed", "--campaign", "nope", "--responses", "5"])
    assert result.exit_code != 0 and "no campaign with slug 'nope'" in result.output


def test_numeric_matrix_matches_the_stored_answers(make_campaign, app):
    campaign = make_campaign()
    for _ in range(3):
        complete_mini(Respondent(app.test_client()), "c1")
    form = form_of(campaign.version)
    matrix = load_dataset(campaign.id, form)
    assert matrix.columns == (
        "integritas/importance",
        "integritas/competence",
        "spbe/importance",
        "spbe/competence",
        "puas",
        "jp",
        "nilai",
    )
    assert matrix.values.shape == (3, 7) and matrix.values.dtype == np.float32
    assert np.all(matrix.column("integritas/importance") == 5)
    assert np.all(matrix.column("jp") == 10) and np.allclose(matrix.column("nilai"), 7.5)
    assert np.all(np.isnan(matrix.column("spbe/competence")))  # unanswered: NaN, not 0


def test_numeric_matrix_of_an_empty_campaign(make_campaign):
    campaign = make_campaign()
    matrix = load_dataset(campaign.id, form_of(campaign.version))
    assert matrix.values.shape == (0, 7)
    assert not math.isnan(float(matrix.values.sum()))


def test_the_dataset_carries_report_group_codes_in_the_same_pass(make_campaign, app):
    campaign = make_campaign()
    for _ in range(2):
        complete_mini(Respondent(app.test_client()), "c1")
    data = load_dataset(campaign.id, form_of(campaign.version))
    assert set(data.groups) == {"status", "jabatan"}
    assert list(data.groups["status"]) == ["pns", "pns"]
    assert data.subset(data.groups["jabatan"] == "pelaksana").n == 2


def test_group_codes_are_packed_at_submit_and_rows_without_them_still_read(make_campaign, runner):
    """Rows stored before the packed column existed (NULL) fall back to their JSON."""
    campaign = make_campaign(form="tna-asn.yaml")
    result = runner.invoke(args=["demo", "seed", "--campaign", "c1", "--responses", "60"])
    assert result.exit_code == 0, result.output
    form = form_of(campaign.version)
    packed = load_dataset(campaign.id, form)
    answers = db.session.scalars(sa.select(Response.answers)).all()
    expected = sorted(a.get("jenis_jabatan", "") for a in answers)
    assert sorted(packed.groups["jenis_jabatan"]) == expected
    db.session.execute(sa.update(Response).values(group_codes=None))
    legacy = load_dataset(campaign.id, form)
    for name in form.report_groups:
        assert sorted(legacy.groups[name]) == sorted(packed.groups[name])
    rows = [sorted(map(tuple, np.nan_to_num(d.values, nan=-1).tolist())) for d in (legacy, packed)]
    assert rows[0] == rows[1]
