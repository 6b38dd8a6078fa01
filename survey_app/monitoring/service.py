"""Keeping campaign series: check, create, list. Services flush; the request (or the
command) commits. A new series is audited here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _

from .. import audit
from ..campaigns.models import Campaign
from ..extensions import db
from .models import CampaignSeries, SeriesWave

#: Series slugs: they appear in the address /staff/monitoring/series/SLUG.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")


@dataclass(frozen=True)
class SeriesInput:
    """A series as entered (web form or CLI), before it is checked."""

    slug: str
    title: str
    #: Campaign slugs, in any order: the waves are ordered by their dates.
    campaigns: tuple[str, ...]


@dataclass
class SeriesError(ValueError):
    """The series is refused: a message per field (``slug``, ``title``, ``campaigns``)."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {message}" for name, message in self.errors.items())


def all_series() -> list[CampaignSeries]:
    return list(db.session.scalars(sa.select(CampaignSeries).order_by(CampaignSeries.title)))


def get_series(slug: str) -> CampaignSeries | None:
    return db.session.scalar(sa.select(CampaignSeries).where(CampaignSeries.slug == slug))


def series_or_404(slug: str) -> CampaignSeries:
    return get_series(slug) or abort(404)


def create_series(data: SeriesInput) -> CampaignSeries:
    """A new series of ``data.campaigns``; raises :class:`SeriesError`, writing nothing."""
    campaigns = _campaigns(data.campaigns)
    errors = _identity_errors(data) | _wave_errors(data.campaigns, campaigns)
    if errors:
        raise SeriesError(errors)
    series = CampaignSeries(slug=data.slug, title=data.title.strip())
    series.waves = [SeriesWave(campaign=campaign) for campaign in campaigns]
    db.session.add(series)
    db.session.flush()
    audit.record("series.create", "series", series.slug, campaigns=[c.slug for c in campaigns])
    return series


def _campaigns(slugs: tuple[str, ...]) -> list[Campaign]:
    query = sa.select(Campaign).where(Campaign.slug.in_(set(slugs)))
    return list(db.session.scalars(query))


def _identity_errors(data: SeriesInput) -> dict[str, str]:
    errors = {}
    if not SLUG.fullmatch(data.slug):
        errors["slug"] = _(
            "Use 2 to 63 lower-case letters, digits and dashes, starting with a letter or a digit."
        )
    elif get_series(data.slug) is not None:
        errors["slug"] = _("A series with the short name %(slug)s already exists.", slug=data.slug)
    if not data.title.strip():
        errors["title"] = _("Give the series a title.")
    elif len(data.title.strip()) > 200:
        errors["title"] = _("The title is longer than 200 characters.")
    return errors


def _wave_errors(slugs: tuple[str, ...], found: list[Campaign]) -> dict[str, str]:
    """At least two distinct, existing campaigns of one questionnaire form."""
    unknown = sorted(set(slugs) - {c.slug for c in found})
    if unknown:
        return {"campaigns": _("No such campaign: %(slugs)s.", slugs=", ".join(unknown))}
    if len(found) < 2:
        return {"campaigns": _("Pick at least two campaigns: a trend needs two waves.")}
    forms = sorted({c.version.questionnaire.form_id for c in found})
    if len(forms) > 1:
        message = _(
            "Every wave must use the same questionnaire; these use %(forms)s.",
            forms=", ".join(forms),
        )
        return {"campaigns": message}
    return {}
