"""Workbooks of several plain sheets (priorities, focus groups), streamed row by row.

openpyxl's write-only mode keeps one row in memory at a time. Every text cell goes
through :func:`~.writers.xlsx_text`: characters XML cannot hold are dropped and a text
starting ``= + - @`` tab or CR gets a leading apostrophe, so no cell runs as a formula.
Lists become text (``"a; b"``), booleans stay booleans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .responses import Cell
from .writers import xlsx_text


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]


def write_workbook(sheets: Iterable[Sheet], path: Path) -> int:
    """One worksheet per :class:`Sheet`, header row frozen; returns the rows written."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    count = 0
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.freeze_panes = "A2"
        worksheet.append([xlsx_text(column) for column in sheet.columns])
        for row in sheet.rows:
            worksheet.append([spreadsheet_cell(value) for value in row])
            count += 1
    workbook.save(path)
    return count


def spreadsheet_cell(value: Any) -> Cell | bool:
    """A value as a safe spreadsheet cell (see the module docstring)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return xlsx_text("; ".join(str(item) for item in value))
    if isinstance(value, int | float):
        return value
    return xlsx_text(str(value))
