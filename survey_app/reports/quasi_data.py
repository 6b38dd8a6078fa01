"""A campaign's quasi-identifiers as one integer matrix, read in one streamed pass.

The report groups come from ``Response.group_codes`` (a few packed bytes per response)
and the date from ``submitted_on``; the answers' JSON is read only for questions marked
``quasi_identifier`` that are not report groups, and for rows stored before
``group_codes`` existed. Memory: one int64 per response and quasi-identifier.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa

from ..database import stream_rows
from ..questionnaire import Form
from ..respond.models import Response
from .quasi import QuasiColumn, choice_column, date_column, quasi_questions

#: Rows fetched per round trip.
CHUNK = 50_000


@dataclass(frozen=True)
class QuasiTable:
    """``codes[:, i]`` holds column ``columns[i]``'s level-0 codes, one row per response."""

    columns: tuple[QuasiColumn, ...]
    codes: np.ndarray

    @property
    def n(self) -> int:
        return int(self.codes.shape[0])

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def digest_parts(self) -> tuple[bytes, ...]:
        """What the codes are made of, for a cache key (the days set the date's codes)."""
        days = repr(sorted(self.columns[-1].codes, key=str)).encode()
        return (repr(self.codes.shape).encode(), days, self.codes.tobytes())


def read_quasi(campaign_id: int, form: Form) -> QuasiTable:
    """Every response's quasi-identifier codes, in the order of :func:`quasi_questions`
    with the submission date last."""
    questions = quasi_questions(form)
    groups = {name: i for i, name in enumerate(form.report_groups)}
    extra = [q.name for q in questions if q.name not in groups]
    choice_columns = [choice_column(q, form.spec) for q in questions]
    query = sa.select(
        Response.id,
        Response.submitted_on,
        Response.group_codes,
        Response.answers if extra else sa.case((Response.group_codes.is_(None), Response.answers)),
    ).where(Response.campaign_id == campaign_id)
    day_codes: dict[str, int] = {}
    parts = []
    for rows in stream_rows(query, Response.id, CHUNK):
        packed = _packed(form, rows)
        days = np.array([day_codes.setdefault(str(r[1]), len(day_codes)) for r in rows])
        extras = [_extra(c, rows) for c in choice_columns if c.name in extra]
        picked = [
            packed[:, groups[q.name]] if q.name not in extra else extras.pop(0) for q in questions
        ]
        parts.append(np.column_stack([*picked, days]).astype(np.int64))
    codes = np.concatenate(parts) if parts else np.empty((0, len(questions) + 1), np.int64)
    date, codes[:, -1] = _sorted_days(day_codes, codes[:, -1])
    return QuasiTable((*choice_columns, date), codes)


def _packed(form: Form, rows: Any) -> np.ndarray:
    """Report-group positions (1-based, 0 = unanswered), rows x groups."""
    blob = b"".join(r[2] if r[2] is not None else form.group_codes(_answers(r[3])) for r in rows)
    return np.frombuffer(blob, dtype="<u2").reshape(len(rows), len(form.report_groups))


def _extra(column: QuasiColumn, rows: Any) -> np.ndarray:
    """A quasi-identifier that is not a report group, from the answers' JSON."""
    codes = column.codes
    return np.array([codes.get(_answers(r[3]).get(column.name), 0) for r in rows], np.int64)


def _answers(value: str | dict[str, Any] | None) -> dict[str, Any]:
    """Drivers give JSON as text or as a dict."""
    if value is None:
        return {}
    return json.loads(value) if isinstance(value, str) else value


def _sorted_days(day_codes: dict[str, int], codes: np.ndarray) -> tuple[QuasiColumn, np.ndarray]:
    """Codes in order of first appearance -> codes in calendar order."""
    days = sorted(day_codes, key=dt.date.fromisoformat)
    order = np.empty(len(days), dtype=np.int64)
    order[[day_codes[day] for day in days]] = np.arange(len(days))
    return date_column([dt.date.fromisoformat(day) for day in days]), order[codes]
