"""CSV import of enrolments collected on paper: every row checked, all saved or none.

The columns are :data:`.enrolment.FIELDS` (``supervisor`` may be left out); the file
format is :mod:`survey_app.csvfile`'s. Several codes or availability slots in one cell
are separated by spaces, commas, semicolons or bars. Consent was given on the paper
form: each row records the notice version ``paper-YYYYMMDD`` (the import date).
See docs/mentoring.md, "Enrolment and import".
"""

from __future__ import annotations

import re

from .. import audit, csvfile
from ..clock import local_today
from ..csvfile import ImportFailed, RowError
from .enrolment import FIELDS, EnrolmentInput, check, competency_choices, enrol
from .enrolment_fields import OPDS
from .models import MentoringRound, Participant
from .notice import paper_version

REQUIRED = frozenset(FIELDS) - {"supervisor"}
SEPARATOR = re.compile(r"[\s,;|]+")
#: OPD names as written, whatever their case.
OPD_BY_NAME = {opd.casefold(): opd for opd in OPDS}

__all__ = ["ImportFailed", "RowError", "import_csv", "parse"]


def import_csv(round: MentoringRound, raw: bytes) -> list[Participant]:
    """Enrol every row of the file in ``round``, or raise :class:`ImportFailed` and
    enrol none."""
    entries, errors = parse(raw)
    codes = {code for code, _label in competency_choices("en")}
    errors += [
        RowError(row, column, message)
        for row, entry in entries
        for column, message in check(entry, codes).items()
    ]
    if errors:
        errors.sort(key=lambda error: (error.row, FIELDS.index(error.column)))
        raise ImportFailed(errors)
    version = paper_version(local_today())
    added = [enrol(round, entry, version) for _row, entry in entries]
    audit.record("mentoring.import", "mentoring_round", round.id, rows=len(added))
    return added


def parse(raw: bytes) -> tuple[list[tuple[int, EnrolmentInput]], list[RowError]]:
    """The file's rows as entries with their row numbers, and rows with extra cells."""
    entries: list[tuple[int, EnrolmentInput]] = []
    errors: list[RowError] = []
    for row, cells, error in csvfile.rows(raw, REQUIRED, FIELDS, "role"):
        entries.append((row, _entry(cells)))
        if error is not None:
            errors.append(error)
    return entries, errors


def _entry(cells: dict[str, str]) -> EnrolmentInput:
    return EnrolmentInput(
        role=cells["role"].lower(),
        name=cells["name"],
        contact=cells["contact"],
        opd=OPD_BY_NAME.get(cells["opd"].casefold(), cells["opd"]),
        position_type=cells["position_type"].lower(),
        grade_band=cells["grade_band"].upper(),
        service_band=cells["service_band"],
        codes=_split(cells["competencies"]),
        availability=_split(cells["availability"].lower()),
        supervisor=cells.get("supervisor", ""),
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in SEPARATOR.split(cell) if part)
