"""A campaign's answers as arrays: the numeric matrix plus the report-group codes.

One streamed SELECT reads every response's packed float32 vector and its packed
report-group codes (two narrow binary columns written at submit): a single columnar pass
that never parses the answers' JSON.
The offline mode (:mod:`.offline`) builds the same object from a CSV export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa

from ..database import stream_rows
from ..questionnaire import Form
from ..respond.models import Response


@dataclass(frozen=True)
class Dataset:
    """Answers of one campaign (or one CSV): ``values`` is responses x numeric columns."""

    form: Form
    columns: tuple[str, ...]
    values: np.ndarray
    #: Report-group question name -> value code per response ("" when unanswered).
    groups: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return int(self.values.shape[0])

    def column(self, name: str) -> np.ndarray:
        return self.values[:, self.columns.index(name)]

    def subset(self, mask: np.ndarray) -> Dataset:
        """The responses where ``mask`` is true (a subgroup)."""
        return Dataset(
            self.form,
            self.columns,
            self.values[mask],
            {name: codes[mask] for name, codes in self.groups.items()},
        )


#: Rows fetched per round trip: bounds the Python objects alive at once.
CHUNK = 50_000


def load_dataset(campaign_id: int, form: Form) -> Dataset:
    """Read the numeric vectors and the report-group codes in one streamed SELECT."""
    query = sa.select(
        Response.id,
        Response.numeric,
        Response.group_codes,
        sa.case((Response.group_codes.is_(None), Response.answers)),
    ).where(Response.campaign_id == campaign_id)
    width, groups = len(form.numeric_columns), len(form.report_groups)
    value_chunks, code_chunks = [], []
    for rows in stream_rows(query, Response.id, CHUNK):
        numeric = b"".join(row[1] for row in rows)
        packed = b"".join(row[2] if row[2] is not None else _codes(form, row[3]) for row in rows)
        value_chunks.append(np.frombuffer(numeric, dtype="<f4").reshape(len(rows), width))
        code_chunks.append(np.frombuffer(packed, dtype="<u2").reshape(len(rows), groups))
    values = np.concatenate(value_chunks) if value_chunks else np.empty((0, width), "<f4")
    codes = np.concatenate(code_chunks) if code_chunks else np.empty((0, groups), "<u2")
    return Dataset(form, form.numeric_columns, values, _group_labels(form, codes))


def _codes(form: Form, answers: str | dict[str, Any]) -> bytes:
    """Pack a row stored before ``group_codes`` existed (drivers give JSON as text or dict)."""
    return form.group_codes(json.loads(answers) if isinstance(answers, str) else answers)


def _group_labels(form: Form, codes: np.ndarray) -> dict[str, np.ndarray]:
    """Positions back to value codes ("" = unanswered), sharing one string per value."""
    return {
        name: np.array(("", *values), dtype=object)[codes[:, i]]
        for i, (name, values) in enumerate(form.report_group_values.items())
    }
