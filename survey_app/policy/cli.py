"""``flask export policy-draft``: the campaign's policy draft as DOCX, HTML or PDF."""

from __future__ import annotations

from pathlib import Path

import click

from ..campaigns.service import CampaignError, require_campaign
from ..reports.outputs import CannotWrite, write_atomically
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
        content = render(require_campaign(slug), fmt, lang)
        write_atomically(out, lambda path: path.write_bytes(content))
    except (CampaignError, PdfUnavailable, ReferenceMissing, CannotWrite) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote the policy draft ({fmt}, {lang}) to {out}")
