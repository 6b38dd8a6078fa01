"""Checking (and loading) several files in one go, as ``questionnaire validate|load`` do.

The files are planned in load order (surveys before the session forms that name them)
against one :class:`Catalogue`, so checking a batch and loading it agree file by file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from ..extensions import db
from ..questionnaire import QuestionnaireInvalid
from ..questionnaire.yaml_subset import MAX_FILE_BYTES
from .catalogue import Catalogue, Plan
from .models import QuestionnaireVersion
from .operations import record_load
from .service import is_session_form


@dataclass(frozen=True)
class Checked:
    """One file: what loading it does (``plan``), or every problem as ``PATH:LINE:COL``."""

    path: Path
    plan: Plan | None
    problems: list[str]


def check_files(
    paths: Sequence[Path],
    catalogue: Catalogue,
    *,
    write: bool,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> list[Checked]:
    """Plan every file (surveys first), storing each accepted one when ``write`` (flushes).

    The result is in the order of ``paths``. The caller commits or rolls back.
    """
    texts = [_read(path) for path in paths]
    order = sorted(range(len(paths)), key=lambda i: is_session_form(texts[i] or ""))
    checked: dict[int, Checked] = {}
    for index in order:
        checked[index] = _check(paths[index], texts[index], catalogue, write, max_bytes)
    return [checked[index] for index in range(len(paths))]


def _check(
    path: Path, text: str | None, catalogue: Catalogue, write: bool, max_bytes: int | None
) -> Checked:
    if text is None:
        return Checked(path, None, [f"{path}:1:1: the file is not UTF-8 text"])
    try:
        plan = catalogue.plan(text, path.name, max_bytes)
    except QuestionnaireInvalid as exc:
        return Checked(path, None, exc.format(str(path)))
    if (version := catalogue.accept(plan, write=write)) is not None and write and plan.created:
        record_load(version)
    return Checked(path, plan, [])


def _read(path: Path) -> str | None:
    """The file's text as the upload page reads it (UTF-8, a BOM allowed); None if not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def store_ready() -> bool:
    """Whether the database holds the questionnaire tables (``flask db upgrade`` was run)."""
    try:
        return sa.inspect(db.engine).has_table(QuestionnaireVersion.__tablename__)
    except sa.exc.SQLAlchemyError:
        return False


def outcome(plan: Plan, *, dry_run: bool) -> str:
    """``loaded as tna-asn v4 (2026.2, 1a2b3c4d5e6f)`` and its dry-run and unchanged forms."""
    version = f"{plan.form.form_id} v{plan.number} ({plan.label}, {plan.form.content_hash[:12]})"
    if plan.created:
        return f"ok, would be stored as {version}" if dry_run else f"loaded as {version}"
    return f"ok, unchanged: already {version}" if dry_run else f"unchanged, already {version}"
