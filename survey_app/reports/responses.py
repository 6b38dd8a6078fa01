"""Anonymized responses as ``(columns, rows)``, built once and streamed to any writer.

Columns follow the stable grammar every export shares: ``{name}``, a competency's
``{name}/importance`` and ``{name}/competence``, and a ``select_multiple``'s codes plus
one 0/1 column per choice value. Nothing that could link a row to a person is
included: no token, no resume code; the random response id and the submission date only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..campaigns.models import Campaign
from ..database import session_pages
from ..extensions import db
from ..questionnaire import Form
from ..respond.models import Response

Cell = str | float | int | None
BATCH = 2_000


class ExportRefused(ValueError):
    """The export would disclose too much (or nothing); the message says why.

    ``count`` and ``minimum`` let a web page say the same in the reader's language.
    """

    def __init__(self, message: str, count: int = 0, minimum: int = 0) -> None:
        super().__init__(message)
        self.count, self.minimum = count, minimum

    @classmethod
    def too_few(cls, campaign: Campaign, count: int) -> ExportRefused:
        return cls(
            f"campaign '{campaign.slug}' has {count} responses, fewer than its minimum cell "
            f"size ({campaign.min_cell_size}); it cannot be exported",
            count,
            campaign.min_cell_size,
        )


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: Iterator[list[Cell]]


def response_table(campaign: Campaign, form: Form) -> Table:
    count = response_count(campaign)
    if count < campaign.min_cell_size:
        raise ExportRefused.too_few(campaign, count)
    columns = ["response_id", "submitted_on"]
    for question in form.questions.values():
        columns += question.export_columns(form.spec)
    return Table(columns, _rows(campaign.id, form))


def response_count(campaign: Campaign) -> int:
    query = sa.select(sa.func.count()).where(Response.campaign_id == campaign.id)
    return db.session.scalar(query) or 0


def _rows(campaign_id: int, form: Form) -> Iterator[list[Cell]]:
    """The rows, read as they are consumed, through whatever session is current then.

    Plain values only (an id, the parsed form): a web download consumes this after the
    request's session has closed, where a campaign object would be detached.
    """
    query = sa.select(Response.id, Response.submitted_on, Response.answers).where(
        Response.campaign_id == campaign_id
    )
    questions = list(form.questions.values())
    for page in session_pages(query, Response.id, BATCH):
        for response_id, submitted_on, answers in page:
            yield [str(response_id), submitted_on.isoformat(), *_cells(questions, answers, form)]


def _cells(questions: list[Any], answers: dict[str, Any], form: Form) -> Iterator[Cell]:
    for question in questions:
        yield from question.export_values(answers.get(question.name), form.spec)
