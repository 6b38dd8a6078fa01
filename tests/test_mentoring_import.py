"""CSV import of paper enrolments: all rows or none, errors by row and column, `;` or
`,`, with or without a byte-order mark; consent recorded as given on paper."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from survey_app.clock import local_today
from survey_app.extensions import db
from survey_app.mentoring.csvimport import ImportFailed, import_csv
from survey_app.mentoring.models import Participant, ParticipantRole

from .mentoring_round_helpers import make_round
from .respondent import Respondent

__all__ = ["make_round"]

HEADER = (
    "role;name;contact;opd;position_type;grade_band;service_band;competencies;availability;"
    "supervisor"
)
GOOD = [
    "mentor;Hotma Sitompul;hotma@x.id;Dinas Kesehatan;fungsional;IV;26+;M.1 T.1;"
    "mon_am tue_pm online;",
    "mentee;Putri Siregar;0812 3456 789;bkpsdm;Pelaksana;iii;0-5;M.1;wed_am|in_person;"
    "Hotma Sitompul",
]


def csv_bytes(*rows: str, header: str = HEADER, sep: str = ";", bom: bool = False) -> bytes:
    text = "\n".join(line.replace(";", sep) for line in (header, *rows)) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode()


@pytest.fixture
def english(app):
    """Messages in English, as in a request with ``?lang=en``."""
    with app.test_request_context("/?lang=en"):
        yield


def stored() -> list[Participant]:
    return list(db.session.scalars(sa.select(Participant).order_by(Participant.id)))


@pytest.mark.parametrize(("sep", "bom"), [(";", False), (",", True)])
def test_good_rows_are_enrolled_with_paper_consent(make_round, english, sep, bom):
    round = make_round()
    added = import_csv(round, csv_bytes(*GOOD, sep=sep, bom=bom))
    db.session.commit()
    assert [p.name for p in added] == ["Hotma Sitompul", "Putri Siregar"]
    mentor, mentee = stored()
    assert mentor.role is ParticipantRole.MENTOR and mentor.competency_codes == ["M.1", "T.1"]
    assert mentor.availability == ["mon_am", "tue_pm", "online"]
    assert (mentee.opd, mentee.position_type, mentee.grade_band) == ("BKPSDM", "pelaksana", "III")
    assert mentee.supervisor_name == "Hotma Sitompul"
    assert mentee.notice_version == f"paper-{local_today():%Y%m%d}"


def test_one_bad_row_imports_nothing_and_every_error_names_row_and_column(make_round, english):
    round = make_round()
    bad = "mentee;;x@x.id;Dinas Bulan;pelaksana;V;0-5;X.9;online;"
    with pytest.raises(ImportFailed) as failed:
        import_csv(round, csv_bytes(GOOD[0], bad, GOOD[1]))
    found = {(e.row, e.column) for e in failed.value.errors}
    assert found == {
        (3, "name"),
        (3, "opd"),
        (3, "grade_band"),
        (3, "competencies"),
        (3, "availability"),
    }
    assert "row 3, column opd" in str(failed.value)
    assert stored() == []


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (csv_bytes(*GOOD, header=HEADER.replace(";opd", "")), (1, "opd")),
        (csv_bytes(*GOOD, header=HEADER + ";nip"), (1, "nip")),
        (csv_bytes(GOOD[0] + ";extra"), (2, "role")),
        (HEADER.encode() + b"\n\xff\xfe", (1, "-")),
    ],
)
def test_a_wrong_file_is_refused_whole(make_round, english, raw, where):
    with pytest.raises(ImportFailed) as failed:
        import_csv(make_round(), raw)
    assert where in {(e.row, e.column) for e in failed.value.errors}
    assert stored() == []


def test_the_upload_page_imports_or_lists_the_errors(make_user, login, make_round):
    make_round()
    make_user("k@medan.go.id", "coordinator")
    from flask import current_app

    staff: Respondent = login(current_app.test_client(), "k@medan.go.id")
    staff.get("/staff/mentoring/r1")
    bad = csv_bytes("mentee;Andi;a@x.id;BKPSDM;pelaksana;III;0-5;M.1;;")
    response = staff.client.post(
        "/staff/mentoring/r1/import?lang=en",
        data={"csrf_token": staff.csrf, "file": (io.BytesIO(bad), "e.csv")},
    )
    assert response.status_code == 422
    assert "row 2, column availability" in response.get_data(as_text=True)
    assert stored() == []
    staff.get("/staff/mentoring/r1")
    response = staff.client.post(
        "/staff/mentoring/r1/import",
        data={"csrf_token": staff.csrf, "file": (io.BytesIO(csv_bytes(*GOOD)), "e.csv")},
    )
    assert response.status_code == 302
    assert len(stored()) == 2


def test_the_command_imports_all_or_nothing(runner, make_round, tmp_path):
    make_round()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(GOOD[0], "mentee;;;;;;;;;"))
    result = runner.invoke(args=["mentoring", "import", "r1", str(bad)])
    assert result.exit_code != 0 and "nothing imported" in result.output
    assert stored() == []
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(*GOOD))
    result = runner.invoke(args=["mentoring", "import", "r1", str(good)])
    assert result.exit_code == 0 and "imported 2 enrolments" in result.output
    assert len(stored()) == 2
