"""``flask export responses`` and ``flask analyze priorities``."""

from __future__ import annotations

from pathlib import Path

import click

from ..campaigns.service import CampaignError, require_campaign
from ..versions.service import form_of
from .responses import ExportRefused, response_table
from .writers import write_csv

export_cli = click.Group("export", help="Export anonymized data.")


@export_cli.command("responses")
@click.option("--campaign", "slug", required=True)
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_responses(slug: str, fmt: str, out: Path) -> None:
    """One row per response, in the stable column layout (UTF-8 with BOM)."""
    try:
        campaign = require_campaign(slug)
        table = response_table(campaign, form_of(campaign.version))
    except (CampaignError, ExportRefused) as exc:
        raise click.ClickException(str(exc)) from None
    with out.open("w", encoding="utf-8", newline="") as handle:
        count = write_csv(table, handle)
    click.echo(f"wrote {count} responses to {out}")
