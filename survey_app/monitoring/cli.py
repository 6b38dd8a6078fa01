"""``flask series create|list|trend``: the same services as the web pages."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from ..extensions import db
from ..i18n import default_language
from ..reports.outputs import CannotWrite, write_output
from .service import SeriesError, SeriesInput, all_series, create_series, get_series
from .table import FORMATS, trend_output
from .trends import TrendError, series_trend

series_cli = AppGroup("series", help="Campaign series: waves of one questionnaire over time.")


@series_cli.command("create")
@click.argument("slug")
@click.option("--title", required=True)
@click.option("--campaign", "campaigns", multiple=True, help="repeatable: a wave's slug")
def create(slug: str, title: str, campaigns: tuple[str, ...]) -> None:
    """A new series SLUG of at least two campaigns of one questionnaire."""
    try:
        with force_locale(default_language()):
            series = create_series(SeriesInput(slug, title, campaigns))
    except SeriesError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"created series {series.slug}: {len(series.waves)} waves")


@series_cli.command("list")
def list_() -> None:
    for series in all_series():
        waves = " ".join(c.slug for c in series.campaigns)
        click.echo(f"{series.slug}\t{series.title}\t{waves}")


@series_cli.command("trend")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def trend(slug: str, fmt: str, lang: str, out: Path) -> None:
    """Write the trend table of series SLUG to FILE (CSV or XLSX)."""
    series = get_series(slug)
    if series is None:
        raise click.ClickException(f"no series {slug}")
    try:
        with force_locale(lang):
            output = trend_output(series_trend(series, lang), fmt)
            write_output(output, out)
    except TrendError as exc:
        raise click.ClickException(f"series {slug} has fewer than two waves") from exc
    except CannotWrite as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {out}")
