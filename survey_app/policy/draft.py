"""The policy draft of a campaign, as blocks, in one language (Indonesian by default)."""

from __future__ import annotations

from flask_babel import force_locale, format_date

from ..campaigns.models import Campaign
from ..clock import local_today
from .appendix import appendix
from .blocks import Draft
from .closing import closing
from .facts import Facts, gather
from .fgd_findings import fgd_findings
from .intro import introduction, method
from .mentoring import mentoring
from .monitoring import monitoring
from .needs import priorities
from .plan import recommendations
from .words import _

LANGUAGES = ("id", "en")


def build_draft(campaign: Campaign, language: str = "id") -> Draft:
    """Read the campaign once and write every section in ``language``."""
    with force_locale(language):
        return compose(gather(campaign, language), language)


def compose(facts: Facts, language: str) -> Draft:
    """Must run under ``force_locale(language)``: the prose and numbers are final here."""
    sections = [
        introduction(facts),
        method(facts),
        priorities(facts),
        fgd_findings(facts),
        recommendations(facts),
        mentoring(facts),
        monitoring(facts),
        closing(),
    ]
    imprint = _(
        "%(organisation)s · prepared on %(date)s from the consultation data",
        organisation=facts.organisation,
        date=format_date(local_today(), "long"),
    )
    subtitle = _("Consultation “%(title)s”", title=facts.campaign.title)
    return Draft(
        _("Draft career-development policy"),
        subtitle,
        imprint,
        language,
        sections,
        appendix(facts),
    )
