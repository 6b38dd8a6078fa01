"""``flask export responses``: one row per response as CSV, XLSX, SPSS or JSON Lines."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import click

from ..campaigns.service import CampaignError, require_campaign
from ..versions.service import form_of
from .codebook import Codebook, build_codebook
from .responses import ExportRefused, Table, response_table
from .writers import write_csv, write_jsonl, write_sav, write_xlsx

export_cli = click.Group("export", help="Export anonymized data.")

FORMATS = ("csv", "xlsx", "sav", "json")
LABELLED_HEADERS = ("csv", "xlsx")


@export_cli.command("responses")
@click.option("--campaign", "slug", required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--headers",
    type=click.Choice(["codes", "labels"]),
    default="codes",
    show_default=True,
    help="Column headers: stable codes, or question labels (csv and xlsx only).",
)
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Language of labels and SPSS variable labels [default: the form's first language].",
)
def export_responses(slug: str, fmt: str, out: Path, headers: str, lang: str | None) -> None:
    """One row per response in the stable column layout; XLSX adds a codebook sheet,
    SAV variable and value labels. JSON is JSON Lines: one flat object per response."""
    if headers == "labels" and fmt not in LABELLED_HEADERS:
        raise click.UsageError("--headers labels is for csv and xlsx (SAV has variable labels)")
    try:
        campaign = require_campaign(slug)
        form = form_of(campaign.version)
        table = response_table(campaign, form)
    except (CampaignError, ExportRefused) as exc:
        raise click.ClickException(str(exc)) from None
    codebook = build_codebook(form)
    language = lang or form.spec.default_language
    if headers == "labels":
        table = replace(table, columns=codebook.headers(language))
    count = _write_atomically(fmt, table, codebook, out, language)
    click.echo(f"wrote {count} responses to {out}")


def _write_atomically(fmt: str, table: Table, codebook: Codebook, out: Path, lang: str) -> int:
    """Write next to ``out`` and rename: a failed export leaves no partial file."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        count = _write(fmt, table, codebook, partial, lang)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write(fmt: str, table: Table, codebook: Codebook, path: Path, language: str) -> int:
    if fmt == "xlsx":
        return write_xlsx(table, codebook, path)
    if fmt == "sav":
        return write_sav(table, codebook, path, language)
    with path.open("w", encoding="utf-8", newline="") as handle:
        return write_csv(table, handle) if fmt == "csv" else write_jsonl(table, handle)
