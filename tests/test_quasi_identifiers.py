"""Quasi-identifiers and their hierarchies in the questionnaire format: what is accepted,
every mistake reported as PATH:LINE:COL, and forms without them keep their hash."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from survey_app.questionnaire import QuestionnaireInvalid, parse_form
from survey_app.reports.quasi import choice_column, quasi_questions

ROOT = Path(__file__).parent.parent
HEAD = """\
form_id: q
version: "1"
languages: [id, en]
title: {id: Q, en: Q}
choice_lists:
  gol:
    - {value: I-II, label: {id: I-II, en: I-II}}
    - {value: III, label: III}
    - {value: IV, label: IV}
sections:
  - name: s
    title: S
    questions:
"""
QUESTION = """\
      - name: golongan
        type: select_one
        choices: gol
        label: G
"""


def form_text(extra: str, question: str = QUESTION) -> str:
    return HEAD + question + textwrap.indent(textwrap.dedent(extra), " " * 8)


def problems(text: str) -> list[str]:
    try:
        parse_form(text)
    except QuestionnaireInvalid as exc:
        return [p.format("f.yaml") for p in exc.problems]
    return []


MERGE = """\
report_group: true
hierarchy:
  - groups:
      - {choices: [I-II]}
      - {value: III-IV, label: {id: III-IV, en: III-IV}, choices: [III, IV]}
  - groups:
      - {value: all, label: {id: Semua, en: All}, choices: [I-II, III, IV]}
"""


def test_a_valid_hierarchy_compiles_to_coarser_codes():
    form = parse_form(form_text(MERGE))
    (question,) = quasi_questions(form)
    column = choice_column(question, form.spec)
    assert column.cells == ((None, "I-II", "III", "IV"), (None, "I-II", "III-IV"), (None, "all"))
    assert [level.tolist() for level in column.hierarchy.levels] == [[0, 1, 2, 2], [0, 1, 1, 1]]
    assert column.labels[1]["I-II"] == {"id": "I-II", "en": "I-II"}  # a single choice's own
    assert column.labels[1]["III-IV"]["en"] == "III-IV"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "report_group: true\nhierarchy: [{groups: [{choices: [I-II, III]}]}]\n",
            "f.yaml:19:30: level 1 leaves out IV: every choice belongs to exactly one group",
        ),
        (
            "report_group: true\n"
            "hierarchy: [{groups: [{choices: [I-II, III]}, {choices: [IV]}]}]\n",
            "f.yaml:19:31: a group of several choices needs its own value and label",
        ),
        (
            "report_group: true\n"
            "hierarchy: [{groups: [{choices: [I-II, V]}, {choices: [III, IV]}]}]\n",
            "f.yaml:19:48: unknown choice 'V' (the list has: I-II, III, IV)",
        ),
        (
            "report_group: true\n"
            "hierarchy: [{groups: [{choices: [I-II]}, {choices: [III]}, {choices: [IV, III]}]}]\n",
            "f.yaml:19:83: choice 'III' is already in group 2 of this level",
        ),
        (
            "quasi_identifier: true\n"
            "hierarchy: [{groups: [{choices: [I-II]}, {choices: [III]}, {choices: [IV]}]}]\n",
            "f.yaml:19:21: level 1 merges nothing: it needs fewer groups than the level before",
        ),
        (
            "report_group: true\nhierarchy:\n"
            "  - {groups: [{choices: [I-II]}, {value: x, label: X, choices: [III, IV]}]}\n"
            "  - {groups: [{value: y, label: Y, choices: [I-II, III]}, {choices: [IV]}]}\n",
            "f.yaml:21:13: level 2 splits 'x' of level 1: a level only merges",
        ),
        (
            "report_group: true\n"
            "hierarchy: [{groups: [{value: III, label: L, choices: [I-II, IV]},"
            " {choices: [III]}]}]\n",
            "f.yaml:19:76: duplicate group value 'III' in this level",
        ),
        (
            "report_group: true\n"
            "hierarchy: [{groups: [{value: IV, label: L, choices: [I-II, III]},"
            " {value: z, choices: [IV]}]}]\n",
            "f.yaml:19:39: 'IV' is a choice this group does not hold; use another value",
        ),
        (
            "hierarchy: [{groups: [{value: a, label: A, choices: [I-II, III, IV]}]}]\n",
            "f.yaml:18:20: hierarchy is only used on a quasi-identifier "
            "(add quasi_identifier: true, or report_group: true)",
        ),
        (
            "report_group: true\n"
            "hierarchy: [{groups: [{value: a, label: {id: A}, choices: [I-II, III, IV]}]}]\n",
            "f.yaml:19:49: missing 'en' text (the form declares ['id', 'en'])",
        ),
    ],
)
def test_each_hierarchy_mistake_is_reported_where_it_is(extra, expected):
    assert expected in problems(form_text(extra))


def test_only_a_select_one_may_be_a_quasi_identifier():
    question = "      - {name: jp, type: integer, quasi_identifier: true, label: JP}\n"
    assert problems(HEAD + question) == [
        "f.yaml:14:53: quasi_identifier is only allowed on select_one questions, not integer "
        "(ask numbers and dates in bands, as a select_one)"
    ]


def test_forms_without_the_new_keys_keep_their_content_hash():
    form = parse_form((ROOT / "tests/forms/mini.yaml").read_text(encoding="utf-8"))
    assert form.content_hash == "078ed3c619eac66f3f203aba08a9760d6d4985378780cb959407cf838b2ee60b"
    assert (
        "quasi_identifier" not in form.spec.model_dump(mode="json")["sections"][0]["questions"][0]
    )
    declared = parse_form(form_text("quasi_identifier: true\n"))
    assert declared.spec.sections[0].questions[0].model_dump()["quasi_identifier"] is True


def test_the_bundled_survey_declares_its_hierarchies():
    form = parse_form((ROOT / "questionnaires/tna-asn.yaml").read_text(encoding="utf-8"))
    names = [q.name for q in quasi_questions(form)]
    assert names == list(form.report_groups)
    heights = {q.name: len(q.hierarchy) for q in quasi_questions(form)}
    assert heights == {
        "status": 1,
        "jenis_jabatan": 1,
        "golongan": 2,
        "masa_kerja": 2,
        "pendidikan": 1,
        "klaster_opd": 2,
    }
