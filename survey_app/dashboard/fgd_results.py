"""Thin handlers of the focus-group results (drafters): agreement and disagreements."""

from __future__ import annotations

from flask import render_template

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.service import campaign_or_404, newest_first
from ..fgd import service
from ..fgd.record import competency_labels
from ..i18n import current_language
from ..results import agreement
from ..results import service as analysis


@role_required(Role.DRAFTER)
def campaigns() -> str:
    return render_template(
        "fgd/campaigns.html",
        campaigns=[(c, len(service.finalized_sessions(c))) for c in newest_first()],
    )


@role_required(Role.DRAFTER)
def campaign(slug: str) -> str:
    found = campaign_or_404(slug)
    sessions = service.finalized_sessions(found)
    survey = service.survey_of(found)
    each, pooled = agreement.fgd_agreement(sessions)
    return render_template(
        "fgd/campaign.html",
        campaign=found,
        sessions=sessions,
        lang=current_language(),
        needs=service.merged_needs(sessions),
        codes=competency_labels(survey),
        survey=survey,
        agreement=each,
        pooled=pooled,
        disagreements=analysis.disagreements(found, current_language()) if sessions else [],
    )
