"""Thin writers that stream a :class:`~.responses.Table` to a file format."""

from __future__ import annotations

import csv
from typing import IO

from .responses import Cell, Table

#: A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
