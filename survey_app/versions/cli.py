"""``flask questionnaire validate|load|list|schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..extensions import db
from ..questionnaire import QuestionnaireInvalid, parse_any
from ..questionnaire.spec import json_schema
from .models import Questionnaire
from .operations import upload
from .service import IncompatibleChange, in_load_order

questionnaire_cli = click.Group("questionnaire", help="Validate and load YAML questionnaires.")

PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)


@questionnaire_cli.command("validate")
@PATHS
def validate(paths: tuple[Path, ...]) -> None:
    """Check files; print every problem as PATH:LINE:COL: message and exit 1 if any."""
    failed = False
    for path in paths:
        try:
            parse_any(path.read_text(encoding="utf-8"))
        except QuestionnaireInvalid as exc:
            failed = True
            for line in exc.format(str(path)):
                click.echo(line, err=True)
        except UnicodeDecodeError:
            failed = True
            click.echo(f"{path}:1:1: the file is not UTF-8 text", err=True)
        else:
            click.echo(f"{path}: ok")
    if failed:
        raise SystemExit(1)


@questionnaire_cli.command("load")
@PATHS
def load(paths: tuple[Path, ...]) -> None:
    """Store each file as an immutable version; all files or none."""
    results = []
    try:
        for path in in_load_order(paths):
            results.append((path, upload(path.read_bytes(), path.name)))
    except QuestionnaireInvalid as exc:
        db.session.rollback()
        for line in exc.format(str(path)):
            click.echo(line, err=True)
        raise SystemExit(1) from None
    except UnicodeDecodeError:
        db.session.rollback()
        click.echo(f"{path}:1:1: the file is not UTF-8 text", err=True)
        raise SystemExit(1) from None
    except IncompatibleChange as exc:
        db.session.rollback()
        for reason in exc.reasons:
            click.echo(f"{path}: cannot load: {reason}", err=True)
        raise SystemExit(1) from None
    db.session.commit()
    for path, result in results:
        version = result.version
        state = "loaded as" if result.created else "unchanged, already"
        click.echo(
            f"{path}: {state} {version.questionnaire.form_id} v{version.number} "
            f"({version.label}, {version.content_hash[:12]})"
        )


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
