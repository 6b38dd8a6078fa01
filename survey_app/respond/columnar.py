"""A campaign's numeric answers as one float matrix, read in a single pass.

Each response stores its numeric answers as a packed float32 vector in the column
order of the questionnaire version (``Form.numeric_columns``); reading a campaign is
one SELECT of those blobs and one ``numpy.frombuffer`` over their concatenation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ..extensions import db
from ..questionnaire import Form
from .models import Response


@dataclass(frozen=True)
class NumericAnswers:
    columns: tuple[str, ...]
    #: Shape (responses, columns); NaN where a question was not answered.
    values: np.ndarray

    def column(self, name: str) -> np.ndarray:
        return self.values[:, self.columns.index(name)]


def numeric_answers(campaign_id: int, form: Form) -> NumericAnswers:
    columns = form.numeric_columns
    blobs = db.session.execute(
        sa.select(Response.numeric).where(Response.campaign_id == campaign_id)
    ).scalars()
    flat = np.frombuffer(b"".join(blobs), dtype="<f4")
    return NumericAnswers(
        columns, flat.reshape(-1, len(columns)) if columns else flat.reshape(0, 0)
    )
