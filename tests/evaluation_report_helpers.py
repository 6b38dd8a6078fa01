"""The demo monitoring loop (``flask demo seed-evaluation``) as test data, and readers of
the evaluation report in its three formats."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from docx import Document

from survey_app.campaigns.service import get_campaign
from survey_app.extensions import db
from survey_app.respond.models import Response

SERIES = "akpk-tahunan"
PERIOD = "2025"


@pytest.fixture
def demo(runner) -> None:
    """Two waves, a series, five activities of 2025 with evaluations, one decision."""
    result = runner.invoke(args=["demo", "seed-evaluation"])
    assert result.exit_code == 0, result.output


def export(runner, tmp_path: Path, fmt: str = "docx", lang: str = "en", **options: str) -> Path:
    out = tmp_path / f"report-{lang}.{fmt}"
    args = ["--series", options.get("series", SERIES), "--period", options.get("period", PERIOD)]
    args += ["--format", fmt, "--lang", lang, "--out", str(out)]
    result = runner.invoke(args=["export", "evaluation-report", *args])
    assert result.exit_code == 0, result.output
    return out


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def docx_pictures(content: bytes) -> int:
    return len(Document(io.BytesIO(content)).inline_shapes)


def html_text(content: bytes) -> str:
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).replace("&amp;", "&")


def write_open_answer(slug: str, text: str) -> None:
    """One respondent of evaluation campaign ``slug`` wrote ``text`` as suggestion."""
    campaign = get_campaign(slug)
    assert campaign is not None
    query = sa.select(Response).where(Response.campaign_id == campaign.id).limit(1)
    response = db.session.scalars(query).one()
    response.answers = {**response.answers, "saran_materi": text}
    db.session.commit()


def text_of(fmt: str) -> Callable[[bytes], str]:
    return {"docx": docx_text, "html": html_text}[fmt]
