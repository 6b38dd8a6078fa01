"""`questionnaire validate`: every problem at its PATH:LINE:COL, in plain words, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from survey_app import create_app
from survey_app.questionnaire import QuestionnaireInvalid, parse_any, parse_form

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
            "f.yaml:18:25: section 1 'a', question 1 'q': unknown question type 'slider'",
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
            "f.yaml:18:9: section 1 'a', question 1 'q': missing required key 'code'",
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
            "f.yaml:18:41: section 1 'a', question 1 'q': unknown key 'colour'",
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
            "f.yaml:7:38: choice list 'yn', choice 1 'y': label.en must be text (found true; "
            "YAML reads unquoted Yes, No, On and Off as true/false",
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
    assert f"{bad}:18:25: section 1 'a', question 1 'q': unknown question type" in result.output
    assert "Traceback" not in result.output


# --- every problem in one run, in plain words ------------------------------------------


def test_schema_and_semantic_problems_are_reported_together() -> None:
    found = problems(
        "      - {name: jp, type: integer, label: JP, relevant: '${later} > 1'}\n"
        "      - {name: q, type: select_multiple, choices: yn, max_selected: tiga, lable: Q}\n"
        "      - {name: r, type: note, label: {id: R}}\n"
        "      - {name: later, type: integer, label: L}\n"
    )
    assert found == [
        "f.yaml:18:56: expression refers to 'later', which comes later in the form",
        "f.yaml:19:9: section 1 'a', question 2 'q': missing required key 'label'",
        "f.yaml:19:69: section 1 'a', question 2 'q': max_selected must be a whole number "
        "(found 'tiga')",
        "f.yaml:19:75: section 1 'a', question 2 'q': unknown key 'lable'; did you mean 'label'?",
        "f.yaml:20:38: missing 'en' text (the form declares ['id', 'en'])",
    ]


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        (  # the question whose type is refused is still a name that exists
            "      - {name: geser, type: slider, label: G}\n"
            "      - {name: lanjut, type: note, label: L, relevant: '${geser} > 1'}\n",
            "f.yaml:18:29: section 1 'a', question 1 'geser': unknown question type 'slider'",
        ),
        (  # a bad optional key is left out; the question and its references stay checked
            "      - {name: q, type: select_multiple, choices: yn, max_selected: 0, label: Q}\n"
            "      - {name: r, type: note, label: R, relevant: \"selected(${q}, 'y')\"}\n",
            "f.yaml:18:69: section 1 'a', question 1 'q': max_selected must be at least 1 "
            "(found 0)",
        ),
    ],
)
def test_a_refused_part_invents_no_other_problem(questions: str, expected: str) -> None:
    found = problems(questions)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_refused_choice_makes_no_count_or_value_problem() -> None:
    base = BASE.replace("{value: n,", "{value: 'n o',")
    found = problems(
        "      - {name: q, type: select_multiple, choices: yn, max_selected: 2, label: Q}\n"
        "      - {name: r, type: note, label: R, relevant: \"selected(${q}, 'n o')\"}\n",
        base=base,
    )
    assert found == [
        "f.yaml:8:15: choice list 'yn', choice 2 'n o': value may contain only letters, "
        "digits, _, . and - (found 'n o')"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('version: "1"', "version: 2026.1", "2:10: version must be text (found 2026.1; put it in"),
        ("form_id: t", "form_id: Tna ASN", "1:10: form_id must use only lower-case letters"),
        ("[id, en]", "[id, fr]", "3:17: languages item 2 must be 'id' or 'en' (found 'fr')"),
        ("title: {id: Judul, en: Title}", "title: [Judul]", "4:8: title must be text, or a map"),
        ("title:", "colour: red\ntitle:", "4:1: unknown key 'colour'"),
        ("form_id: t", "form_id: t\nkind: surveyy", "2:7: kind must be 'survey' (found 'surveyy')"),
        (
            "{value: 1, label: rendah}",
            "{value: satu, label: rendah}",
            "12:17: scale 's5', point 1 'satu': value must be a whole number (found 'satu')",
        ),
        (
            "      - {value: 5, label: tinggi}\n",
            "",
            "12:7: scale 's5': points must have at least 2 entries (found 1)",
        ),
        ("  - name: a\n", "  - name: 'a b'\n", "15:11: section 1 'a b': name must start with"),
        (
            "    title: A\n",
            "    title: A\n    relevant: 3\n",
            "17:15: section 1 'a': relevant must be text (found 3",
        ),
    ],
)
def test_schema_messages_name_the_place_in_the_authors_words(
    old: str, new: str, expected: str
) -> None:
    assert old in BASE
    found = problems("      - {name: q, type: note, label: Q}\n", base=BASE.replace(old, new, 1))
    assert any(line.startswith(f"f.yaml:{expected}") for line in found), found
    assert not any("Input should" in line or "sections.0" in line for line in found), found


# --- what expressions mean --------------------------------------------------------------

CHOICES = "      - {name: s, type: select_one, choices: yn, label: S}\n"
MULTI = "      - {name: m, type: select_multiple, choices: yn, label: M}\n"
NUMBER = "      - {name: n, type: integer, label: N}\n"


def with_relevant(expression: str, kind: str = "relevant") -> str:
    return (
        CHOICES
        + MULTI
        + NUMBER
        + f'      - {{name: e, type: integer, label: E, {kind}: "{expression}"}}\n'
    )


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (
            "selected(${m}, 'ya')",
            "in selected(), 'ya' is not a value of 'm' (did you mean 'y'? its values: y, n)",
        ),
        ("selected('y', ${m})", "selected() takes the question first"),
        ("selected(${n}, '1')", "'n' is an integer question"),
        ("selected(1 + 2, 'y')", "selected() needs a question as its first argument"),
        ("${s} = 'yes'", "in the comparison, 'yes' is not a value of 's'"),
        ("'nn' != ${s}", "in the comparison, 'nn' is not a value of 's' (did you mean 'n'?"),
        ("count-selected(${s}) = 1", "count-selected() needs a select_multiple or ranking"),
        ("count-selected('y') = 1", "count-selected() needs a question"),
        ("string-length(${n} > 2) > 0", "string-length() needs a text, not a true/false test"),
        ("regex('[a-z]+', ${s})", "regex() takes the answer first"),
        ("regex(${s}, 5)", "regex() needs its pattern as text in quotes"),
        ("${n} * 'dua' > 1", "'*' needs numbers; 'dua' is text"),
        ("${m} + 1 > 1", "'m' is a select_multiple question, so the result would always be"),
    ],
)
def test_expressions_are_checked_against_the_form(expression: str, expected: str) -> None:
    found = problems(with_relevant(expression))
    assert len(found) == 1 and expected in found[0], found
    assert found[0].startswith("f.yaml:21:"), found  # at the expression's line


@pytest.mark.parametrize(
    "expression",
    [
        "selected(${m}, 'y') and selected(${s}, 'n')",
        "${s} = '' or ${s} != 'y' or ${s} = ${m}",
        "count-selected(${m}) <= 1 and string-length(${s}) > 0",
        "regex(${s}, '[a-z]') and regex(${s}, ${s})",
        "${n} div 2 + ${n} mod 3 - -${n} * '2' >= 1",
        "not(${n}) or (${n} > 3) = 1",
    ],
)
def test_meaningful_expressions_pass(expression: str) -> None:
    assert problems(with_relevant(expression)) == []


def test_a_constraint_checks_its_own_choices() -> None:
    found = problems(MULTI.replace("label: M}", "label: M, constraint: \"selected(., 'x')\"}"))
    assert found == ["f.yaml:18:77: in selected(), 'x' is not a value of 'm' (its values: y, n)"]


def test_stored_versions_are_read_without_the_newer_expression_checks() -> None:
    text = BASE + with_relevant("${s} = 'yes'")
    with pytest.raises(QuestionnaireInvalid):
        parse_any(text)
    assert parse_any(text, max_bytes=None, strict=False).form_id == "t"


# --- golden files: the whole output of `questionnaire validate` ------------------------

GOLDEN = Path(__file__).resolve().parent / "golden" / "validate"


@pytest.mark.parametrize("case", sorted(path.stem for path in GOLDEN.glob("*.yaml")))
def test_validate_output_matches_the_golden_file(cli, case: str) -> None:
    """Run ``UPDATE_GOLDEN=1 pytest tests/test_questionnaire_validate.py`` and review the diff."""
    source = GOLDEN / f"{case}.yaml"
    result = cli.invoke(args=["questionnaire", "validate", str(source)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # never a traceback
    output = result.output.replace(str(GOLDEN) + os.sep, "")
    golden = GOLDEN / f"{case}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
