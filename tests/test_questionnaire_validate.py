"""`questionnaire validate`: every problem, at its PATH:LINE:COL, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app import create_app
from survey_app.questionnaire import QuestionnaireInvalid, parse_form

from .conftest import form_text

BASE = """\
form_id: t
version: "1"
languages: [id, en]
title: {id: Judul, en: Title}
choice_lists:
  yn:
    - {value: y, label: {id: Ya, en: "Yes"}}
    - {value: n, label: {id: Tidak, en: "No"}}
scales:
  s5:
    points:
      - {value: 1, label: rendah}
      - {value: 5, label: tinggi}
sections:
  - name: a
    title: A
    questions:
"""


def problems(questions: str, base: str = BASE) -> list[str]:
    try:
        parse_form(base + questions)
    except QuestionnaireInvalid as exc:
        return exc.format("f.yaml")
    return []


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        (
            "      - {name: q, type: slider, label: Q}\n",
            "f.yaml:18:25: unknown question type 'slider'",
        ),
        (
            "      - {name: q, type: note, label: Q}\n      - {name: q, type: note, label: R}\n",
            "f.yaml:19:16: duplicate question name 'q'",
        ),
        ("      - {name: q, type: note, label: {id: Q}}\n", "f.yaml:18:38: missing 'en' text"),
        (
            "      - {name: q, type: select_one, choices: nope, label: Q}\n",
            "f.yaml:18:46: unknown choice list 'nope' (declared: yn)",
        ),
        (
            "      - {name: q, type: likert, scale: s7, label: Q}\n",
            "f.yaml:18:40: unknown scale 's7'",
        ),
        (
            "      - {name: q, type: integer, label: Q, min: 5, max: 1}\n",
            "f.yaml:18:49: min (5) must be less than max (1)",
        ),
        (
            "      - {name: q, type: competency, group: teknis, scale: s5, label: Q}\n",
            "f.yaml:18:9: missing required key 'code'",
        ),
        (
            "      - {name: q, type: integer, label: Q, relevant: '${r} > 1'}\n"
            "      - {name: r, type: integer, label: R}\n",
            "f.yaml:18:54: expression refers to 'r', which comes later in the form",
        ),
        (
            "      - {name: q, type: integer, label: Q, relevant: '${zz} > 1'}\n",
            "f.yaml:18:54: expression refers to unknown question 'zz'",
        ),
        (
            "      - {name: q, type: integer, label: Q, constraint: '. >'}\n",
            "f.yaml:18:56: bad expression at column 4",
        ),
        (
            "      - {name: q, type: integer, label: Q, relevant: '. > 1'}\n",
            "'.' (the current answer) is only allowed in a constraint",
        ),
        ("      - {name: q, type: text, label: Q, pattern: '[a-'}\n", "invalid regular expression"),
        (
            "      - {name: q, type: select_multiple, choices: yn, max_selected: 3, label: Q}\n",
            "max_selected (3) exceeds the 2 choices",
        ),
        (
            "      - {name: q, type: integer, label: Q, report_group: true}\n",
            "report_group is only allowed on select_one questions",
        ),
        (
            "      - {name: q, type: note, label: Q, required: true}\n",
            "a note question cannot be required",
        ),
        (
            "      - {name: q, type: note, label: Q, colour: red}\n",
            "f.yaml:18:41: unknown key 'colour'",
        ),
        (
            "      - {name: q, type: note, label: {id: Q, en: Q, fr: Q}}\n",
            "undeclared language 'fr'",
        ),
    ],
)
def test_each_problem_is_reported_at_its_node(questions: str, expected: str) -> None:
    found = problems(questions)
    assert any(expected in line for line in found), found


def test_every_problem_is_reported_not_just_the_first() -> None:
    found = problems(
        "      - {name: q, type: integer, label: Q, min: 5, max: 1}\n"
        "      - {name: q, type: likert, scale: s7, label: {id: Q}}\n"
    )
    assert len(found) == 4, found  # min >= max, duplicate name, unknown scale, missing 'en'
    assert found == sorted(found, key=lambda line: tuple(int(p) for p in line.split(":")[1:3]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("form_id: [unclosed\n", "f.yaml:2:1: YAML syntax error"),
        ("a: 1\n  b: 2\n", "f.yaml:2:4: YAML syntax error"),
        ("- just\n- a list\n", "f.yaml:1:1: a questionnaire must be a mapping"),
        (
            BASE.replace('version: "1"\n', 'version: "1"\nversion: "2"\n')
            + "      - {name: q, type: note, label: Q}\n",
            "f.yaml:3:1: duplicate key 'version'",
        ),
        (
            BASE.replace('en: "Yes"', "en: Yes") + "      - {name: q, type: note, label: Q}\n",
            "f.yaml:7:25: choice_lists.yn.0.label: expected text",
        ),
    ],
)
def test_yaml_level_problems(text: str, expected: str) -> None:
    assert any(expected in line for line in problems("", base=text)), problems("", base=text)


def test_bundled_questionnaire_is_valid() -> None:
    form = parse_form(form_text("tna-asn.yaml"))
    codes = [q.code for q in form.questions.values() if q.type == "competency"]
    assert {"M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"} <= set(codes)
    assert sum(code.startswith("T.") for code in codes) >= 8
    assert form.report_groups, "the bundled survey needs report groups"


@pytest.mark.parametrize(
    "forbidden", ["nip", "nama", "name", "email", "tanggal_lahir", "birth", "telepon", "phone"]
)
def test_bundled_questionnaire_never_asks_identifying_details(forbidden: str) -> None:
    form = parse_form(form_text("tna-asn.yaml"))
    assert not [name for name in form.questions if forbidden in name.lower()]
    labels = " ".join(
        str(q.label).lower()
        for q in form.questions.values()
        if q.type in {"text", "integer", "date"}
    )
    assert forbidden not in labels.split()


@pytest.fixture
def cli():
    return create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).test_cli_runner()


def test_cli_validate_exits_0_for_valid_files(cli, tmp_path: Path) -> None:
    result = cli.invoke(
        args=["questionnaire", "validate", "questionnaires/tna-asn.yaml", "tests/forms/mini.yaml"]
    )
    assert result.exit_code == 0, result.output
    assert "questionnaires/tna-asn.yaml: ok" in result.output


def test_cli_validate_prints_path_line_col_and_exits_1(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE + "      - {name: q, type: slider, label: Q}\n", encoding="utf-8")
    result = cli.invoke(args=["questionnaire", "validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:18:25: unknown question type 'slider'" in result.output
    assert "Traceback" not in result.output
