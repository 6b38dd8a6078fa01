"""A campaign's answers as arrays: the numeric matrix plus the report-group codes.

One SELECT reads every response's packed float32 vector and, through the database's
JSON operators, the value codes of the report-group questions: a single columnar pass.
The offline mode (:mod:`.offline`) builds the same object from a CSV export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sqlalchemy as sa

from ..extensions import db
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


def load_dataset(campaign_id: int, form: Form) -> Dataset:
    groups = list(form.report_groups)
    query = sa.select(Response.numeric, *(Response.answers[g].as_string() for g in groups)).where(
        Response.campaign_id == campaign_id
    )
    rows = db.session.execute(query).all()
    width = len(form.numeric_columns)
    blob = b"".join(row[0] for row in rows)
    values = (
        np.frombuffer(blob, dtype="<f4").reshape(len(rows), width)
        if width
        else np.empty((len(rows), 0))
    )
    codes = {
        g: np.array([row[i + 1] or "" for row in rows], dtype=object) for i, g in enumerate(groups)
    }
    return Dataset(form, form.numeric_columns, values, codes)
