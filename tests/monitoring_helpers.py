"""Waves for the monitoring tests: two versions of tests/forms/mini.yaml, synthetic answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.demo.seed import seed_responses
from survey_app.extensions import db
from survey_app.monitoring.service import SeriesInput, create_series
from survey_app.respond.models import Response
from survey_app.versions.service import form_of, load_text

from .conftest import form_text

#: Version 2 of the mini form: T.1 (spbe) dropped, T.9 (arsip) added.
NEW_ITEM = (
    "      - {name: arsip, type: competency, code: T.9, group: teknis, scale: lima,\n"
    "         label: {id: Kearsipan, en: Records management}}\n"
)


def mini_v2() -> str:
    text = form_text("mini.yaml").replace('version: "1"', 'version: "2"')
    start = text.index("      - {name: spbe")
    end = text.index("      - {name: puas")
    return text[:start] + NEW_ITEM + text[end:]


def wave(slug: str, responses: int, version: int = 1, seed: int = 1, **settings) -> Campaign:
    """A campaign of mini.yaml (``version`` 1 or 2, loaded now) with synthetic answers;
    waves open a year apart in the order of ``seed``."""
    text = form_text("mini.yaml") if version == 1 else mini_v2()
    load_text(text, "mini.yaml")
    opens = dt.datetime(2025 + seed, 1, 1)
    campaign = create_campaign(
        CampaignSettings(form_id="mini", slug=slug, title=slug.upper(), opens_at=opens, **settings)
    )
    seed_responses(campaign, form_of(campaign.version), responses, seed=seed)
    db.session.commit()
    return campaign


def close_gap(campaign: Campaign, name: str) -> None:
    """Every respondent of ``campaign`` now masters ``name`` as well as it matters."""

    def closed(answers: dict[str, Any]) -> None:
        if name in answers:
            answers[name] = {**answers[name], "competence": answers[name]["importance"]}

    edit_answers(campaign, closed)


def skip_item(campaign: Campaign, name: str, keep: int) -> None:
    """Only ``keep`` respondents of ``campaign`` answered ``name`` (an optional item)."""
    kept = []

    def skipped(answers: dict[str, Any]) -> None:
        if name in answers and len(kept) >= keep:
            del answers[name]
        elif name in answers:
            kept.append(name)

    edit_answers(campaign, skipped)


def edit_answers(campaign: Campaign, edit: Callable[[dict[str, Any]], None]) -> None:
    form = form_of(campaign.version)
    query = sa.select(Response).where(Response.campaign_id == campaign.id).order_by(Response.id)
    for response in db.session.scalars(query):
        answers = dict(response.answers)
        edit(answers)
        response.answers, response.numeric = answers, form.numeric_vector(answers)
    db.session.commit()


def series(slug: str, *campaigns: Campaign, title: str = "Needs survey") -> None:
    create_series(SeriesInput(slug, title, tuple(c.slug for c in campaigns)))
    db.session.commit()
