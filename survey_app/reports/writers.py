"""Thin writers that stream a :class:`~.responses.Table` to a file format.

Each writer takes the table (and the codebook when the format carries metadata), walks
its rows once, and returns the number of rows written. CSV, JSON Lines and XLSX keep
one row in memory at a time; SAV is in :mod:`.sav` (it cannot stream).
Spreadsheet formats neutralise formula injection; JSON and SAV keep values as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .codebook import LANGUAGES, Codebook, Entry, describe_values
from .responses import Cell, Table

#: A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters that XML 1.0, hence XLSX, cannot hold.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Rows per chunk of streamed text: about 100 KB for a survey of 70 columns.
CHUNK_ROWS = 250
#: Rows between two progress reports of a background export (each one a short UPDATE).
PROGRESS_ROWS = 5_000
CODEBOOK_HEADER = [
    *("variable", "spss_name", "type", "measure", "space_separated"),
    *(f"label_{language}" for language in LANGUAGES),
    *(f"value_labels_{language}" for language in LANGUAGES),
]


def safe_cell(value: Cell) -> Cell:
    """Neutralise spreadsheet formula injection in text; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(table: Table, out: IO[str]) -> int:
    """UTF-8 CSV with a byte-order mark (Excel opens it correctly); returns the row count."""
    counted = Counted(table.rows)
    out.writelines(csv_text(replace(table, rows=counted)))
    return counted.count


def csv_text(table: Table) -> Iterator[str]:
    """:func:`write_csv` as text chunks of :data:`CHUNK_ROWS` rows, BOM and header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([safe_cell(column) for column in table.columns])  # labels are text too
    for rows in chunks(table.rows):
        writer.writerows(["" if cell is None else safe_cell(cell) for cell in row] for row in rows)
        yield _drain(buffer)
    if buffer.tell():
        yield _drain(buffer)


def write_jsonl(table: Table, out: IO[str]) -> int:
    """JSON Lines: one flat object per response, ``{column: value}`` in column order.

    Keys are the column codes (as in the CSV), numbers stay numbers, an unanswered
    question is ``null``: ``pandas.read_json(path, lines=True)`` gives the CSV's table.
    """
    counted = Counted(table.rows)
    out.writelines(jsonl_text(replace(table, rows=counted)))
    return counted.count


def jsonl_text(table: Table) -> Iterator[str]:
    """:func:`write_jsonl` as text chunks of :data:`CHUNK_ROWS` lines."""
    columns = table.columns
    for rows in chunks(table.rows):
        yield "".join(
            json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n"
            for row in rows
        )


def chunks(rows: Iterator[list[Cell]], size: int | None = None) -> Iterator[list[list[Cell]]]:
    """Rows in lists of ``size`` (default :data:`CHUNK_ROWS`): few, mid-sized writes."""
    while batch := list(islice(rows, size or CHUNK_ROWS)):
        yield batch


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def reporting(rows: Iterator[list[Cell]], progress: Callable[[int], None]) -> Iterator[list[Cell]]:
    """Rows passed through unchanged; ``progress(n)`` every :data:`PROGRESS_ROWS` rows and at
    the end."""
    count, every = 0, PROGRESS_ROWS
    for row in rows:
        yield row
        count += 1
        if count % every == 0:
            progress(count)
    progress(count)


class Counted(Iterator[list[Cell]]):
    """Rows passed through unchanged, counted (writers return how many they wrote)."""

    def __init__(self, rows: Iterator[list[Cell]]) -> None:
        self.rows, self.count = rows, 0

    def __next__(self) -> list[Cell]:
        row = next(self.rows)
        self.count += 1
        return row


def write_xlsx(
    table: Table,
    codebook: Codebook,
    path: Path,
    extra: Callable[[], Sequence[tuple[str, list[list[Any]]]]] | None = None,
) -> int:
    """A ``responses`` sheet streamed row by row, then a ``codebook`` sheet, then the
    ``extra`` sheets (name, rows), asked for once the rows are written (a risk report).

    openpyxl's write-only mode writes each row out as it comes (strings inline, no
    shared-string table), so memory stays flat. Dates are real dates.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("responses")
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_text(header) for header in table.columns])
    convert = [_xlsx_converter(entry) for entry in codebook.entries]
    count = 0
    for row in table.rows:
        sheet.append([to_cell(cell) for to_cell, cell in zip(convert, row, strict=True)])
        count += 1
    _codebook_sheet(workbook.create_sheet("codebook"), codebook)
    for name, rows in extra() if extra else ():
        sheet = workbook.create_sheet(name)
        for cells in rows:
            sheet.append([xlsx_text(cell) for cell in cells])
    workbook.save(path)
    return count


def _xlsx_converter(entry: Entry) -> Callable[[Cell], object]:
    return _date if entry.type == "date" else xlsx_text


def _date(cell: Cell) -> dt.date | None:
    return None if cell is None else dt.date.fromisoformat(str(cell))


def xlsx_text(cell: Cell) -> Cell:
    return safe_cell(_NOT_XML.sub("", cell)) if isinstance(cell, str) else cell


def _codebook_sheet(sheet: Any, codebook: Codebook) -> None:
    sheet.append(CODEBOOK_HEADER)
    for entry in codebook.entries:
        cells: list[Cell] = [entry.variable, entry.spss_name, entry.type, entry.measure]
        cells += [entry.space_separated, *(entry.label[language] for language in LANGUAGES)]
        cells += [describe_values(entry, language) for language in LANGUAGES]
        sheet.append([xlsx_text(cell) for cell in cells])
