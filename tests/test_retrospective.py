"""The ``retrospective`` type and ``repeat_for: targeted_competencies``: expanded once at
parse time into one question per catalogue code, so a version's columns never change,
and a campaign leaves the codes it does not target unasked."""

from __future__ import annotations

import math

import pytest

from survey_app.questionnaire import QuestionnaireInvalid, parse_form, read_section
from survey_app.questionnaire.answers import first_incomplete_section, prune_hidden
from survey_app.questionnaire.types import AnswerError

from .conftest import form_text

FORM = """\
form_id: eval
version: "1"
title: {id: Evaluasi, en: Evaluation}
scales:
  s5:
    points:
      - {value: 1, label: {id: Rendah, en: Low}}
      - {value: 5, label: {id: Tinggi, en: High}}
competencies:
  - {code: M.1, group: manajerial, label: {id: Integritas, en: Integrity}}
  - {code: SK.1, group: sosial_kultural, label: {id: Perekat bangsa, en: National unity}}
  - {code: T.10, group: teknis, label: {id: Kearsipan, en: Records}}
sections:
  - name: first
    title: {id: Satu, en: One}
    questions:
      - name: learn
        type: retrospective
        repeat_for: targeted_competencies
        scale: s5
        required: true
        label: {id: "Penguasaan {competency}", en: "Mastery of {competency}"}
  - name: last
    title: {id: Dua, en: Two}
    questions:
      - {name: ok, type: likert, scale: s5, label: {id: Oke, en: Fine}, required: true}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireInvalid) as raised:
        parse_form(text)
    return raised.value.format("f.yaml")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_repeated_question_becomes_one_question_per_catalogue_code():
    form = parse_form(FORM)
    learn = [q for q in form.questions.values() if q.type == "retrospective"]
    assert [q.name for q in learn] == ["learn_m_1", "learn_sk_1", "learn_t_10"]
    assert [q.code for q in learn] == ["M.1", "SK.1", "T.10"]
    assert learn[1].label == {"id": "Penguasaan Perekat bangsa", "en": "Mastery of National unity"}
    assert form.numeric_columns[:2] == ("learn_m_1/before", "learn_m_1/now")
    assert len(form.numeric_columns) == 7


def test_columns_are_fixed_per_version_whatever_a_campaign_targets():
    form = parse_form(FORM)
    narrowed = form.asking_only(["SK.1"])
    assert narrowed.numeric_columns == form.numeric_columns
    assert narrowed.content_hash == form.content_hash
    spec = form.spec
    assert [c for q in form.questions.values() for c in q.export_columns(spec)][:6] == [
        "learn_m_1/before", "learn_m_1/now", "learn_sk_1/before",
        "learn_sk_1/now", "learn_t_10/before", "learn_t_10/now",
    ]  # fmt: skip


def test_a_file_without_a_catalogue_keeps_its_content_hash():
    """The new key is left out of the canonical form while empty."""
    form = parse_form(form_text("tna-asn.yaml"))
    assert "competencies" not in form.spec.model_dump(mode="json")


def test_an_untargeted_competency_is_not_asked_not_required_and_not_kept():
    form = parse_form(FORM).asking_only(["SK.1"])
    section = form.sections[0]
    page = read_section(form, section, {}, {})
    assert [e.question for e in page.errors] == ["learn_sk_1"]  # only the targeted one
    raw = {"learn_m_1/before": ["1"], "learn_m_1/now": ["5"]}
    raw |= {"learn_sk_1/before": ["1"], "learn_sk_1/now": ["5"]}
    page = read_section(form, section, raw, {})
    assert page.answers == {"learn_sk_1": {"before": 1, "now": 5}}
    assert prune_hidden(form, {"learn_m_1": {"before": 1, "now": 1}}) == {}
    assert first_incomplete_section(form, {"learn_sk_1": {"before": 1, "now": 5}}) == 1
    vector = form.numeric_vector({"learn_sk_1": {"before": 1, "now": 5}})
    assert vector  # columns of the others stay empty (NaN), never zero
    import array

    values = array.array("f", vector)
    assert math.isnan(values[0]) and values[2:4].tolist() == [1.0, 5.0]


def test_a_section_left_with_no_question_is_skipped():
    form = parse_form(FORM)
    assert form.asking_only([]).section_shown(form.sections[0], {}) is False
    assert form.asking_only(["M.1"]).section_shown(form.sections[0], {}) is True


def test_both_ratings_or_neither():
    form = parse_form(FORM)
    question = form.questions["learn_m_1"]
    assert question.parse({}, form.spec) is None
    with pytest.raises(AnswerError) as raised:
        question.parse({"learn_m_1/before": ["1"]}, form.spec)
    assert raised.value.kind == "both_moments" and raised.value.field == "learn_m_1/now"
    with pytest.raises(AnswerError):
        question.parse({"learn_m_1/before": ["3"], "learn_m_1/now": ["5"]}, form.spec)


@pytest.mark.parametrize(
    ("edit", "needle", "message"),
    [
        (("code: SK.1", "code: M.1"), "code: M.1, group: sosial_kultural",
         "duplicate code 'M.1' in the competencies catalogue"),
        (("code: T.10", "code: 'T 10'"), "T 10", "competencies item 3.code must match"),
        (("repeat_for: targeted_competencies", "repeat_for: every_competency"),
         "repeat_for:", "repeat_for"),
        (("Mastery of {competency}", "Mastery"), 'en: "Mastery"', "must name {competency}"),
        (("        scale: s5\n", "        code: M.1\n        scale: s5\n"),
         "        code: M.1", "takes its code from each competency"),
    ],
)  # fmt: skip
def test_bad_catalogue_or_repeat_for_is_reported_at_its_line(edit, needle, message):
    text = FORM.replace(*edit)
    assert text != FORM
    found = problems(text)
    line = line_of(text, needle)
    assert any(f.startswith(f"f.yaml:{line}:") and message in f for f in found), (line, found)


def test_a_repeat_without_a_catalogue_is_refused_at_repeat_for():
    text = FORM.split("competencies:")[0] + "sections:" + FORM.split("sections:")[1]
    found = problems(text)
    line = line_of(text, "repeat_for:")
    assert f"f.yaml:{line}:21: repeat_for needs the form's competencies: catalogue" in found


def test_repeated_names_that_collide_are_refused():
    text = FORM.replace("code: T.10", "code: M_1").replace("  - {code: M.1,", "  - {code: M.1,")
    text = text.replace("code: SK.1", "code: M.1x")
    found = problems(text.replace("code: M_1", "code: m.1"))
    assert any("repeating makes the question name 'learn_m_1' twice" in f for f in found), found


def test_the_bundled_evaluation_form_repeats_over_the_needs_survey_codes():
    evaluation = parse_form(form_text("training-evaluation.yaml"))
    needs = parse_form(form_text("tna-asn.yaml"))
    needs_codes = [q.code for q in needs.questions.values() if q.type == "competency"]
    assert [c.code for c in evaluation.spec.competencies] == needs_codes
    learned = [q.code for q in evaluation.questions.values() if q.type == "retrospective"]
    assert learned == needs_codes
    assert [q.name for q in evaluation.with_role("training_reaction")] == [
        "metode", "fasilitator", "durasi",
    ]  # fmt: skip
    assert evaluation.by_role["training_relevance"].name == "relevansi_materi"
    assert evaluation.by_role["training_applied"].name == "diterapkan"
    assert not [q for q in evaluation.questions.values() if q.is_quasi_identifier]
