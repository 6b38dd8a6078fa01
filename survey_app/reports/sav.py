"""SPSS ``.sav`` with variable labels, value labels and measurement levels (pyreadstat).

Not streamed: pyreadstat writes only a whole DataFrame (the file's header holds the
number of cases and each string's width, known only at the end), and it has no way to
append. The table is therefore gathered column by column, as compactly as Python
allows: numbers in ``array('d')`` buffers (8 bytes a cell, handed to pandas without a
copy), repeated strings and dates shared (a code such as ``pns`` is stored once per
column, not once per response). Memory still grows with the number of responses, about
0.6 KB per response for a 72-column survey (docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .codebook import Codebook, Entry
from .responses import Cell, Table
from .writers import chunks

#: Rows transposed into columns at a time.
BATCH = 5_000


def write_sav(
    table: Table,
    codebook: Codebook,
    path: Path,
    language: str,
    notes: Callable[[], list[str]] | None = None,
) -> int:
    """Write ``table`` as ``path``; variables are named ``Entry.spss_name``. ``notes``
    (asked for once the rows are read: a risk report) become the file's document."""
    import pyreadstat

    frame = _frame(table, codebook)
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
        note=notes() if notes else None,
    )
    return len(frame)


class _Numbers:
    def __init__(self) -> None:
        self.values = array("d")

    def extend(self, cells: tuple[Cell, ...]) -> None:
        self.values.extend(math.nan if cell is None else float(cell) for cell in cells)

    def column(self) -> Any:
        import numpy as np

        return np.frombuffer(self.values, dtype=np.float64)


class _Shared:
    """Strings (``""`` when unanswered) or dates, each distinct value kept once."""

    def __init__(self, convert: Any) -> None:
        self.values: list[Any] = []
        self.seen: dict[Cell, Any] = {}
        self.convert = convert

    def extend(self, cells: tuple[Cell, ...]) -> None:
        seen, convert = self.seen, self.convert
        self.values.extend(
            seen[cell] if cell in seen else seen.setdefault(cell, convert(cell)) for cell in cells
        )
        if len(seen) > 10_000:  # unique values (ids, free text): sharing saves nothing
            seen.clear()

    def column(self) -> Any:
        return self.values


def _date(cell: Cell) -> dt.date | None:
    return None if cell is None else dt.date.fromisoformat(str(cell))


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell)


def _builder(entry: Entry) -> _Numbers | _Shared:
    if entry.type == "numeric":
        return _Numbers()
    return _Shared(_date if entry.type == "date" else _text)


def _frame(table: Table, codebook: Codebook) -> Any:
    import pandas as pd

    builders = [_builder(entry) for entry in codebook.entries]
    for rows in chunks(table.rows, BATCH):
        for builder, cells in zip(builders, zip(*rows, strict=True), strict=True):
            builder.extend(cells)
    series = [
        pd.Series(builder.column(), name=entry.spss_name, copy=False)
        for entry, builder in zip(codebook.entries, builders, strict=True)
    ]
    return pd.concat(series, axis=1) if series else pd.DataFrame()
