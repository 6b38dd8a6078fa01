"""``flask analyze priorities``: the ranked needs of a campaign, or of an exported CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from ..campaigns.service import MIN_CELL_FLOOR, CampaignError, require_campaign
from ..questionnaire import Form, QuestionnaireInvalid, parse_form
from ..results.dataset import Dataset
from ..results.priorities import priority_table
from ..results.reliability import reliability_rows
from ..results.tables import PriorityTable
from .offline import OfflineDataError, read_csv_dataset
from .priority_report import FLAT, campaign_source, flat_rows, grouped

analyze_cli = click.Group("analyze", help="Statistics of the training needs.")


@analyze_cli.command("priorities")
@click.option("--campaign", "slug", help="a campaign in the database")
@click.option(
    "--form",
    "form_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="offline mode: the questionnaire YAML ...",
)
@click.option(
    "--responses",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="... and a CSV of responses in the export layout",
)
@click.option("--group", "group", help="break down by this report-group question")
@click.option("--population", type=click.IntRange(1), help="offline mode: the target headcount")
@click.option(
    "--min-cell-size",
    type=click.IntRange(MIN_CELL_FLOOR),
    default=5,
    show_default=True,
    help="offline mode: smallest group shown",
)
@click.option(
    "--method",
    type=click.Choice(["mwds_then_fgd", "weighted"]),
    default="mwds_then_fgd",
    show_default=True,
    help="how survey and focus-group evidence combine",
)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "md"]), default="json", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="file (default: stdout)"
)
def priorities(
    slug: str | None,
    form_path: Path | None,
    responses: Path | None,
    group: str | None,
    population: int | None,
    min_cell_size: int,
    method: str,
    lang: str,
    fmt: str,
    out: Path | None,
) -> None:
    """Rank the competency needs by Borich MWDS, with CIs, tests and demand estimates."""
    data, options, min_cell = _source(slug, form_path, responses, population, min_cell_size, group)
    options.update(language=lang, method=method)
    if group is not None and group not in data.form.report_groups:
        raise click.UsageError(
            f"--group must be one of the report groups: {', '.join(data.form.report_groups)}"
        )
    result: Any = (
        grouped(data, group, min_cell, options) if group else priority_table(data, **options)
    )
    text = _render(result, fmt)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)
    if isinstance(result, PriorityTable):  # how the ranking was made, beside the data
        click.echo(f"method: {json.dumps(result.provenance, ensure_ascii=False)}", err=True)


@analyze_cli.command("reliability")
@click.option("--campaign", "slug", required=True)
def reliability(slug: str) -> None:
    """Cronbach's alpha (Feldt 95% CI) per competency group and dimension, as JSON."""
    data, _options, _min_cell = _source(slug, None, None, None, 5, None)
    click.echo(json.dumps(reliability_rows(data), ensure_ascii=False, indent=2))


def _source(
    slug: str | None,
    form_path: Path | None,
    responses: Path | None,
    population: int | None,
    min_cell: int,
    group: str | None,
) -> tuple[Dataset, dict[str, Any], int]:
    if slug and not (form_path or responses):
        try:
            campaign = require_campaign(slug)
        except CampaignError as exc:
            raise click.ClickException(str(exc)) from None
        return campaign_source(campaign)
    if form_path and responses and not slug:
        return _offline(form_path, responses, group), {"population": population}, min_cell
    raise click.UsageError("give --campaign SLUG, or --form FILE.yaml with --responses FILE.csv")


def _offline(form_path: Path, responses: Path, group: str | None) -> Dataset:
    try:
        form: Form = parse_form(form_path.read_text(encoding="utf-8"))
        return read_csv_dataset(form, responses, group if group in form.report_groups else None)
    except QuestionnaireInvalid as exc:
        raise click.ClickException("\n".join(exc.format(str(form_path)))) from None
    except OfflineDataError as exc:
        raise click.ClickException(str(exc)) from None


def _render(result: PriorityTable | dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        payload = (
            [row.as_dict() for row in result.rows] if isinstance(result, PriorityTable) else result
        )
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    rows = flat_rows(result)
    return _csv(rows) if fmt == "csv" else _markdown(rows)


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(FLAT))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _markdown(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no competency items)\n"
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(row[key]) for key in header) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "" if value is None else str(value)
