"""The export of a round's pairs and JP for BKPSDM's records (CSV, XLSX).

Named by design: this is the mentoring programme's named area, and the file exists to
put each person's credited JP into their personnel record. One row per person and pair
(accepted or dissolved after acceptance); a withdrawn person has no row left, and their
partner's row says "withdrawn". The rows are built once; two thin writers format them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook

from .models import MentoringRound, Pair, Participant, ParticipantRole
from .pairs import round_pairs
from .statements import CREDITED, pair_credit

Row = tuple[Any, ...]


def columns() -> tuple[str, ...]:
    return (
        _("Round"),
        _("Pair"),
        _("Pair status"),
        _("Role"),
        _("Name"),
        _("OPD"),
        _("Partner"),
        _("Partner's OPD"),
        _("Accepted on"),
        _("Sessions logged"),
        _("Sessions credited"),
        _("JP credited"),
    )


def rows(round_: MentoringRound) -> Iterator[Row]:
    for pair in round_pairs(round_, CREDITED):
        statement = pair_credit(pair, round_)
        credited = sum(m.credited_sessions for m in statement.months)
        common = (statement.total_sessions, credited, statement.total_jp)
        for person, partner in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
            if person is not None:
                yield (
                    round_.slug,
                    pair.id,
                    _status(pair),
                    *_people(person, partner),
                    _day(pair),
                    *common,
                )


def _people(person: Participant, partner: Participant | None) -> tuple[str, ...]:
    role = str(_("Mentor") if person.role == ParticipantRole.MENTOR else _("Mentee"))
    if partner is None:
        return role, person.name, person.opd, str(_("(withdrawn)")), ""
    return role, person.name, person.opd, partner.name, partner.opd


def _status(pair: Pair) -> str:
    return str(_("accepted") if pair.status == "accepted" else _("dissolved"))


def _day(pair: Pair) -> str:
    return pair.accepted_at.date().isoformat() if pair.accepted_at else ""


def csv_bytes(round_: MentoringRound) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows the names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns())
    writer.writerows(rows(round_))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(round_: MentoringRound) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="JP")
    sheet.append(list(columns()))
    for row in rows(round_):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
