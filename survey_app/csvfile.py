"""Reading the CSV files staff upload: UTF-8 with or without a byte-order mark, the
semicolon (what Excel writes in an Indonesian locale) or the comma, whichever the header
line uses. Rows are numbered as a spreadsheet shows them: the header is row 1.

The importers (training activities, mentoring enrolments) check the cells and save all
rows or none; this module only reads and reports where a file is wrong.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

#: The key of the cells beyond the header's columns (``csv.DictReader``'s ``restkey``).
EXTRA = "\x00extra"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        text = _(
            "row %(row)d, column %(column)s: %(message)s",
            row=self.row,
            column=self.column,
            message=self.message,
        )
        return str(text)


class ImportFailed(ValueError):
    """The file is refused; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("The file is not UTF-8 text (byte %(at)d).", at=exc.start)
        raise ImportFailed([RowError(1, "-", message)]) from exc


def delimiter(raw: bytes) -> str:
    header = raw.split(b"\n", 1)[0]
    return ";" if header.count(b";") >= header.count(b",") else ","


def check_header(names: Sequence[str], required: Iterable[str], known: Iterable[str]) -> None:
    """Raise :class:`ImportFailed` for missing or unknown columns (case-insensitive)."""
    found = {name.strip().lower() for name in names if name}
    errors = [RowError(1, name, _("Missing column.")) for name in sorted(set(required) - found)]
    errors += [RowError(1, name, _("Unknown column.")) for name in sorted(found - set(known))]
    if errors:
        raise ImportFailed(errors)


def reader(raw: bytes) -> csv.DictReader[str]:
    """A dict reader of the file; cells beyond the header go under :data:`EXTRA`."""
    return csv.DictReader(io.StringIO(text(raw)), delimiter=delimiter(raw), restkey=EXTRA)


def rows(
    raw: bytes, required: Iterable[str], known: Iterable[str], first: str
) -> Iterator[tuple[int, dict[str, str], RowError | None]]:
    """(row number, cells by lower-cased column, an error for extra cells reported on
    column ``first``) for each non-empty row, after the header is checked."""
    found = reader(raw)
    check_header(found.fieldnames or [], required, known)
    for raw_cells in found:
        extra = raw_cells.pop(EXTRA, None)
        error = RowError(found.line_num, first, _("More cells than columns.")) if extra else None
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in raw_cells.items()}
        if any(cells.values()) or error:
            yield found.line_num, cells, error
