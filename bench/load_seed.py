"""Fill a campaign with many stored responses quickly, for the benchmarks of scale.

``seed_responses`` writes synthetic answers at about 2,500 responses/s: hours for the
sizes measured here. So a few thousand are generated with it and the rest are copies of
those rows under new random ids, made by the database (``INSERT ... SELECT``, doubling
each round). A copy costs the table and its indexes exactly what a new row costs; the
answers repeat, which changes nothing for a read or a write of the response table.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.demo.seed import seed_responses
from survey_app.extensions import db
from survey_app.questionnaire import Form
from survey_app.respond.models import Response

GENERATED = 5_000
COLUMNS = "campaign_id, submitted_on, answers, numeric, group_codes"
#: A new random id per copied row (SQLite stores a Uuid as 32 hex digits).
NEW_ID = {"postgresql": "gen_random_uuid()", "sqlite": "lower(hex(randomblob(16)))"}


def fill(campaign: Campaign, form: Form, count: int, generated: int = GENERATED) -> float:
    """``count`` responses in ``campaign`` (committed); wall seconds taken. In an app context."""
    start = time.perf_counter()
    seed_responses(campaign, form, min(count, generated), seed=7)
    db.session.commit()
    have = min(count, generated)
    while have < count:
        have += copy_rows(campaign.id, min(have, count - have))
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE response"))  # what autovacuum would do
        db.session.commit()
    return time.perf_counter() - start


def copy_rows(campaign_id: int, rows: int) -> int:
    """Copy ``rows`` of the campaign's responses under new ids; flushes, no commit."""
    new_id = NEW_ID[db.engine.dialect.name]
    statement = sa.text(
        f"INSERT INTO response (id, {COLUMNS}) "
        f"SELECT {new_id}, {COLUMNS} FROM response WHERE campaign_id = :campaign LIMIT :rows"
    )
    db.session.execute(statement, {"campaign": campaign_id, "rows": rows})
    return rows


def count_rows(url: str, statement: sa.Select[Any]) -> int:
    """What a count statement finds, read in a connection of its own (no app needed)."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        count = int(connection.scalar(statement) or 0)
    engine.dispose()
    return count


def responses_of(slug: str) -> sa.Select[Any]:
    """Count the stored responses of the campaign ``slug``."""
    return (
        sa.select(sa.func.count())
        .select_from(Response)
        .join(Campaign, Campaign.id == Response.campaign_id)
        .where(Campaign.slug == slug)
    )
