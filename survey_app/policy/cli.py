"""``flask export policy-draft`` and ``flask export evaluation-report``: the documents as
DOCX, HTML or PDF, written atomically."""

from __future__ import annotations

from pathlib import Path

import click

from ..campaigns.service import CampaignError, require_campaign
from ..monitoring.period import PeriodError, check_period
from ..monitoring.service import get_series
from ..reports.outputs import CannotWrite, write_atomically
from .draft import LANGUAGES
from .evaluation_report import render_report
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


@click.command("evaluation-report")
@click.option("--series", "slug", required=True, help="the campaign series (flask series list)")
@click.option("--period", required=True, help="the year whose training is evaluated, e.g. 2027")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def evaluation_report_command(slug: str, period: str, fmt: str, lang: str, out: Path) -> None:
    """The evaluation report of a series for one period: what was trained, whether it was
    relevant, whether the targeted gaps closed, the flags and decisions, the indicators.
    Only screened comments are included."""
    series = get_series(slug)
    if series is None:
        raise click.ClickException(
            f"no campaign series with slug '{slug}' (see: flask series list)"
        )
    try:
        content = render_report(series, check_period(period), fmt, lang)
        write_atomically(out, lambda path: path.write_bytes(content))
    except (PeriodError, PdfUnavailable, ReferenceMissing, CannotWrite, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote the evaluation report ({fmt}, {lang}) of '{slug}' {period} to {out}")
