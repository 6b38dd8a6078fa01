"""``flask training flags [--period YEAR] [--series SLUG] [--lang id|en]``: the flags with
their evidence as text (attached to the ``training`` group by the factory)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from . import flags_text
from .flags import ActivityFlags, configured_thresholds, flags_for
from .period import activities_of
from .service import get_series


@click.command("flags")
@click.option("--period", type=click.IntRange(1900, 2999), help="year the activities ended")
@click.option("--series", "slug", help="read the trend from this series")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id")
@with_appcontext
def flags_command(period: int | None, slug: str | None, lang: str) -> None:
    """The adjust-material flags of the activities, with their evidence."""
    series = get_series(slug) if slug else None
    if slug and series is None:
        raise click.ClickException(f"no series {slug}")
    try:
        thresholds = configured_thresholds(current_app.config)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    with force_locale(lang):
        for item in flags_for(activities_of(period), thresholds, lang, series):
            click.echo("\n".join(_lines(item)))


def _lines(item: ActivityFlags) -> list[str]:
    activity = item.activity
    head = f"{activity.id}\t{activity.title}\t{activity.ends_on.isoformat()}"
    if not item.flagged:
        return [f"{head}\t{flags_text.no_flag()}"]
    lines = [head]
    for flag in item.flags:
        code, rule = flag.evidence.code, flag.evidence.rule
        lines.append(f"  ! {flags_text.subject(rule, code, flag.label)}")
        lines.append(f"    {flags_text.evidence_text(flag)}")
        if flag.decision is not None:
            lines.append(
                f"    -> {flag.decision.decision.value}: {flag.decision.what_to_change or ''}"
            )
    for unchecked in item.unchecked:
        subject = flags_text.subject(
            unchecked.unassessed.rule, unchecked.unassessed.code, unchecked.label
        )
        lines.append(f"  ? {subject}: {flags_text.unchecked_text(unchecked)}")
    return lines
