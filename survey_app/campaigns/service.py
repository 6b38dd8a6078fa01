"""Creating, listing and closing campaigns; issuing invitation codes. Flushes only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort

from ..clock import utcnow
from ..codes import code_hash, new_code
from ..extensions import db
from ..versions.models import QuestionnaireVersion
from ..versions.service import form_of, latest_version
from .models import Access, Campaign, Invitation

#: Smallest min_cell_size accepted: suppressing groups of 1 or 2 protects nobody, since
#: a member of a group of two knows the other's answers from the published figure.
MIN_CELL_FLOOR = 3


class CampaignError(ValueError):
    """A campaign request that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class CampaignSettings:
    form_id: str
    slug: str
    title: str | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    access: Access = Access.OPEN
    population: int | None = None
    min_cell_size: int = 5
    #: The competencies a training evaluation asks about (codes of the form's catalogue).
    targeted_codes: tuple[str, ...] | None = None


def create_campaign(settings: CampaignSettings) -> Campaign:
    """A campaign pinned to the latest loaded version of ``form_id``."""
    version = latest_version(settings.form_id, kind="survey")
    if version is None:
        raise CampaignError(
            f"no survey questionnaire '{settings.form_id}' is loaded; run "
            "'flask --app survey_app questionnaire load FILE' first"
        )
    _check(settings)
    _check_targets(settings.targeted_codes, version)
    campaign = Campaign(
        slug=settings.slug,
        title=settings.title or settings.slug,
        version=version,
        access=settings.access,
        opens_at=settings.opens_at,
        closes_at=settings.closes_at,
        population=settings.population,
        min_cell_size=settings.min_cell_size,
        targeted_codes=None if settings.targeted_codes is None else list(settings.targeted_codes),
    )
    db.session.add(campaign)
    db.session.flush()
    return campaign


def _check(settings: CampaignSettings) -> None:
    if get_campaign(settings.slug) is not None:
        raise CampaignError(f"a campaign with slug '{settings.slug}' already exists")
    if settings.opens_at and settings.closes_at and settings.opens_at >= settings.closes_at:
        raise CampaignError("--closes must be after --opens")
    if settings.min_cell_size < MIN_CELL_FLOOR:
        raise CampaignError(
            f"--min-cell-size must be at least {MIN_CELL_FLOOR}: smaller groups protect nobody"
        )
    if settings.population is not None and settings.population < 1:
        raise CampaignError("--population must be a positive headcount")


def _check_targets(codes: tuple[str, ...] | None, version: QuestionnaireVersion) -> None:
    if codes is None:
        return
    catalogue = {entry.code for entry in form_of(version).spec.competencies}
    if not catalogue:
        form_id = version.questionnaire.form_id
        raise CampaignError(f"questionnaire '{form_id}' has no competencies catalogue")
    if not codes:
        raise CampaignError("a targeted campaign needs at least one competency code")
    if unknown := sorted(set(codes) - catalogue):
        raise CampaignError(
            f"competency code(s) {', '.join(unknown)} are not in the catalogue of "
            f"questionnaire '{version.questionnaire.form_id}'"
        )


def get_campaign(slug: str) -> Campaign | None:
    return db.session.scalar(sa.select(Campaign).where(Campaign.slug == slug))


def campaign_or_404(slug: str) -> Campaign:
    """The campaign a staff URL names; the 404 page when there is none (views only)."""
    return get_campaign(slug) or abort(404)


def require_campaign(slug: str) -> Campaign:
    campaign = get_campaign(slug)
    if campaign is None:
        raise CampaignError(f"no campaign with slug '{slug}'")
    return campaign


def issue_invitations(campaign: Campaign, count: int) -> list[str]:
    """``count`` new single-use codes. They are returned once; only hashes are stored."""
    if campaign.access is not Access.TOKEN:
        raise CampaignError(f"campaign '{campaign.slug}' is open to all; it takes no invitations")
    if not 1 <= count <= 100_000:
        raise CampaignError("the number of invitations must be between 1 and 100000")
    codes = [new_code() for _ in range(count)]
    db.session.execute(
        sa.insert(Invitation),
        [{"campaign_id": campaign.id, "code_hash": code_hash(c)} for c in codes],
    )
    return codes


def close_campaign(campaign: Campaign) -> None:
    if campaign.closed_at is None:
        campaign.closed_at = utcnow()
        db.session.flush()


def all_campaigns() -> list[Campaign]:
    return list(db.session.scalars(sa.select(Campaign).order_by(Campaign.created_at)))


def newest_first() -> list[Campaign]:
    return all_campaigns()[::-1]


def reopen_campaign(campaign: Campaign) -> None:
    """Take answers again from now on: clears ``closed_at``; a future ``opens_at`` or a
    passed ``closes_at`` would keep it shut, so the first becomes now and the second goes."""
    now = utcnow()
    campaign.closed_at = None
    if campaign.opens_at is not None and campaign.opens_at > now:
        campaign.opens_at = now
    if campaign.closes_at is not None and campaign.closes_at <= now:
        campaign.closes_at = None
    db.session.flush()
