"""Campaigns with known answers and fixed dates, and readers of protected exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from survey_app.demo.seed import fake_answers
from survey_app.extensions import db
from survey_app.reports.quasi import SUBMITTED_ON, quasi_questions
from survey_app.respond.models import Response
from survey_app.versions.service import form_of

#: The days the fixed campaigns' responses were submitted on: two ISO weeks, one month.
DAYS = (dt.date(2026, 3, 2), dt.date(2026, 3, 4), dt.date(2026, 3, 10))


def add_responses(campaign: Any, count: int, seed: int, days: Iterable[dt.date] = DAYS) -> None:
    """``count`` plausible responses (``demo seed``'s generator) on fixed days; committed."""
    form = form_of(campaign.version)
    rng, days = random.Random(seed), list(days)
    rows = []
    for index in range(count):
        answers = fake_answers(form, rng)
        rows.append(
            {
                "id": uuid.uuid4(),
                "campaign_id": campaign.id,
                "submitted_on": days[index % len(days)],
                "answers": answers,
                "numeric": form.numeric_vector(answers),
                "group_codes": form.group_codes(answers),
            }
        )
    db.session.execute(sa.insert(Response), rows)
    db.session.commit()


def quasi_columns(campaign: Any) -> list[str]:
    form = form_of(campaign.version)
    return [q.name for q in quasi_questions(form)] + [SUBMITTED_ON]


def read_export(path: Path) -> pd.DataFrame:
    """A CSV export as text cells ("" when empty), whatever the values look like."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def class_sizes(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Rows sharing every value of ``columns`` (an independent count: pandas)."""
    return frame.groupby(columns)[frame.columns[0]].transform("size")


def normalised(frame: pd.DataFrame) -> str:
    """CSV text with the random ids replaced and the rows sorted (golden files)."""
    frame = frame.assign(response_id="<id>")
    rows = sorted(frame.astype(str).values.tolist())
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(frame.columns), *rows])
    return out.getvalue()
