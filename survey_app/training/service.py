"""Keeping training activities: validate, create, edit, list. Services flush; the
request (or the command) commits. Every change is audited here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import audit
from ..campaigns.models import Campaign
from ..campaigns.service import get_campaign
from ..extensions import db
from ..results.priorities import competencies
from ..versions.cache import form_of
from ..versions.models import Questionnaire, QuestionnaireVersion
from .models import DevelopmentForm, TrainingActivity

#: The fields an activity is entered with: the CSV columns, in this order.
FIELDS = (
    "title",
    "provider",
    "form",
    "competencies",
    "start",
    "end",
    "jp",
    "participants",
    "campaign",
)

#: Bounds that keep a typing slip out of the totals (and inside a database integer).
MAX_JP = 10_000
MAX_PARTICIPANTS = 1_000_000


@dataclass(frozen=True)
class ActivityInput:
    """An activity as entered (web form, CLI or CSV row), before it is checked."""

    title: str
    provider: str
    form: str
    codes: tuple[str, ...]
    starts_on: dt.date | None
    ends_on: dt.date | None
    jp: int | None
    participants: int | None
    #: A campaign slug, or empty for none.
    campaign: str = ""


@dataclass
class ActivityError(ValueError):
    """The entry is refused: a message per field (:data:`FIELDS`)."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {message}" for name, message in self.errors.items())


def known_codes() -> set[str]:
    """The competency codes of every loaded questionnaire version."""
    surveys = (
        sa.select(QuestionnaireVersion).join(Questionnaire).where(Questionnaire.kind == "survey")
    )
    versions = db.session.scalars(surveys)
    return {item.code for version in versions for item in competencies(form_of(version))}


def check(data: ActivityInput, codes: set[str]) -> dict[str, str]:
    """Every problem of ``data``, by field; empty when it may be saved."""
    errors = _text_errors(data) | _number_errors(data)
    if data.form not in set(DevelopmentForm):
        errors["form"] = _("Unknown form of development: %(form)s.", form=data.form)
    unknown = sorted(set(data.codes) - codes)
    if not data.codes:
        errors["competencies"] = _("Name at least one competency code.")
    elif unknown:
        errors["competencies"] = _(
            "Unknown competency code(s): %(codes)s.", codes=", ".join(unknown)
        )
    if data.campaign and get_campaign(data.campaign) is None:
        errors["campaign"] = _("No campaign %(slug)s.", slug=data.campaign)
    return errors


def _text_errors(data: ActivityInput) -> dict[str, str]:
    errors = {}
    for name, value in (("title", data.title), ("provider", data.provider)):
        if not value.strip():
            errors[name] = _("This field is required.")
        elif len(value) > 200:
            errors[name] = _("At most 200 characters.")
    return errors


def _number_errors(data: ActivityInput) -> dict[str, str]:
    errors = {}
    if data.starts_on is None:
        errors["start"] = _("This field is required.")
    if data.ends_on is None:
        errors["end"] = _("This field is required.")
    elif data.starts_on is not None and data.ends_on < data.starts_on:
        errors["end"] = _("The end date is before the start date.")
    if data.jp is None or not 1 <= data.jp <= MAX_JP:
        errors["jp"] = _("JP must be a whole number from 1 to %(max)d.", max=MAX_JP)
    if data.participants is None or not 0 <= data.participants <= MAX_PARTICIPANTS:
        errors["participants"] = _(
            "Participants must be a whole number from 0 to %(max)d.", max=MAX_PARTICIPANTS
        )
    return errors


def _validated(data: ActivityInput, codes: set[str] | None = None) -> None:
    errors = check(data, known_codes() if codes is None else codes)
    if errors:
        raise ActivityError(errors)


def _apply(activity: TrainingActivity, data: ActivityInput) -> None:
    """Copy checked ``data`` (see :func:`_validated`) onto ``activity``."""
    starts_on, ends_on, jp, participants = data.starts_on, data.ends_on, data.jp, data.participants
    if starts_on is None or ends_on is None or jp is None or participants is None:
        raise ActivityError(check(data, set(data.codes)))  # _validated refused it already
    campaign = get_campaign(data.campaign) if data.campaign else None
    activity.title = data.title.strip()
    activity.provider = data.provider.strip()
    activity.form = DevelopmentForm(data.form)
    activity.competency_codes = list(dict.fromkeys(data.codes))
    activity.starts_on = starts_on
    activity.ends_on = ends_on
    activity.jp = jp
    activity.participants = participants
    activity.campaign_id = campaign.id if campaign else None


def create_activity(data: ActivityInput, codes: set[str] | None = None) -> TrainingActivity:
    """Check and add an activity; :class:`ActivityError` when it may not be saved."""
    _validated(data, codes)
    activity = TrainingActivity()
    _apply(activity, data)
    db.session.add(activity)
    db.session.flush()
    audit.record("training.create", "training_activity", activity.id, title=activity.title)
    return activity


def update_activity(activity: TrainingActivity, data: ActivityInput) -> None:
    """Check and save an edit; the audit event names the fields that changed."""
    _validated(data)
    before = snapshot(activity)
    _apply(activity, data)
    db.session.flush()
    after = snapshot(activity)
    changed = sorted(name for name in after if after[name] != before[name])
    audit.record("training.update", "training_activity", activity.id, changed=changed)


def snapshot(activity: TrainingActivity) -> dict[str, object]:
    return {
        "title": activity.title,
        "provider": activity.provider,
        "form": activity.form and str(activity.form),
        "competencies": list(activity.competency_codes or []),
        "start": activity.starts_on,
        "end": activity.ends_on,
        "jp": activity.jp,
        "participants": activity.participants,
        "campaign": activity.campaign_id,
    }


def as_input(activity: TrainingActivity) -> ActivityInput:
    """An activity as an entry, for the edit form."""
    return ActivityInput(
        activity.title,
        activity.provider,
        activity.form.value,
        tuple(activity.competency_codes),
        activity.starts_on,
        activity.ends_on,
        activity.jp,
        activity.participants,
        activity.campaign.slug if activity.campaign else "",
    )


def all_activities() -> list[TrainingActivity]:
    """Newest first."""
    query = sa.select(TrainingActivity).order_by(
        TrainingActivity.starts_on.desc(), TrainingActivity.id.desc()
    )
    return list(db.session.scalars(query))


def get_activity(activity_id: int) -> TrainingActivity | None:
    return db.session.get(TrainingActivity, activity_id)


def activities_for(campaign: Campaign) -> list[TrainingActivity]:
    """What answers a campaign's needs: the activities it motivated and those linked to
    no campaign (an activity motivated by another wave answers that wave)."""
    linked = sa.or_(
        TrainingActivity.campaign_id == campaign.id, TrainingActivity.campaign_id.is_(None)
    )
    query = sa.select(TrainingActivity).where(linked).order_by(TrainingActivity.starts_on)
    return list(db.session.scalars(query))
