"""``flask mentoring round-create|import|list|link``: the same services as the pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from ..extensions import db
from ..i18n import default_language
from . import rounds
from .csvimport import ImportFailed, import_csv
from .models import OpdPreference, Participant
from .service import RoundError, RoundInput, create_round
from .tokens import issue_token, link_url

mentoring_cli = AppGroup("mentoring", help="The mentoring programme: rounds and enrolments.")
DATE = click.DateTime(["%Y-%m-%d"])


@mentoring_cli.command("round-create")
@click.option("--title", required=True)
@click.option("--slug", required=True, help="the enrolment page is /m/SLUG")
@click.option("--enrol-opens", required=True, type=DATE)
@click.option("--enrol-closes", required=True, type=DATE)
@click.option("--starts", required=True, type=DATE)
@click.option("--ends", required=True, type=DATE)
@click.option("--jp-per-session", default=2, show_default=True)
@click.option("--max-sessions-per-month", default=2, show_default=True)
@click.option("--mentees-per-mentor", default=3, show_default=True)
@click.option(
    "--opd", "opd_preference", default="any", type=click.Choice([p.value for p in OpdPreference])
)
def round_create(**options: object) -> None:
    """Open a round (the matching weights take their defaults; edit them on the page)."""
    dates = {k: v.date() for k, v in options.items() if isinstance(v, dt.datetime)}
    entry = RoundInput(
        title=str(options["title"]),
        slug=str(options["slug"]),
        enrol_opens_on=dates["enrol_opens"],
        enrol_closes_on=dates["enrol_closes"],
        starts_on=dates["starts"],
        ends_on=dates["ends"],
        jp_per_session=int(str(options["jp_per_session"])),
        max_sessions_per_month=int(str(options["max_sessions_per_month"])),
        mentees_per_mentor=int(str(options["mentees_per_mentor"])),
        opd_preference=str(options["opd_preference"]),
    )
    try:
        with force_locale(default_language()):
            created = create_round(entry)
    except RoundError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"created round {created.slug}: {_base_url()}/m/{created.slug}")


@mentoring_cli.command("list")
def list_() -> None:
    """The rounds, with their numbers of mentors and mentees."""
    for found in rounds.all_rounds():
        people = rounds.participants(found)
        mentors = sum(1 for p in people if p.role == "mentor")
        click.echo(
            f"{found.slug}\t{found.enrol_opens_on}..{found.enrol_closes_on}\t"
            f"{mentors} mentors\t{len(people) - mentors} mentees\t{found.title}"
        )


@mentoring_cli.command("import")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(slug: str, path: Path) -> None:
    """Import FILE.csv into ROUND (docs/mentoring.md): all rows, or none."""
    found = rounds.get_round(slug)
    if found is None:
        raise click.ClickException(f"no round {slug}")
    try:
        with force_locale(default_language()):
            added = import_csv(found, path.read_bytes())
    except ImportFailed as exc:
        db.session.rollback()
        raise click.ClickException(f"nothing imported:\n{exc}") from exc
    db.session.commit()
    click.echo(f"imported {len(added)} enrolments")


@mentoring_cli.command("link")
@click.argument("participant_id", type=int)
@click.option("--days", default=180, show_default=True, help="days the link stays valid")
def link(participant_id: int, days: int) -> None:
    """Issue a new personal link (any earlier one stops working) and print it once."""
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise click.ClickException(f"no participant {participant_id}")
    if not 1 <= days <= 3650:
        raise click.ClickException("--days must be from 1 to 3650")
    token = issue_token(participant, days)
    db.session.commit()
    click.echo(f"{participant.name}\t{participant.contact}\t{link_url(token, _base_url())}")


def _base_url() -> str:
    return str(current_app.config["SURVEY_APP_BASE_URL"]).rstrip("/")
