"""``flask campaign create|list|close``."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import click
from flask import current_app

from ..campaigns.models import Access
from ..campaigns.service import (
    MIN_CELL_FLOOR,
    CampaignError,
    CampaignSettings,
    all_campaigns,
    require_campaign,
)
from ..extensions import db
from ..respond.stats import response_counts
from . import campaign_operations as operations

campaign_cli = click.Group("campaign", help="Create, list and close survey campaigns.")


@campaign_cli.command("create")
@click.option("--form", "form_id", required=True, help="form_id of a loaded questionnaire")
@click.option("--slug", required=True, help="short name used in the survey URL /s/SLUG")
@click.option("--title")
@click.option("--opens", type=click.DateTime(), help="UTC date/time the survey opens")
@click.option("--closes", type=click.DateTime(), help="UTC date/time the survey closes")
@click.option("--access", type=click.Choice([a.value for a in Access]), default="open")
@click.option("--tokens", type=click.IntRange(1, 100_000), help="invitation codes to issue")
@click.option("--tokens-out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--population", type=click.IntRange(1), help="headcount of the target group")
@click.option(
    "--min-cell-size",
    type=click.IntRange(MIN_CELL_FLOOR),
    default=5,
    show_default=True,
    help="smallest group any table, chart or export may show",
)
@click.option(
    "--base-url",
    help="address respondents open, e.g. https://survei.medan.go.id "
    "(default: the SURVEY_APP_BASE_URL setting)",
)
def create(
    form_id: str,
    slug: str,
    title: str | None,
    opens: dt.datetime | None,
    closes: dt.datetime | None,
    access: str,
    tokens: int | None,
    tokens_out: Path | None,
    population: int | None,
    min_cell_size: int,
    base_url: str | None,
) -> None:
    """Create a campaign pinned to the latest version of --form."""
    if (tokens is None) != (tokens_out is None):
        raise click.UsageError("--tokens and --tokens-out go together")
    survey_url = f"{_base_url(base_url)}/s/{slug}/"
    settings = CampaignSettings(
        form_id, slug, title, opens, closes, Access(access), population, min_cell_size
    )
    try:
        campaign = operations.create(settings)
        codes = operations.issue(campaign, tokens) if tokens else []
    except CampaignError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    if tokens_out is not None:
        _write_codes(tokens_out, codes, survey_url)
    db.session.commit()
    click.echo(f"created campaign '{slug}' on {form_id} v{campaign.version.number}: {survey_url}")
    if tokens_out is not None:
        click.echo(f"wrote {len(codes)} invitation codes to {tokens_out} (they are not stored)")


def _base_url(option: str | None) -> str:
    """``--base-url``, else the setting; links are only as good as this address."""
    url = (option or current_app.config["SURVEY_APP_BASE_URL"]).rstrip("/")
    if not url.startswith(("http://", "https://")) or "?" in url or "#" in url:
        raise click.BadParameter(
            f"'{url}' is not an http(s) address such as https://survei.medan.go.id",
            param_hint="--base-url or SURVEY_APP_BASE_URL",
        )
    if option is None:
        click.echo(f"links use {url} (SURVEY_APP_BASE_URL; change with --base-url)", err=True)
    return url


def _write_codes(path: Path, codes: list[str], survey_url: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "link"])
        writer.writerows([code, f"{survey_url}?code={code}"] for code in codes)


@campaign_cli.command("list")
def list_() -> None:
    """Every campaign with its status and number of responses."""
    counts = response_counts()
    for campaign in all_campaigns():
        click.echo(
            f"{campaign.slug}\t{campaign.status().value}\t{campaign.access.value}\t"
            f"{counts.get(campaign.id, 0)} responses\t{campaign.title}"
        )


@campaign_cli.command("close")
@click.argument("slug")
def close(slug: str) -> None:
    """Stop taking answers (stored responses stay), then scrub storage traces."""
    try:
        campaign = require_campaign(slug)
    except CampaignError as exc:
        raise click.ClickException(str(exc)) from None
    operations.close(campaign)
    db.session.commit()
    click.echo(f"closed campaign '{slug}'")


@campaign_cli.command("scrub")
@click.argument("slug")
def scrub(slug: str) -> None:
    """Rewrite a campaign's rows so storage order and transaction ids link nothing.

    Safe to run any time, e.g. nightly from cron while a campaign is open.
    """
    try:
        campaign = require_campaign(slug)
    except CampaignError as exc:
        raise click.ClickException(str(exc)) from None
    done = operations.scrub(campaign)
    db.session.commit()
    click.echo(f"scrubbed campaign '{slug}'" if done else "nothing to scrub on this database")
