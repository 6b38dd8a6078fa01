"""`questionnaire load`: immutable, content-addressed versions; ODK's compatibility rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.questionnaire import QuestionnaireInvalid
from survey_app.versions.models import QuestionnaireVersion
from survey_app.versions.service import IncompatibleChange, load_text

from .conftest import form_text

MINI = form_text("mini.yaml")


def versions() -> list[tuple[int, str]]:
    rows = db.session.execute(sa.select(QuestionnaireVersion.number, QuestionnaireVersion.label))
    return sorted((number, label) for number, label in rows)


def test_unchanged_content_is_a_no_op_even_with_new_comments(app):
    first = load_text(MINI, "mini.yaml")
    again = load_text(
        "# a comment\n" + MINI.replace("form_id: mini", "form_id:   mini"), "mini.yaml"
    )
    assert first.created and not again.created
    assert again.version.id == first.version.id
    assert versions() == [(1, "1")]


def test_changed_content_becomes_the_next_version(app):
    load_text(MINI, "mini.yaml")
    result = load_text(MINI.replace('version: "1"', 'version: "2"'), "mini.yaml")
    assert result.created and result.version.number == 2
    assert versions() == [(1, "1"), (2, "2")]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{name: nilai, type: decimal,",
            "{name: nilai, type: integer,",
            "question 'nilai' was decimal",
        ),
        ("code: M.1,", "code: M.9,", "competency 'integritas' had code M.1"),
    ],
)
def test_incompatible_changes_are_refused(app, old, new, message):
    load_text(MINI, "mini.yaml")
    with pytest.raises(IncompatibleChange, match=message):
        load_text(MINI.replace(old, new).replace('version: "1"', 'version: "2"'), "mini.yaml")
    assert versions() == [(1, "1")]


def test_a_retired_choice_value_cannot_come_back(app):
    removed = "    - {value: izin, label: {id: Izin atasan, en: Permission}}\n"
    load_text(MINI, "mini.yaml")
    load_text(MINI.replace(removed, "").replace('version: "1"', 'version: "2"'), "mini.yaml")
    with pytest.raises(IncompatibleChange, match="choice 'izin' of list 'alasan' was retired"):
        load_text(MINI.replace('version: "1"', 'version: "3"'), "mini.yaml")


def test_reloading_an_older_version_is_refused(app):
    load_text(MINI, "mini.yaml")
    load_text(MINI.replace('version: "1"', 'version: "2"'), "mini.yaml")
    with pytest.raises(IncompatibleChange, match="same as version 1"):
        load_text(MINI, "mini.yaml")


def test_cli_load_reports_created_and_unchanged(runner, tmp_path: Path):
    result = runner.invoke(args=["questionnaire", "load", "tests/forms/mini.yaml"])
    assert result.exit_code == 0, result.output
    assert "loaded as mini v1" in result.output
    result = runner.invoke(args=["questionnaire", "load", "tests/forms/mini.yaml"])
    assert "unchanged, already mini v1" in result.output


def test_cli_load_is_all_or_nothing(runner, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("type: likert", "type: slider"), encoding="utf-8")
    result = runner.invoke(args=["questionnaire", "load", "questionnaires/tna-asn.yaml", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "unknown question type 'slider'" in result.output
    assert versions() == []


def test_invalid_text_is_never_stored(app):
    with pytest.raises(QuestionnaireInvalid):
        load_text("form_id: [", "x.yaml")
    assert versions() == []
