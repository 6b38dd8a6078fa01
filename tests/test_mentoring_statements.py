"""JP statements and the export of pairs and JP: the round's conversion and monthly cap."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from survey_app.extensions import db

from .mentoring_pairs_helpers import accepted_pair, coordinator, link, make_round, person, session
from .respondent import Respondent

#: Three sessions in February (cap 2 -> 2 credited), one in March: 3 credited x 3 JP = 9.
DAYS = [dt.date(2026, 2, 2), dt.date(2026, 2, 9), dt.date(2026, 2, 16), dt.date(2026, 3, 2)]


@pytest.fixture
def credited(app):
    round_ = make_round(jp_per_session=3, max_sessions_per_month=2)
    mentor = person(round_, "mentor", "Budi Santoso")
    ani, eka = person(round_, "mentee", "Ani Lestari"), person(round_, "mentee", "Eka Putri")
    first, second = accepted_pair(round_, mentor, ani), accepted_pair(round_, mentor, eka)
    for day in DAYS:
        session(first, day)
    session(second, dt.date(2026, 2, 20))
    url = link(ani)
    db.session.commit()
    return round_, mentor, ani, url


@pytest.fixture
def staff(make_user, login, app):
    return coordinator(make_user, login, app)


def test_the_personal_statement_applies_the_monthly_cap(client, credited):
    *_, url = credited
    body = Respondent(client).get(f"{url}/statement?lang=en").get_data(as_text=True)
    assert re.search(r'id="total-jp">9<', body)
    rows = re.findall(
        r"<tr><td>(\d{4}-\d{2})</td>" + r'<td class="num">(\d+)</td>' * 3 + "</tr>",
        body,
    )
    assert rows == [("2026-02", "3", "2", "6"), ("2026-03", "1", "1", "3")]
    assert "3 JP per session, for at most 2 sessions" in body


def test_a_mentor_earns_in_each_pair(staff, credited):
    _round, mentor, *_ = credited
    body = staff.get(f"/staff/mentoring/r1/participants/{mentor.id}/statement").get_data(
        as_text=True
    )
    assert re.search(r'id="total-jp">12<', body)  # 9 with Ani, 3 with Eka


@pytest.mark.slow
def test_statements_are_pdfs(staff, client, credited):
    _round, mentor, _ani, url = credited
    for response in (
        staff.client.get(f"/staff/mentoring/r1/participants/{mentor.id}/statement?format=pdf"),
        client.get(f"{url}/statement?format=pdf"),
    ):
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert (
            response.data.startswith(b"%PDF")
            and "attachment" in response.headers["Content-Disposition"]
        )


def _csv_rows(staff) -> list[list[str]]:
    response = staff.get("/staff/mentoring/r1/overview/export?format=csv&lang=en")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_csv_export_has_a_row_per_person_and_pair(staff, credited):
    header, *rows = _csv_rows(staff)
    assert header[4:6] == ["Name", "OPD"] and header[-1] == "JP credited"
    jp = {(row[4], row[6]): (int(row[-3]), int(row[-2]), int(row[-1])) for row in rows}
    assert jp == {
        ("Budi Santoso", "Ani Lestari"): (4, 3, 9),
        ("Ani Lestari", "Budi Santoso"): (4, 3, 9),
        ("Budi Santoso", "Eka Putri"): (1, 1, 3),
        ("Eka Putri", "Budi Santoso"): (1, 1, 3),
    }


def test_the_xlsx_export_matches_the_csv(staff, credited):
    response = staff.client.get("/staff/mentoring/r1/overview/export?format=xlsx&lang=en")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
    values = [
        [("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values == _csv_rows(staff)


def test_exports_are_audited_and_unknown_formats_refused(staff, credited):
    from sqlalchemy import select

    from survey_app.audit import AuditEvent

    staff.get("/staff/mentoring/r1/overview/export?format=csv")
    assert staff.get("/staff/mentoring/r1/overview/export?format=sav").status_code == 400
    assert staff.get("/staff/mentoring/r1/participants/1/statement?format=doc").status_code == 400
    actions = list(db.session.scalars(select(AuditEvent.action)))
    assert actions.count("mentoring.export") == 1
