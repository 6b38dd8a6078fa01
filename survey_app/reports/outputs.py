"""Every export as an :class:`Output`: what the command line writes and the web sends.

A text format (CSV, JSON, JSON Lines) is an iterator of text chunks, produced as the
rows are read: the web streams it, the command line writes it. XLSX and SAV are ZIP and
binary files that cannot be sent before they are complete, so they are a ``build``
function writing a file (XLSX itself stays flat in memory; SAV does not, see writers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..campaigns.models import Campaign
from ..versions.service import form_of
from . import fgd_export
from .codebook import build_codebook
from .priority_export import priority_export
from .release import release
from .responses import response_table
from .sav import write_sav
from .workbook import write_workbook
from .writers import Counted, csv_text, jsonl_text, reporting, write_xlsx

T = TypeVar("T")

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
}


@dataclass(frozen=True)
class Output:
    filename: str
    #: Text chunks in order (csv, json), or ``None`` when ``build`` writes the file.
    text: Iterator[str] | None = None
    #: Writes the whole file at the given path and returns the number of rows.
    build: Callable[[Path], int] | None = None
    #: Counts the rows as ``text`` is consumed.
    counted: Counted | None = None
    #: The risk report (JSON) of a response export, complete once ``text`` is consumed:
    #: the command line writes it next to the file as ``FILE.risk.json``.
    sidecar: Callable[[], str] | None = None

    @property
    def mimetype(self) -> str:
        return MIMETYPES[self.filename.rpartition(".")[2]]


def responses_output(
    campaign: Campaign,
    fmt: str,
    labels: bool,
    language: str | None,
    progress: Callable[[int], None] | None = None,
    unprotected_reason: str | None = None,
) -> Output:
    """One row per response; raises ``ExportRefused`` below the minimum cell size.

    ``progress`` is called with the rows read so far, every few thousand rows. The rows
    are protected (:mod:`.release`) unless an ``unprotected_reason`` is given.
    """
    form = form_of(campaign.version)
    table, codebook = response_table(campaign, form), build_codebook(form)
    language = language or form.spec.default_language
    released = release(campaign, form, table, codebook, language, unprotected_reason)
    table, codebook = released.table, released.codebook
    if progress is not None:
        table = replace(table, rows=reporting(table.rows, progress))
    if labels:
        table = replace(table, columns=codebook.headers(language))
    name = f"{campaign.slug}-responses" + ("-unprotected" if unprotected_reason is not None else "")
    if fmt == "xlsx":
        return Output(
            f"{name}.xlsx", build=partial(write_xlsx, table, codebook, extra=released.sheets)
        )
    if fmt == "sav":
        notes = partial(released.notes, language)
        return Output(
            f"{name}.sav", build=lambda path: write_sav(table, codebook, path, language, notes)
        )
    counted = Counted(table.rows)
    table = replace(table, rows=counted)
    text, ext = (csv_text(table), "csv") if fmt == "csv" else (jsonl_text(table), "jsonl")
    return Output(f"{name}.{ext}", text, counted=counted, sidecar=released.sidecar)


def priorities_output(campaign: Campaign, fmt: str, group: str | None, language: str) -> Output:
    """Raises ``ExportRefused`` below the minimum cell size, ``UnknownGroup``."""
    export = priority_export(campaign, group, language)
    name = f"{campaign.slug}-priorities" + (f"-{group}" if group else "")
    if fmt == "xlsx":
        return Output(f"{name}.xlsx", build=partial(write_workbook, export.sheets()))
    if fmt == "json":
        return Output(f"{name}.json", iter([export.json_text()]))
    table = export.table()
    counted = Counted(table.rows)
    return Output(f"{name}.csv", csv_text(replace(table, rows=counted)), counted=counted)


def fgd_output(campaign: Campaign, fmt: str, language: str) -> Output:
    export = fgd_export.fgd_export(campaign, language)
    name = f"{campaign.slug}-fgd"
    if fmt == "xlsx":
        return Output(
            f"{name}.xlsx", build=lambda path: write_workbook(fgd_export.sheets(export), path)
        )
    return Output(f"{name}.json", fgd_export.json_text(export))


class CannotWrite(Exception):
    """The file could not be written; the message names it and says why."""


def write_output(output: Output, out: Path) -> int | None:
    """Write ``output`` to ``out``; returns the rows written, when the format counts them."""
    return write_atomically(out, partial(_write, output))


def write_atomically(out: Path, write: Callable[[Path], T]) -> T:
    """Write next to ``out`` and rename: a failed export leaves no partial file.

    The folder is checked first, so a long export does not fail only at its end.
    """
    if not out.parent.is_dir():
        raise CannotWrite(f"cannot write {out}: there is no folder {out.parent}")
    if not os.access(out.parent, os.W_OK):
        raise CannotWrite(f"cannot write {out}: the folder {out.parent} is not writable")
    partial_path = out.with_name(f".{out.name}.partial")
    try:
        result = write(partial_path)
        os.replace(partial_path, out)
    except OSError as exc:
        raise CannotWrite(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        partial_path.unlink(missing_ok=True)
    return result


def _write(output: Output, path: Path) -> int | None:
    if output.build is not None:
        return output.build(path)
    assert output.text is not None
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(output.text)
    return output.counted.count if output.counted else None
