"""``flask training add|list|import|coverage``: the same services as the web pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from ..campaigns.service import get_campaign
from ..extensions import db
from ..i18n import default_language
from .coverage import Coverage, CoverageRow
from .csvimport import ImportFailed, import_csv
from .models import DevelopmentForm
from .needs import campaign_coverage
from .service import ActivityError, ActivityInput, all_activities, create_activity

training_cli = AppGroup("training", help="Training activities and their coverage of needs.")


@training_cli.command("add")
@click.option("--title", required=True)
@click.option("--provider", required=True)
@click.option(
    "--form", "form_", required=True, type=click.Choice([f.value for f in DevelopmentForm])
)
@click.option("--competency", "codes", required=True, multiple=True, help="repeatable: M.1")
@click.option("--start", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--end", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--jp", required=True, type=int, help="lesson hours (1 JP = 45 minutes)")
@click.option("--participants", required=True, type=int)
@click.option("--campaign", default="", help="slug of the needs survey that motivated it")
def add(
    title: str,
    provider: str,
    form_: str,
    codes: tuple[str, ...],
    start: dt.datetime,
    end: dt.datetime,
    jp: int,
    participants: int,
    campaign: str,
) -> None:
    entry = ActivityInput(
        title, provider, form_, codes, start.date(), end.date(), jp, participants, campaign
    )
    try:
        with force_locale(default_language()):
            activity = create_activity(entry)
    except ActivityError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"added activity {activity.id}: {activity.title}")


@training_cli.command("list")
def list_() -> None:
    for a in all_activities():
        codes = " ".join(a.competency_codes)
        click.echo(
            f"{a.id}\t{a.starts_on}..{a.ends_on}\t{a.form.value}\t{a.jp} JP\t"
            f"{a.participants}\t{codes}\t{a.title}"
        )


@training_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(path: Path) -> None:
    """Import FILE.csv (docs/training.md): all rows, or none when any row is wrong."""
    try:
        with force_locale(default_language()):
            activities = import_csv(path.read_bytes())
    except ImportFailed as exc:
        db.session.rollback()
        raise click.ClickException(f"nothing imported:\n{exc}") from exc
    db.session.commit()
    click.echo(f"imported {len(activities)} activities")


@training_cli.command("coverage")
@click.option("--campaign", "slug", required=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id")
def coverage_command(slug: str, lang: str) -> None:
    """For each ranked need of the campaign: the activities, JP and participants."""
    campaign = get_campaign(slug)
    if campaign is None:
        raise click.ClickException(f"no campaign {slug}")
    with force_locale(lang):
        found = campaign_coverage(campaign, lang)
    if found is None:
        raise click.ClickException("too few responses: nothing may be shown")
    _print(found)


def _print(found: Coverage) -> None:
    click.echo("rank\tcode\tJP\tparticipants\theadcount\tactivities")
    for row in found.rows:
        click.echo("\t".join(_cells(row)))
    for row in found.untargeted:
        click.echo(f"NOT TARGETED (top need {row.rank}): {row.code} {row.label}")


def _cells(row: CoverageRow) -> list[str]:
    if row.suppressed:
        return ["-", row.code, "-", "-", "-", "(too few answers)"]
    headcount = "-" if row.estimated_headcount is None else f"{row.estimated_headcount:.0f}"
    titles = "; ".join(a.title for a in row.activities) or "-"
    return [str(row.rank), row.code, str(row.jp), str(row.participants), headcount, titles]


from . import evaluation_cli  # noqa: E402, F401  (registers ``training evaluate``)
