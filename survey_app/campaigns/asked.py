"""The form a campaign asks: its version's, less the competencies it does not target."""

from __future__ import annotations

from ..questionnaire import Form
from ..versions.service import form_of
from .models import Campaign

#: (content hash, targeted codes) -> the narrowed form; a handful per process.
_NARROWED: dict[tuple[str, tuple[str, ...]], Form] = {}
_LIMIT = 256


def campaign_form(campaign: Campaign) -> Form:
    """The version's parsed form; for a targeted campaign, the untargeted repeated
    questions are not asked. No query beyond the version's (cached) parse."""
    form = form_of(campaign.version)
    if campaign.targeted_codes is None:
        return form
    key = (form.content_hash, tuple(campaign.targeted_codes))
    if (narrowed := _NARROWED.get(key)) is None:
        if len(_NARROWED) >= _LIMIT:
            _NARROWED.clear()
        narrowed = _NARROWED[key] = form.asking_only(key[1])
    return narrowed
