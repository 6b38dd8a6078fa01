"""Keeping mentoring rounds: check, create, edit. Services flush; the request (or the
command) commits. Every change is audited here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from .. import audit
from ..extensions import db
from .matching import PARTS, MatchingError, Weights, weights_from
from .models import MentoringRound, OpdPreference
from .rounds import get_round

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
#: Bounds that keep a typing slip out (and inside a database integer).
#: Addresses under /m/ that belong to the personal links, not to a round.
RESERVED = frozenset({"p"})
MAX_JP, MAX_MONTHLY, MAX_CAPACITY, MAX_WEEKS = 40, 31, 50, 52


@dataclass(frozen=True)
class RoundInput:
    """A round as entered (web form or CLI), before it is checked."""

    title: str
    slug: str
    enrol_opens_on: dt.date
    enrol_closes_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    jp_per_session: int = 2
    max_sessions_per_month: int = 2
    mentees_per_mentor: int = 3
    opd_preference: str = OpdPreference.ANY.value
    weights: dict[str, float] = field(default_factory=dict)
    silent_after_weeks: int = 4


@dataclass
class RoundError(ValueError):
    """The round is refused: a message per field."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {message}" for name, message in self.errors.items())


def default_weights() -> dict[str, float]:
    weights = Weights()
    return {name: float(getattr(weights, name)) for name in PARTS}


def check(data: RoundInput, current: MentoringRound | None = None) -> dict[str, str]:
    """Every problem of ``data`` by field; empty when it may be saved."""
    errors = _text_errors(data, current) | _period_errors(data) | _number_errors(data)
    if data.opd_preference not in set(OpdPreference):
        errors["opd_preference"] = _("Choose one of the listed values.")
    try:
        weights_from(data.weights)
    except MatchingError as exc:
        errors["weights"] = str(exc)
    return errors


def _text_errors(data: RoundInput, current: MentoringRound | None) -> dict[str, str]:
    errors = {}
    if not data.title.strip():
        errors["title"] = _("This field is required.")
    elif len(data.title) > 200:
        errors["title"] = _("At most %(max)d characters.", max=200)
    if not SLUG.fullmatch(data.slug) or data.slug in RESERVED:
        errors["slug"] = _("2-63 lower-case letters, digits or dashes.")
    elif (other := get_round(data.slug)) is not None and other is not current:
        errors["slug"] = _("Another round already has this address.")
    return errors


def _period_errors(data: RoundInput) -> dict[str, str]:
    errors = {}
    if data.enrol_closes_on < data.enrol_opens_on:
        errors["enrol_closes_on"] = _("The end date is before the start date.")
    if data.ends_on < data.starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    elif data.starts_on < data.enrol_opens_on:
        errors["starts_on"] = _("The round cannot start before enrolment opens.")
    return errors


def _number_errors(data: RoundInput) -> dict[str, str]:
    bounds = (
        ("jp_per_session", data.jp_per_session, MAX_JP),
        ("max_sessions_per_month", data.max_sessions_per_month, MAX_MONTHLY),
        ("mentees_per_mentor", data.mentees_per_mentor, MAX_CAPACITY),
        ("silent_after_weeks", data.silent_after_weeks, MAX_WEEKS),
    )
    return {
        name: _("A whole number from 1 to %(max)d.", max=most)
        for name, value, most in bounds
        if not 1 <= value <= most
    }


def _validated(data: RoundInput, current: MentoringRound | None = None) -> None:
    errors = check(data, current)
    if errors:
        raise RoundError(errors)


def _apply(round: MentoringRound, data: RoundInput) -> None:
    round.title = data.title.strip()
    round.slug = data.slug
    round.enrol_opens_on, round.enrol_closes_on = data.enrol_opens_on, data.enrol_closes_on
    round.starts_on, round.ends_on = data.starts_on, data.ends_on
    round.jp_per_session = data.jp_per_session
    round.max_sessions_per_month = data.max_sessions_per_month
    round.mentees_per_mentor = data.mentees_per_mentor
    round.opd_preference = OpdPreference(data.opd_preference)
    round.weights = default_weights() | {k: float(v) for k, v in data.weights.items()}
    round.silent_after_weeks = data.silent_after_weeks


def create_round(data: RoundInput) -> MentoringRound:
    _validated(data)
    round = MentoringRound()
    _apply(round, data)
    db.session.add(round)
    db.session.flush()
    audit.record("mentoring.round_create", "mentoring_round", round.id, slug=round.slug)
    return round


def update_round(round: MentoringRound, data: RoundInput) -> None:
    """Check and save an edit; the audit event names the fields that changed."""
    _validated(data, round)
    before = as_input(round)
    _apply(round, data)
    db.session.flush()
    after = as_input(round)
    changed = sorted(k for k in vars(after) if getattr(after, k) != getattr(before, k))
    audit.record("mentoring.round_update", "mentoring_round", round.id, changed=changed)


def as_input(round: MentoringRound) -> RoundInput:
    return RoundInput(
        title=round.title,
        slug=round.slug,
        enrol_opens_on=round.enrol_opens_on,
        enrol_closes_on=round.enrol_closes_on,
        starts_on=round.starts_on,
        ends_on=round.ends_on,
        jp_per_session=round.jp_per_session,
        max_sessions_per_month=round.max_sessions_per_month,
        mentees_per_mentor=round.mentees_per_mentor,
        opd_preference=round.opd_preference.value,
        weights=dict(round.weights or {}),
        silent_after_weeks=round.silent_after_weeks,
    )
