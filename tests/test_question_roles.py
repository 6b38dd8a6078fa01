"""Questions carry roles, not names: the policy draft finds "preferred development forms",
"lesson hours" and the mentoring questions by their ``role:``, whatever they are called,
and says so in the draft when a questionnaire declares none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from survey_app.questionnaire import QuestionnaireInvalid, parse_form
from survey_app.questionnaire.roles import DRAFT_ROLES

from .conftest import form_text
from .test_policy import export

#: tests/forms/roles.yaml declares every role; the bundled names appear nowhere in it.
ROLES_FORM = form_text("roles.yaml")
NO_ROLES_FORM = re.sub(r" role: \w+,", "", ROLES_FORM).replace("form_id: roles", "form_id: plain")
NOTES = (
    "No preferred forms: the questionnaire has no question with the role development_forms",
    "No survey results on mentoring: the questionnaire has no question with a mentoring role",
    "No baseline of lesson hours: the questionnaire has no question with the role training_hours",
)


def problems(text: str) -> str:
    with pytest.raises(QuestionnaireInvalid) as raised:
        parse_form(text)
    return "\n".join(raised.value.format("f.yaml"))


def test_the_bundled_survey_declares_every_role():
    assert set(parse_form(form_text("tna-asn.yaml")).by_role) == set(DRAFT_ROLES)


def test_the_second_survey_declares_them_under_other_names():
    form = parse_form(ROLES_FORM)
    bundled = set(parse_form(form_text("tna-asn.yaml")).questions)
    assert set(form.by_role) == set(DRAFT_ROLES)
    assert not {q.name for q in form.by_role.values()} & bundled
    assert parse_form(NO_ROLES_FORM).by_role == {}


def test_a_role_on_a_question_that_cannot_carry_it_is_refused():
    text = ROLES_FORM.replace("role: training_hours", "role: development_forms", 1)
    found = problems(text)
    assert "role 'development_forms' needs a question of type select_multiple" in found
    assert "role 'development_forms' is already declared by question" in found


def test_a_role_is_declared_once():
    text = ROLES_FORM.replace("role: willing_to_mentor", "role: wants_mentoring")
    assert "role 'wants_mentoring' is already declared by question 'be_mentee'" in problems(text)


def test_an_unknown_role_is_refused_at_its_line():
    text = ROLES_FORM.replace("role: mentoring_mode", "role: favourite_colour")
    found = problems(text)
    line = next(n for n, s in enumerate(ROLES_FORM.splitlines(), 1) if "mentoring_mode" in s)
    assert f"f.yaml:{line}:" in found and "development_forms" in found


def draft_text(make_campaign, runner, tmp_path: Path, form: str, slug: str) -> str:
    make_campaign(form=form, slug=slug)
    seeded = runner.invoke(
        args=["demo", "seed", "--campaign", slug, "--responses", "60", "--seed", "3"]
    )
    assert seeded.exit_code == 0, seeded.output
    return export(runner, tmp_path, "html", "en", slug).read_text(encoding="utf-8")


def test_a_survey_with_the_roles_gets_the_sections_by_role(make_campaign, runner, tmp_path):
    html = draft_text(make_campaign, runner, tmp_path, "roles.yaml", "roles")
    assert "Preferred forms of development" in html
    assert "Online learning" in html  # a choice of preferred_learning, by its role
    assert "A mentor would help me" in html and "Willing to mentor" in html
    assert not [note for note in NOTES if note in html]


def test_a_survey_without_roles_gets_a_note_instead_of_a_gap(
    make_campaign, runner, tmp_path, monkeypatch
):
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "plain.yaml").write_text(NO_ROLES_FORM, encoding="utf-8")
    monkeypatch.setattr("tests.conftest.FORMS", tmp_path / "forms")
    html = draft_text(make_campaign, runner, tmp_path, "plain.yaml", "plain")
    assert [note for note in NOTES if note in html] == list(NOTES)
    assert "Online learning" not in html
