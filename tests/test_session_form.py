"""Focus-group session forms (``kind: focus_group``): parsing, dispatch, every rule at its node."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from survey_app.questionnaire import (
    Form,
    QuestionnaireInvalid,
    SessionForm,
    SessionFormSpec,
    parse_any,
    parse_form,
    parse_session_form,
    read_section,
)
from survey_app.questionnaire.json_schema import json_schema
from survey_app.questionnaire.spec import FormSpec

from .conftest import form_text

ROOT = Path(__file__).resolve().parent.parent

BASE = """\
form_id: s
version: "1"
kind: focus_group
languages: [id, en]
title: {id: Sesi, en: Session}
survey_form: t
choice_lists:
  yn:
    - {value: y, label: {id: Ya, en: "Yes"}}
    - {value: n, label: {id: Tidak, en: "No"}}
metadata:
  - {name: tanggal, type: date, label: {id: Tanggal, en: Date}}
participant_profile:
  - {name: jumlah, type: integer, label: {id: Jumlah, en: Count}, max: 12}
prompts:
  - {name: kebutuhan, label: {id: Kebutuhan, en: Needs}}
ranking: {candidates: both, method: rank, top: 5}
"""

METADATA = "  - {name: tanggal, type: date, label: {id: Tanggal, en: Date}}\n"
PROFILE = "  - {name: jumlah, type: integer, label: {id: Jumlah, en: Count}, max: 12}\n"
PROMPT = "  - {name: kebutuhan, label: {id: Kebutuhan, en: Needs}}\n"
RANKING = "ranking: {candidates: both, method: rank, top: 5}\n"


def problems(text: str) -> list[str]:
    try:
        parse_session_form(text)
    except QuestionnaireInvalid as exc:
        return exc.format("f.yaml")
    return []


def test_the_small_base_is_valid() -> None:
    assert problems(BASE) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "kind: focus_group",
            "kind: survey",
            "f.yaml:3:7: kind must be 'focus_group' (found 'survey')",
        ),
        ("kind: focus_group\n", "", "f.yaml:1:1: missing required key 'kind'"),
        (
            "survey_form: t",
            "survey_form: TNA ASN",
            "f.yaml:6:14: survey_form must use only lower-case",
        ),
        ("survey_form: t", "survey_form: s", "f.yaml:6:14: survey_form must name the linked"),
        ("survey_form: t\n", "survey_form: t\nmax_participants: 1\n", "f.yaml:7:19: max_part"),
        ("survey_form: t\n", "survey_form: t\nmax_participants: 41\n", "f.yaml:7:19: max_part"),
        (
            "survey_form: t\n",
            "survey_form: t\nspeakers: names\n",
            "f.yaml:7:1: unknown key 'speakers'",
        ),
        (METADATA, "  []\n", "f.yaml:12:3: metadata must have at least 1 entry"),
        (
            "type: date",
            "type: slider",
            "f.yaml:12:27: metadata question 1 'tanggal': unknown question type 'slider'",
        ),
        (
            "type: date",
            "type: competency, code: M.1, group: manajerial, scale: s5",
            "f.yaml:12:27: metadata question 1 'tanggal': a competency question is not allowed",
        ),
        (
            "type: date",
            "type: ranking, choices: yn",
            "f.yaml:12:27: metadata question 1 'tanggal': a ranking question is not allowed",
        ),
        (
            "type: date",
            "type: select_one, choices: nope",
            "f.yaml:12:48: unknown choice list 'nope' (declared: yn)",
        ),
        (
            "type: date",
            "type: likert, scale: s5",
            "f.yaml:12:42: unknown scale 's5' (declared: none)",
        ),
        (
            "type: date,",
            "type: date, relevant: '${jumlah} > 1',",
            "f.yaml:12:43: expression refers to 'jumlah', which comes later in the form",
        ),
        (
            "type: date,",
            "type: date, relevant: '. > 1',",
            "f.yaml:12:43: '.' (the current answer) is only allowed in a constraint",
        ),
        (
            "max: 12}",
            "max: 12, constraint: '. <= ${hadir}'}",
            "f.yaml:14:88: expression refers to unknown question 'hadir'",
        ),
        ("en: Date}", "}", "f.yaml:12:40: missing 'en' text (the form declares ['id', 'en'])"),
        (
            "type: integer",
            "type: text",
            "f.yaml:14:26: participant_profile question 1 'jumlah': a text question is not "
            "allowed here (allowed: integer)",
        ),
        (
            "max: 12}",
            "min: -1}",
            "f.yaml:14:72: participant_profile question 1 'jumlah': min must be at least 0",
        ),
        ("max: 12}", "max: 13}", "f.yaml:14:72: max (13) exceeds max_participants (12)"),
        ("name: jumlah", "name: tanggal", "f.yaml:14:12: duplicate question name 'tanggal'"),
        ("name: kebutuhan", "name: jumlah", "f.yaml:16:12: duplicate name 'jumlah'"),
        (PROMPT, PROMPT * 2, "f.yaml:17:12: duplicate name 'kebutuhan'"),
        ("en: Needs}}", "en: Needs}, probes: [{id: Kapan?}]}", "f.yaml:16:67: missing 'en' text"),
        (
            "top: 5",
            "top: 0",
            "f.yaml:17:48: ranking.top must be at least 1 (found 0)",
        ),
        ("method: rank", "method: points", "f.yaml:17:37: method: points needs `points`"),
        ("top: 5", "top: 5, points: 10", "f.yaml:17:59: points is only used with method: points"),
        (
            "method: rank",
            "method: votes",
            "f.yaml:17:37: ranking.method must be 'rank' or 'points'",
        ),
        ("candidates: both", "candidates: all", "f.yaml:17:23: ranking.candidates must be one of"),
        (
            "survey_form: t\n",
            "survey_form: t\nparticipants: hadir\n",
            "f.yaml:7:15: 'hadir' is not a participant_profile question",
        ),
        (
            "survey_form: t\n",
            "survey_form: t\nparticipants: jumlah\n",
            "f.yaml:7:15: 'jumlah' must be required: true",
        ),
        ("survey_form: t\n", "survey_form: t\nparticipants: 3 orang\n", "f.yaml:7:15: "),
    ],
)
def test_each_rule_is_reported_at_its_node(old: str, new: str, expected: str) -> None:
    assert old in BASE
    found = problems(BASE.replace(old, new, 1))
    assert any(line.startswith(expected) for line in found), found


def test_a_participant_profile_never_takes_text() -> None:
    text = BASE.replace(PROFILE, "  - {name: jabatan, type: text, label: Jabatan}\n")
    assert problems(text) == [
        "f.yaml:14:27: participant_profile question 1 'jabatan': a text question is not allowed "
        "here (allowed: integer)"
    ]


def test_every_problem_is_reported_in_file_order() -> None:
    text = BASE.replace("en: Date}", "}").replace("top: 5", "top: 0")
    text = text.replace("name: kebutuhan", "name: jumlah")
    found = problems(text)  # a schema problem does not stop the later passes
    assert [line.split(":")[1] for line in found] == ["12", "16", "17"], found
    found = problems(BASE.replace("en: Date}", "}").replace("name: kebutuhan", "name: jumlah"))
    assert [line.split(":")[1] for line in found] == ["12", "16"], found


def test_the_bundled_session_form_is_valid_and_linked_to_the_survey() -> None:
    session = parse_session_form(form_text("fgd-karier.yaml"))
    survey = parse_form(form_text("tna-asn.yaml"))
    assert session.kind == "focus_group" and session.spec.survey_form == survey.form_id
    assert 4 <= len(session.prompts) <= 6
    assert session.spec.ranking is not None and session.spec.ranking.top == 5
    assert session.spec.action_points
    survey_clusters = [c.value for c in survey.spec.choice_lists["klaster_opd"]]
    assert [c.value for c in session.spec.choice_lists["klaster_opd"]] == survey_clusters
    assert all(q.type == "integer" and q.min >= 0 for q in session.spec.participant_profile)


@pytest.mark.parametrize("forbidden", ["nip", "nama", "name", "email", "telepon", "phone"])
def test_the_bundled_session_form_never_asks_for_identities(forbidden: str) -> None:
    session = parse_session_form(form_text("fgd-karier.yaml"))
    assert not [name for name in session.questions if forbidden in name.lower()]
    labels = " ".join(str(q.label).lower() for q in session.questions.values())
    assert forbidden not in labels.split()


COUNTED = BASE.replace("survey_form: t\n", "survey_form: t\nparticipants: jumlah\n").replace(
    "max: 12}", "max: 12, required: true}"
)


def test_the_declared_count_sets_the_participants_present() -> None:
    session = parse_session_form(COUNTED)
    assert session.present({"jumlah": 3}) == 3
    assert session.participant_labels(3) == ["P1", "P2", "P3"]
    assert session.present({}) is None and len(session.participant_labels()) == 12
    assert session.present({"jumlah": 40}) == 12  # never more labels than max_participants
    assert parse_session_form(BASE).present({"jumlah": 3}) is None  # not declared


def test_an_undeclared_count_keeps_the_content_hash_of_older_files() -> None:
    spec = parse_session_form(BASE).spec
    assert "participants" not in spec.model_dump(mode="json")
    assert parse_session_form(COUNTED).spec.model_dump(mode="json")["participants"] == "jumlah"


def test_the_bundled_session_form_declares_its_participant_count() -> None:
    session = parse_session_form(form_text("fgd-karier.yaml"))
    assert session.spec.participants == "jumlah_peserta"
    assert session.participant_labels(session.present({"jumlah_peserta": 8}))[-1] == "P8"


def test_speakers_are_pseudonymous_labels() -> None:
    text = BASE.replace("survey_form: t\n", "survey_form: t\nmax_participants: 3\n")
    session = parse_session_form(text.replace("max: 12", "max: 3"))
    assert session.participant_labels() == ["P1", "P2", "P3"]


def test_the_details_form_reads_metadata_and_counts_like_a_survey_page() -> None:
    session = parse_session_form(form_text("fgd-karier.yaml"))
    details = session.details
    assert [s.name for s in details.sections] == ["metadata", "participant_profile"]
    assert details.content_hash == session.content_hash
    counts = {"jumlah_peserta": "8", "peserta_manajerial": "1", "peserta_fungsional": "3"}
    counts |= {"peserta_pelaksana": "3", "peserta_pns": "6", "peserta_pppk": "1"}
    counts |= {"peserta_cpns": "1"}
    raw = {name: [value] for name, value in counts.items()}
    result = read_section(details, details.sections[1], raw, {})
    assert [(e.question, e.kind) for e in result.errors] == [("peserta_pelaksana", "constraint")]
    raw["peserta_pelaksana"] = ["4"]
    assert read_section(details, details.sections[1], raw, {}).errors == []


def test_the_content_hash_ignores_layout_but_not_meaning() -> None:
    first = parse_session_form(BASE).content_hash
    same = parse_session_form("# a note\n" + BASE.replace("max: 12", "max: 12, min: 0"))
    assert same.content_hash == first  # comments and written-out defaults change nothing
    assert parse_session_form(BASE.replace("en: Needs", "en: Needed")).content_hash != first


def test_parse_any_dispatches_on_kind() -> None:
    assert isinstance(parse_any(form_text("tna-asn.yaml")), Form)
    assert isinstance(parse_any(form_text("fgd-karier.yaml")), SessionForm)
    survey = form_text("mini.yaml")
    assert "kind:" not in survey and isinstance(parse_any(survey), Form)
    explicit = parse_any(survey.replace("form_id: mini\n", "form_id: mini\nkind: survey\n"))
    assert isinstance(explicit, Form) and explicit.content_hash == parse_form(survey).content_hash
    with pytest.raises(QuestionnaireInvalid) as caught:
        parse_any(BASE.replace("kind: focus_group", "kind: fgd"))
    assert caught.value.format("f.yaml") == [
        "f.yaml:3:7: kind must be 'survey' or 'focus_group' (found 'fgd')"
    ]


def test_a_session_form_is_not_a_survey() -> None:
    with pytest.raises(QuestionnaireInvalid) as caught:
        parse_form(BASE)
    assert "f.yaml:3:7: kind must be 'survey' (found 'focus_group')" in caught.value.format(
        "f.yaml"
    )


def test_the_shipped_schema_covers_both_kinds() -> None:
    shipped = json.loads((ROOT / "questionnaires/schema/questionnaire.schema.json").read_text())
    assert shipped == json_schema(), "run: flask --app survey_app questionnaire schema"
    assert shipped["oneOf"] == [
        {"$ref": "#/$defs/FormSpec"},
        {"$ref": "#/$defs/SessionFormSpec"},
    ]
    for model in (FormSpec, SessionFormSpec):
        assert set(shipped["$defs"][model.__name__]["properties"]) == set(model.model_fields)
