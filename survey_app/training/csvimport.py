"""CSV import of training activities: every row checked, all saved or none.

UTF-8 with or without a byte-order mark; the delimiter is the semicolon (what Excel
writes in an Indonesian locale) or the comma, whichever the header line uses. Rows are
numbered as a spreadsheet shows them: the header is row 1. See docs/training.md.
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import gettext as _

from .. import csvfile
from ..csvfile import EXTRA, ImportFailed, RowError
from .models import TrainingActivity
from .service import FIELDS, ActivityInput, check, create_activity, known_codes

REQUIRED = frozenset(FIELDS) - {"campaign"}
#: Competency codes in one cell: separated by spaces, commas, semicolons or bars.
CODE_SEPARATOR = re.compile(r"[\s,;|]+")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")

__all__ = ["ImportFailed", "RowError", "import_csv", "parse"]


def import_csv(raw: bytes) -> list[TrainingActivity]:
    """Add every activity of the file, or raise :class:`ImportFailed` and add none."""
    entries, errors = parse(raw)
    codes = known_codes()
    unreadable = {(error.row, error.column) for error in errors}
    errors += [
        RowError(row, column, message)
        for row, entry in entries
        for column, message in check(entry, codes).items()
        if (row, column) not in unreadable
    ]
    if errors:
        errors.sort(key=lambda error: (error.row, FIELDS.index(error.column)))
        raise ImportFailed(errors)
    return [create_activity(entry, codes) for _row, entry in entries]


def parse(raw: bytes) -> tuple[list[tuple[int, ActivityInput]], list[RowError]]:
    """The file's rows as entries with their row numbers, and the cells that are not a
    date or a whole number; the rest is checked by :func:`.service.check`."""
    reader = csvfile.reader(raw)
    csvfile.check_header(reader.fieldnames or [], REQUIRED, FIELDS)
    entries: list[tuple[int, ActivityInput]] = []
    errors: list[RowError] = []
    for cells in reader:
        extra = cells.pop(EXTRA, None)
        if extra:
            errors.append(RowError(reader.line_num, "title", _("More cells than columns.")))
        if any((value or "").strip() for value in cells.values()):
            entry, cell_errors = _entry(reader.line_num, cells)
            entries.append((reader.line_num, entry))
            errors.extend(cell_errors)
    return entries, errors


def _entry(row: int, raw_cells: dict[str, str | None]) -> tuple[ActivityInput, list[RowError]]:
    cells = {(k or "").strip().lower(): (v or "").strip() for k, v in raw_cells.items()}
    errors: list[RowError] = []
    starts_on = _date(cells["start"], row, "start", errors)
    ends_on = _date(cells["end"], row, "end", errors)
    jp = _integer(cells["jp"], row, "jp", errors)
    participants = _integer(cells["participants"], row, "participants", errors)
    entry = ActivityInput(
        title=cells["title"],
        provider=cells["provider"],
        form=cells["form"].lower(),
        codes=tuple(code for code in CODE_SEPARATOR.split(cells["competencies"]) if code),
        starts_on=starts_on,
        ends_on=ends_on,
        jp=jp,
        participants=participants,
        campaign=cells.get("campaign", ""),
    )
    return entry, errors


def _date(text: str, row: int, column: str, errors: list[RowError]) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if text:
        errors.append(RowError(row, column, _("Not a date (YYYY-MM-DD or DD/MM/YYYY).")))
    return None


def _integer(text: str, row: int, column: str, errors: list[RowError]) -> int | None:
    if not text:
        return None
    if re.fullmatch(r"-?\d{1,9}", text):
        return int(text)
    errors.append(RowError(row, column, _("Not a whole number.")))
    return None
