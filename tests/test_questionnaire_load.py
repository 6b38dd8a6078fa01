"""`questionnaire load` (and `--dry-run`, `validate`, the upload page's "Check only"):
immutable, content-addressed versions; ODK's compatibility rule, reported at its line."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.questionnaire import QuestionnaireInvalid, parse_any
from survey_app.versions.models import QuestionnaireVersion
from survey_app.versions.service import IncompatibleChange, load_text

from .conftest import form_text

MINI = form_text("mini.yaml")
QUESTIONNAIRES = "/staff/admin/questionnaires"


def versions() -> list[tuple[int, str]]:
    rows = db.session.execute(sa.select(QuestionnaireVersion.number, QuestionnaireVersion.label))
    return sorted((number, label) for number, label in rows)


def audited_loads() -> int:
    query = sa.select(sa.func.count()).where(AuditEvent.action == "questionnaire.load")
    return db.session.scalar(query) or 0


def labelled(text: str, label: str) -> str:
    return text.replace('version: "1"', f'version: "{label}"')


def at(text: str, needle: str, offset: int = 0) -> str:
    """``LINE:COL`` of ``needle`` (1-based) in ``text``, moved ``offset`` characters on."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return f"{line}:{index - text.rfind(chr(10), 0, index)}"


def digest(path: Path) -> str:
    return parse_any(path.read_text(encoding="utf-8")).content_hash[:12]


def refusal(text: str, name: str = "mini.yaml") -> list[str]:
    with pytest.raises(QuestionnaireInvalid) as caught:
        load_text(text, name)
    return caught.value.format(name)


TO_INTEGER = labelled(
    MINI.replace("{name: nilai, type: decimal,", "{name: nilai, type: integer,"), "3"
)
NILAI_TYPE = at(TO_INTEGER, "{name: nilai, type: integer,", len("{name: nilai, type: "))


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
    result = load_text(labelled(MINI, "2"), "mini.yaml")
    assert result.created and result.version.number == 2
    assert versions() == [(1, "1"), (2, "2")]


def test_a_changed_type_is_refused_once_at_its_line_naming_the_latest_version(app):
    load_text(MINI, "mini.yaml")
    load_text(labelled(MINI, "2"), "mini.yaml")  # both versions had nilai as decimal
    with pytest.raises(IncompatibleChange):
        load_text(TO_INTEGER, "mini.yaml")
    assert refusal(TO_INTEGER) == [
        f"mini.yaml:{NILAI_TYPE}: conflicts with version 2 ('2') of mini: question 'nilai' "
        "was decimal there and cannot become integer; give the new question a new name"
    ]
    assert versions() == [(1, "1"), (2, "2")]


def test_a_changed_competency_code_is_refused_at_its_line(app):
    load_text(MINI, "mini.yaml")
    changed = labelled(MINI.replace("code: M.1,", "code: M.9,"), "2")
    assert refusal(changed) == [
        f"mini.yaml:{at(changed, 'M.9')}: conflicts with version 1 ('1') of mini: competency "
        "'integritas' had code M.1 there and cannot change to M.9"
    ]


def test_a_retired_choice_value_cannot_come_back(app):
    removed = "    - {value: izin, label: {id: Izin atasan, en: Permission}}\n"
    load_text(MINI, "mini.yaml")
    load_text(labelled(MINI.replace(removed, ""), "2"), "mini.yaml")
    back = labelled(MINI, "3")
    assert refusal(back) == [
        f"mini.yaml:{at(back, 'izin')}: conflicts with version 1 ('1') of mini: choice 'izin' "
        "of list 'alasan' was retired after that version and cannot come back (old answers "
        "would read with a new meaning); use a new value"
    ]


def test_reloading_an_older_version_is_refused(app):
    load_text(MINI, "mini.yaml")
    load_text(labelled(MINI, "2"), "mini.yaml")
    (line,) = refusal(MINI)
    label = at(MINI, '"1"')
    assert line.startswith(f"mini.yaml:{label}: this content is the same as version 1 ('1')")
    assert "which version 2 ('2') replaced" in line


def test_a_session_form_cannot_become_a_survey(app):
    load_text(form_text("tna-asn.yaml"), "tna-asn.yaml")
    load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml")
    survey = form_text("tna-asn.yaml").replace("form_id: tna-asn", "form_id: fgd-karier")
    assert refusal(survey, "x.yaml") == [
        f"x.yaml:{at(survey, 'fgd-karier')}: conflicts with version 1 ('2026.2') of fgd-karier: "
        "it is a focus-group session form and cannot become a survey; give the new form "
        "another form_id"
    ]


def test_invalid_text_is_never_stored(app):
    with pytest.raises(QuestionnaireInvalid):
        load_text("form_id: [", "x.yaml")
    assert versions() == []


# --- the command line: load, load --dry-run, validate ----------------------------------


def test_cli_load_reports_created_and_unchanged(runner):
    result = runner.invoke(args=["questionnaire", "load", "tests/forms/mini.yaml"])
    assert result.exit_code == 0, result.output
    assert "loaded as mini v1" in result.output
    result = runner.invoke(args=["questionnaire", "load", "tests/forms/mini.yaml"])
    assert "unchanged, already mini v1" in result.output
    assert audited_loads() == 1


def test_cli_load_is_all_or_nothing_and_reports_every_refused_file(runner, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("type: likert", "type: slider"), encoding="utf-8")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(MINI.replace("Survei Mini", "Survéi").encode("latin-1"))
    good = "questionnaires/tna-asn.yaml"
    result = runner.invoke(args=["questionnaire", "load", good, str(bad), str(latin)])
    assert result.exit_code == 1
    assert f"{bad}:42:28: section 2 'kompetensi', question 3 'puas': unknown question type" in (
        result.output
    )
    assert f"{latin}:1:1: the file is not UTF-8 text" in result.output
    assert f"{good}: ok, but not stored: another file was refused" in result.output
    assert versions() == [] and audited_loads() == 0


def test_dry_run_reports_conflicts_at_their_lines_and_stores_nothing(runner, tmp_path: Path):
    load_text(MINI, "mini.yaml")
    load_text(labelled(MINI, "2"), "mini.yaml")
    db.session.commit()
    changed = tmp_path / "mini.yaml"
    changed.write_text(TO_INTEGER.replace("code: M.1,", "code: M.9,"), encoding="utf-8")
    result = runner.invoke(args=["questionnaire", "load", "--dry-run", str(changed)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line for line in lines if "conflicts with" in line] == [
        f"{changed}:{at(changed.read_text(), 'M.9')}: conflicts with version 2 ('2') of mini: "
        "competency 'integritas' had code M.1 there and cannot change to M.9",
        f"{changed}:{NILAI_TYPE}: conflicts with version 2 ('2') of mini: question 'nilai' was "
        "decimal there and cannot become integer; give the new question a new name",
    ]
    assert lines[-1] == "dry run: nothing was stored"
    assert versions() == [(1, "1"), (2, "2")]


def test_dry_run_says_what_would_be_stored_and_stores_nothing(runner, tmp_path: Path):
    load_text(MINI, "mini.yaml")
    db.session.commit()
    new = tmp_path / "new.yaml"
    new.write_text(labelled(MINI, "2"), encoding="utf-8")
    result = runner.invoke(args=["questionnaire", "load", "--dry-run", str(new)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{new}: ok, would be stored as mini v2 (2, {digest(new)})\ndry run: nothing was stored\n"
    )
    same = runner.invoke(args=["questionnaire", "load", "--dry-run", "tests/forms/mini.yaml"])
    assert "tests/forms/mini.yaml: ok, unchanged: already mini v1 (1, " in same.output
    assert versions() == [(1, "1")] and audited_loads() == 0  # load_text is not audited


def test_dry_run_of_a_batch_answers_as_loading_it_would(runner):
    both = ["questionnaires/fgd-karier.yaml", "questionnaires/tna-asn.yaml"]
    result = runner.invoke(args=["questionnaire", "load", "--dry-run", *both])
    assert result.exit_code == 0, result.output
    assert "fgd-karier.yaml: ok, would be stored as fgd-karier v1" in result.output
    assert versions() == []
    alone = runner.invoke(args=["questionnaire", "load", "--dry-run", both[0]])
    session = form_text("fgd-karier.yaml")
    assert alone.exit_code == 1
    assert (
        f"{both[0]}:{at(session, 'survey_form: ', 13)}: survey_form 'tna-asn' is not a loaded "
        "survey; load it first, or in the same command"
    ) in alone.output
    assert runner.invoke(args=["questionnaire", "load", *both]).exit_code == 0
    assert versions() == [(1, "2026.1"), (1, "2026.2")]


def test_validate_agrees_with_load_where_the_database_is_set_up(runner, tmp_path: Path):
    load_text(MINI, "mini.yaml")
    db.session.commit()
    changed = tmp_path / "mini.yaml"
    changed.write_text(TO_INTEGER, encoding="utf-8")
    validate = runner.invoke(args=["questionnaire", "validate", str(changed)])
    load = runner.invoke(args=["questionnaire", "load", str(changed)])
    assert validate.exit_code == load.exit_code == 1
    expected = f"{changed}:{NILAI_TYPE}: conflicts with version 1 ('1') of mini"
    assert expected in validate.output and expected in load.output
    assert "not checked against stored versions" not in validate.output
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + labelled(MINI, "2").encode())
    assert runner.invoke(args=["questionnaire", "validate", str(bom)]).output == f"{bom}: ok\n"
    assert runner.invoke(args=["questionnaire", "load", str(bom)]).exit_code == 0


# --- the upload page's "Check only" ------------------------------------------------------


@pytest.fixture
def admin(make_user, login, client):
    make_user("a@x.id", "admin")
    staff = login(client, "a@x.id")
    staff.get(f"{QUESTIONNAIRES}?lang=en")
    return staff


def check_only(staff, text: str, name: str = "mini.yaml"):
    return staff.post(
        QUESTIONNAIRES, {"file": (io.BytesIO(text.encode()), name), "action": "check"}
    )


def test_check_only_reports_conflicts_at_their_lines_and_stores_nothing(admin):
    load_text(MINI, "mini.yaml")
    db.session.commit()
    response = check_only(admin, TO_INTEGER)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "The file was checked; nothing was stored." in page
    assert f"mini.yaml:{NILAI_TYPE}: conflicts with version 1 ('1') of mini: question 'nilai'" in (
        page
    )
    assert versions() == [(1, "1")] and audited_loads() == 0


def test_check_only_says_what_would_be_stored(admin):
    load_text(MINI, "mini.yaml")
    db.session.commit()
    response = check_only(admin, labelled(MINI, "2"))
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "No problems found: mini would be stored as version 2 (2)." in page
    assert "nothing was stored" in page
    again = html.unescape(check_only(admin, MINI).get_data(as_text=True))
    assert "nothing new: mini version 1 (1) has this content." in again
    assert versions() == [(1, "1")]
