"""``flask questionnaire validate|load|list|schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from ..questionnaire.json_schema import json_schema
from .catalogue import Catalogue
from .files import Checked, check_files, outcome, store_ready
from .models import Questionnaire

questionnaire_cli = click.Group("questionnaire", help="Validate and load YAML questionnaires.")

PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
NOT_CHECKED_AGAINST_STORE = (
    "note: the database is not set up (no questionnaire tables: run `flask db upgrade`), so "
    "the files were not checked against stored versions; `questionnaire load --dry-run` "
    "does that where the database is"
)


@questionnaire_cli.command("validate")
@PATHS
@with_appcontext  # for SURVEY_APP_MAX_QUESTIONNAIRE_BYTES
def validate(paths: tuple[Path, ...]) -> None:
    """Check files as `load` would, storing nothing; print every problem as
    PATH:LINE:COL: message and exit 1 if any.

    Where the database is set up, the files are also checked against the stored versions.
    """
    store = store_ready()
    checked = check_files(paths, Catalogue(read_store=store), write=False, max_bytes=_max_bytes())
    db.session.rollback()
    for file in checked:
        _report(file, "ok")
    if not store:
        click.echo(NOT_CHECKED_AGAINST_STORE, err=True)
    if any(file.problems for file in checked):
        raise SystemExit(1)


@questionnaire_cli.command("load")
@PATHS
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check the files against the stored versions and say what would be stored; store nothing.",
)
@with_appcontext
def load(paths: tuple[Path, ...], dry_run: bool) -> None:
    """Store each file as an immutable version; all files or none."""
    checked = check_files(paths, Catalogue(), write=not dry_run, max_bytes=_max_bytes())
    refused = any(file.problems for file in checked)
    if refused or dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for file in checked:
        if file.plan is None:
            _report(file, "")
        elif refused and not dry_run:
            click.echo(f"{file.path}: ok, but not stored: another file was refused")
        else:
            click.echo(f"{file.path}: {outcome(file.plan, dry_run=dry_run)}")
    if dry_run:
        click.echo("dry run: nothing was stored")
    if refused:
        raise SystemExit(1)


def _report(file: Checked, ok: str) -> None:
    for line in file.problems:
        click.echo(line, err=True)
    if not file.problems and ok:
        click.echo(f"{file.path}: {ok}")


def _max_bytes() -> int:
    return int(current_app.config["SURVEY_APP_MAX_QUESTIONNAIRE_BYTES"])


@questionnaire_cli.command("list")
def list_() -> None:
    """Loaded questionnaires and their versions."""
    for questionnaire in db.session.scalars(
        db.select(Questionnaire).order_by(Questionnaire.form_id)
    ):
        for version in questionnaire.versions:
            click.echo(
                f"{questionnaire.form_id}\tv{version.number}\t{version.label}\t"
                f"{version.content_hash[:12]}\t{version.source_name}"
            )


@questionnaire_cli.command("schema")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("questionnaires/schema/questionnaire.schema.json"),
    show_default=True,
)
def schema(out: Path) -> None:
    """Write the JSON Schema for editors (yaml-language-server)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    click.echo(f"wrote {out}")
