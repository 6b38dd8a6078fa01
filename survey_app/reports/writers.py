"""Thin writers that stream a :class:`~.responses.Table` to a file format.

Each writer takes the table (and the codebook when the format carries metadata), walks
its rows once, and returns the number of rows written. CSV, JSON Lines and XLSX keep
one row in memory at a time; SAV cannot stream (pyreadstat writes a whole DataFrame).
Spreadsheet formats neutralise formula injection; JSON and SAV keep values as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from .codebook import LANGUAGES, Codebook, Entry, describe_values
from .responses import Cell, Table

#: A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters that XML 1.0, hence XLSX, cannot hold.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
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
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(table.columns)
    count = 0
    for row in table.rows:
        writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
        count += 1
    return count


def write_jsonl(table: Table, out: IO[str]) -> int:
    """JSON Lines: one flat object per response, ``{column: value}`` in column order.

    Keys are the column codes (as in the CSV), numbers stay numbers, an unanswered
    question is ``null``: ``pandas.read_json(path, lines=True)`` gives the CSV's table.
    """
    count = 0
    for row in table.rows:
        record = dict(zip(table.columns, row, strict=True))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_xlsx(table: Table, codebook: Codebook, path: Path) -> int:
    """A ``responses`` sheet streamed row by row, then a ``codebook`` sheet.

    openpyxl's write-only mode writes each row out as it comes (strings inline, no
    shared-string table), so memory stays flat. Dates are real dates.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("responses")
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_text(header) for header in table.columns])
    convert = [_xlsx_converter(entry) for entry in codebook.entries]
    count = 0
    for row in table.rows:
        sheet.append([to_cell(cell) for to_cell, cell in zip(convert, row, strict=True)])
        count += 1
    _codebook_sheet(workbook.create_sheet("codebook"), codebook)
    workbook.save(path)
    return count


def _xlsx_converter(entry: Entry) -> Callable[[Cell], object]:
    return _date if entry.type == "date" else _xlsx_text


def _date(cell: Cell) -> dt.date | None:
    return None if cell is None else dt.date.fromisoformat(str(cell))


def _xlsx_text(cell: Cell) -> Cell:
    return safe_cell(_NOT_XML.sub("", cell)) if isinstance(cell, str) else cell


def _codebook_sheet(sheet: Any, codebook: Codebook) -> None:
    sheet.append(CODEBOOK_HEADER)
    for entry in codebook.entries:
        cells: list[Cell] = [entry.variable, entry.spss_name, entry.type, entry.measure]
        cells += [entry.space_separated, *(entry.label[language] for language in LANGUAGES)]
        cells += [describe_values(entry, language) for language in LANGUAGES]
        sheet.append([_xlsx_text(cell) for cell in cells])


def write_sav(table: Table, codebook: Codebook, path: Path, language: str) -> int:
    """An SPSS file with variable labels, value labels and measurement levels.

    Variables are named ``Entry.spss_name`` (the codebook maps them to the columns).
    Not streamed: pyreadstat needs the whole table as a pandas DataFrame, so memory
    grows with the number of responses.
    """
    import pyreadstat

    frame = _sav_frame(table, codebook)
    value_labels: dict[str, Any] = {  # codes are strings or numbers, as the column
        e.spss_name: e.value_labels(language)
        for e in codebook.entries
        if e.values and not e.space_separated
    }
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={e.spss_name: e.label[language] for e in codebook.entries},
        variable_value_labels=value_labels,
        variable_measure={e.spss_name: e.measure for e in codebook.entries},
    )
    return len(frame)


def _sav_frame(table: Table, codebook: Codebook) -> Any:
    import pandas as pd

    columns: list[list[Cell]] = [[] for _ in codebook.entries]
    for row in table.rows:
        for values, cell in zip(columns, row, strict=True):
            values.append(cell)
    return pd.DataFrame(
        {
            entry.spss_name: pd.Series(_sav_values(entry, values), dtype=_SAV_DTYPES[entry.type])
            for entry, values in zip(codebook.entries, columns, strict=True)
        }
    )


_SAV_DTYPES = {"numeric": "float64", "date": object, "string": object}


def _sav_values(entry: Entry, values: list[Cell]) -> list[Any]:
    if entry.type == "date":
        return [_date(value) for value in values]
    if entry.type == "string":
        return ["" if value is None else str(value) for value in values]
    return values
