"""``flask training evaluate ACTIVITY_ID --slug ...``: start an activity's evaluation."""

from __future__ import annotations

import datetime as dt

import click

from ..campaigns.models import Access
from ..campaigns.service import CampaignError
from ..extensions import db
from .cli import training_cli
from .evaluation_service import EvaluationRequest, start_evaluation
from .service import get_activity


@training_cli.command("evaluate")
@click.argument("activity_id", type=int)
@click.option("--slug", required=True, help="short name of the evaluation campaign")
@click.option("--title", default="", help="default: the activity's title")
@click.option("--opens", type=click.DateTime(), help="UTC date/time the survey opens")
@click.option("--closes", type=click.DateTime(), help="UTC date/time the survey closes")
@click.option("--access", type=click.Choice([a.value for a in Access]), default="token")
@click.option("--tokens", type=int, default=0, help="invitation codes to issue now")
@click.option("--population", type=int, help="default: the activity's participants")
@click.option("--min-cell-size", type=int, default=5, show_default=True)
def evaluate(
    activity_id: int,
    slug: str,
    title: str,
    opens: dt.datetime | None,
    closes: dt.datetime | None,
    access: str,
    tokens: int,
    population: int | None,
    min_cell_size: int,
) -> None:
    """Open an anonymous evaluation campaign asking about the activity's competencies;
    prints the invitation codes once."""
    activity = get_activity(activity_id)
    if activity is None:
        raise click.ClickException(f"no training activity {activity_id}")
    request = EvaluationRequest(
        slug, title, opens, closes, Access(access), tokens, population, min_cell_size
    )
    try:
        campaign, codes = start_evaluation(activity, request)
    except CampaignError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"evaluation campaign {campaign.slug} targets {' '.join(activity.competency_codes)}")
    for code in codes:
        click.echo(code)
