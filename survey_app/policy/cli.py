"""``flask export policy-draft``: the campaign's policy draft as DOCX, HTML or PDF."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..campaigns.service import CampaignError, require_campaign
from .draft import LANGUAGES
from .pdf import PdfUnavailable
from .render import FORMATS, ReferenceMissing, render


@click.command("policy-draft")
@click.option("--campaign", "slug", required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def policy_draft_command(slug: str, fmt: str, lang: str, out: Path) -> None:
    """The draft policy: needs, focus-group findings, recommendations, mentoring, monitoring
    and appendix tables. Only quotes a drafter selected and screened are included."""
    try:
        campaign = require_campaign(slug)
        content = render(campaign, fmt, lang)
    except (CampaignError, PdfUnavailable, ReferenceMissing) as exc:
        raise click.ClickException(str(exc)) from None
    write_atomically(content, out)
    click.echo(f"wrote the policy draft ({fmt}, {lang}) to {out}")


def write_atomically(content: bytes, out: Path) -> None:
    """Write next to ``out`` and rename: a failed write leaves no partial file."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_bytes(content)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
