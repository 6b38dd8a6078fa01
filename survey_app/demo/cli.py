"""``flask demo setup`` (used by ``make run``) and ``flask demo seed``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..campaigns.asked import campaign_form
from ..campaigns.service import CampaignError, CampaignSettings, create_campaign, get_campaign
from ..extensions import db
from ..mentoring.demo import DemoError, seed_round
from ..questionnaire import QuestionnaireInvalid
from ..versions.service import IncompatibleChange, in_load_order, load_file
from .evaluation import SERIES, EvaluationDemoError, seed_evaluation
from .seed import SeedError, seed_responses

demo_cli = click.Group("demo", help="Demo data for trying the app and for benchmarks.")

DEMO_SLUG = "demo"


def bundled_questionnaires() -> list[Path]:
    return in_load_order(
        sorted((Path(current_app.root_path).parent / "questionnaires").glob("*.yaml"))
    )


@demo_cli.command("setup")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000)
def setup(host: str, port: int) -> None:
    """Load the bundled questionnaires and create the open demo campaign (idempotent)."""
    path = None
    try:
        for path in bundled_questionnaires():
            result = load_file(path)
            click.echo(f"{path.name}: {'loaded' if result.created else 'up to date'}")
        if get_campaign(DEMO_SLUG) is None:
            create_campaign(
                CampaignSettings("tna-asn", DEMO_SLUG, "Demo: Survei Kebutuhan Pelatihan ASN")
            )
    except QuestionnaireInvalid as exc:
        db.session.rollback()
        raise click.ClickException(
            "demo setup failed:\n" + "\n".join(exc.format(str(path)))
        ) from None
    except (IncompatibleChange, CampaignError) as exc:
        db.session.rollback()
        raise click.ClickException(f"demo setup failed: {exc}") from None
    db.session.commit()
    click.echo(f"\n  Survey (demo campaign): http://{host}:{port}/s/{DEMO_SLUG}/")


@demo_cli.command("seed")
@click.option("--campaign", "slug", required=True)
@click.option("--responses", type=click.IntRange(1, 10_000_000), required=True)
@click.option("--seed", type=int, default=None, help="random seed, for reproducible data")
def seed(slug: str, responses: int, seed: int | None) -> None:
    """Fill a campaign with plausible synthetic responses."""
    campaign = get_campaign(slug)
    if campaign is None:
        raise click.ClickException(f"no campaign with slug '{slug}'")
    try:
        count = seed_responses(campaign, campaign_form(campaign), responses, seed)
    except SeedError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"added {count} synthetic responses to '{slug}'")


@demo_cli.command("seed-mentoring")
@click.option("--round", "slug", default="mentoring-demo", show_default=True)
def seed_mentoring(slug: str) -> None:
    """A mentoring round open for enrolment today, with 20 mentors and 60 mentees."""
    for path in bundled_questionnaires():
        load_file(path)  # the competency codes come from the questionnaires (idempotent)
    try:
        found = seed_round(slug)
    except DemoError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"round '{found.slug}': 20 mentors and 60 mentees enrolled")


@demo_cli.command("seed-evaluation")
def seed_evaluation_command() -> None:
    """Two needs waves in a series, five trainings with their evaluations: flags to see."""
    for path in bundled_questionnaires():
        load_file(path)  # tna-asn and training-evaluation (idempotent)
    try:
        seed_evaluation()
    except (EvaluationDemoError, SeedError, CampaignError) as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"series '{SERIES}': waves akpk-2025 and akpk-2026, five activities of 2025")
    click.echo(f"  flags: /staff/monitoring/flags · trend: /staff/monitoring/series/{SERIES}")
    click.echo(f"  report: /staff/monitoring/report (series {SERIES}, period 2025)")
