"""``flask export responses|priorities|fgd``: anonymized data and results as files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..campaigns.models import Campaign
from ..campaigns.service import CampaignError, require_campaign
from ..extensions import db
from . import unprotected as unprotected_export
from .outputs import (
    CannotWrite,
    Output,
    fgd_output,
    priorities_output,
    responses_output,
    write_output,
)
from .priority_export import UnknownGroup
from .responses import ExportRefused

export_cli = click.Group("export", help="Export anonymized data.")

FORMATS = ("csv", "xlsx", "sav", "json")
LABELLED_HEADERS = ("csv", "xlsx")
OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
SLUG = click.option("--campaign", "slug", required=True)


@export_cli.command("responses")
@SLUG
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@OUT
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
@click.option(
    "--unprotected",
    is_flag=True,
    help="Every answer as given, quasi-identifiers included: it can identify people. "
    "Needs --reason; audited.",
)
@click.option("--reason", help="Why the unprotected file is needed (recorded in the audit log).")
def export_responses(
    slug: str,
    fmt: str,
    out: Path,
    headers: str,
    lang: str | None,
    unprotected: bool,
    reason: str | None,
) -> None:
    """One row per response in the stable column layout; XLSX adds a codebook sheet,
    SAV variable and value labels. JSON is JSON Lines: one flat object per response.

    Protected by default: quasi-identifiers recoded or suppressed (*), free text of
    small groups withheld. The risk report is the XLSX sheet risk_report, the SAV's
    document, or FILE.risk.json next to a CSV or JSON file."""
    if headers == "labels" and fmt not in LABELLED_HEADERS:
        raise click.UsageError("--headers labels is for csv and xlsx (SAV has variable labels)")
    why = _reason(unprotected, reason)
    labels = headers == "labels"
    output = _prepare(lambda c: responses_output(c, fmt, labels, lang, None, why), slug)
    if why is not None:
        unprotected_export.record(require_campaign(slug), why, format=fmt, headers=headers)
        db.session.commit()
        click.echo("warning: this file is not protected and can identify people", err=True)
    count = _save(output, out)
    if output.sidecar is not None:
        sidecar = out.with_name(f"{out.name}.risk.json")
        _save(Output(sidecar.name, iter([output.sidecar()])), sidecar)
        click.echo(f"wrote the risk report to {sidecar}")
    click.echo(f"wrote {count} responses to {out}")


def _reason(unprotected: bool, reason: str | None) -> str | None:
    if not unprotected:
        if reason is not None:
            raise click.UsageError("--reason goes with --unprotected")
        return None
    try:
        return unprotected_export.clean_reason(reason)
    except unprotected_export.BadReason as exc:
        raise click.UsageError(f"--unprotected needs --reason: {exc}") from None


@export_cli.command("priorities")
@SLUG
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True
)
@OUT
@click.option("--group", help="one table per value of this report-group question")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def export_priorities(slug: str, fmt: str, out: Path, group: str | None, lang: str) -> None:
    """The ranked needs of ``analyze priorities``, with small groups suppressed. The
    method (provenance) is in the JSON and on the XLSX sheet ``method``; CSV has rows only."""
    output = _prepare(lambda c: priorities_output(c, fmt, group, lang), slug)
    _save(output, out)
    click.echo(f"wrote {out}")


@export_cli.command("fgd")
@SLUG
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "json"]), default="xlsx", show_default=True
)
@OUT
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def export_fgd(slug: str, fmt: str, out: Path, lang: str) -> None:
    """Finalized focus-group sessions (current records, amendments marked); no drafts,
    no staff identities."""
    output = _prepare(lambda c: fgd_output(c, fmt, lang), slug)
    _save(output, out)
    click.echo(f"wrote {out}")


def _save(output: Output, out: Path) -> int | None:
    try:
        return write_output(output, out)
    except CannotWrite as exc:
        raise click.ClickException(str(exc)) from None


def _prepare(make: Callable[[Campaign], Output], slug: str) -> Output:
    try:
        return make(require_campaign(slug))
    except (CampaignError, ExportRefused) as exc:
        raise click.ClickException(str(exc)) from None
    except UnknownGroup as exc:
        raise click.UsageError(f"--group must be one of the report groups: {exc}") from None
