"""Starting a training's evaluation: an ordinary anonymous campaign on the bundled
``training-evaluation`` form, targeting the activity's competencies, linked to it.

The link names the activity a campaign evaluates and nothing about who answers.
Campaign creation and invitations are the audited operations staff use elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa

from .. import audit
from ..campaigns import operations
from ..campaigns.models import Access, Campaign
from ..campaigns.service import CampaignError, CampaignSettings
from ..extensions import db
from .models import TrainingActivity, TrainingEvaluation

EVALUATION_FORM_ID = "training-evaluation"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
#: Codes issued at once; more can be issued later on the campaign's page.
MAX_TOKENS = 5000


@dataclass(frozen=True)
class EvaluationRequest:
    slug: str
    title: str = ""
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    access: Access = Access.TOKEN
    tokens: int = 0
    #: ``None``: the activity's participants.
    population: int | None = None
    min_cell_size: int = 5


def start_evaluation(
    activity: TrainingActivity, request: EvaluationRequest
) -> tuple[Campaign, list[str]]:
    """The evaluation campaign and its invitation codes (shown once); raises CampaignError
    before writing anything when a setting or a targeted code is refused."""
    _check_request(request)
    campaign = operations.create(_settings(activity, request))
    db.session.add(TrainingEvaluation(campaign=campaign, activity=activity))
    db.session.flush()
    audit.record("training.evaluate", "training_activity", activity.id, campaign=campaign.slug)
    codes = operations.issue(campaign, request.tokens) if request.tokens else []
    return campaign, codes


def _check_request(request: EvaluationRequest) -> None:
    if not SLUG.fullmatch(request.slug):
        raise CampaignError(
            "the slug takes 2 to 63 lower-case letters, digits and dashes, "
            "starting with a letter or a digit"
        )
    if request.tokens and request.access is not Access.TOKEN:
        raise CampaignError("invitation codes need access by invitation code")
    if not 0 <= request.tokens <= MAX_TOKENS:
        raise CampaignError(f"the number of codes must be between 0 and {MAX_TOKENS}")


def _settings(activity: TrainingActivity, request: EvaluationRequest) -> CampaignSettings:
    population = request.population or activity.participants or None
    return CampaignSettings(
        form_id=EVALUATION_FORM_ID,
        slug=request.slug,
        title=request.title or activity.title,
        opens_at=request.opens_at,
        closes_at=request.closes_at,
        access=request.access,
        population=population,
        min_cell_size=request.min_cell_size,
        targeted_codes=tuple(activity.competency_codes),
    )


def evaluations_of(activity: TrainingActivity) -> list[TrainingEvaluation]:
    """The activity's evaluation campaigns, oldest first (one query, campaigns joined)."""
    query = (
        sa.select(TrainingEvaluation)
        .where(TrainingEvaluation.activity_id == activity.id)
        .order_by(TrainingEvaluation.id)
    )
    return list(db.session.scalars(query))
