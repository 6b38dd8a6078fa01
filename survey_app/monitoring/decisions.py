"""Evaluators' decisions on the adjust-material flags: adjust, keep or retire.

A flag is named by its activity, rule and competency code (none for the relevance rule).
A later decision on the same flag supersedes the earlier ones, which stay as its history.
Every decision is audited. Flushes, never commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import audit
from ..analysis.flags import LOW_RELEVANCE
from ..auth.models import User
from ..extensions import db
from ..training.models import TrainingActivity
from .models import RULES, Decision, EvaluationDecision

#: The longest "what to change" and note kept.
MAX_TEXT = 2000

FlagKey = tuple[str, str | None]


@dataclass(frozen=True)
class DecisionInput:
    """A decision as posted (web form or CLI), before it is checked."""

    rule: str
    code: str | None
    decision: str
    what_to_change: str = ""
    note: str = ""


@dataclass
class DecisionError(ValueError):
    """The decision is refused: a message per field."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {message}" for name, message in self.errors.items())


def record_decision(
    activity: TrainingActivity, data: DecisionInput, user: User | None
) -> EvaluationDecision:
    """Store a decision on one flag of ``activity``; raises :class:`DecisionError`,
    writing nothing, when it is incomplete or names no flag the activity can have."""
    errors = check(activity, data)
    if errors:
        raise DecisionError(errors)
    adjust = data.decision == Decision.ADJUST
    decision = EvaluationDecision(
        activity_id=activity.id,
        rule=data.rule,
        code=data.code or None,
        decision=Decision(data.decision),
        what_to_change=data.what_to_change.strip() if adjust else None,
        note=data.note.strip() or None,
        decided_by=user.id if user is not None else None,
        period=str(activity.ends_on.year),
    )
    db.session.add(decision)
    db.session.flush()
    details = {"rule": data.rule, "code": data.code, "decision": data.decision}
    audit.record("evaluation.decision", "training_activity", activity.id, **details)
    return decision


def check(activity: TrainingActivity, data: DecisionInput) -> dict[str, str]:
    """Every problem of ``data``, by field; empty when it may be stored."""
    errors = _flag_errors(activity, data)
    if data.decision not in {d.value for d in Decision}:
        errors["decision"] = _("Choose adjust, keep or retire.")
    elif data.decision == Decision.ADJUST and not data.what_to_change.strip():
        errors["what_to_change"] = _("Say what to change in the material.")
    if len(data.what_to_change.strip()) > MAX_TEXT:
        errors["what_to_change"] = _("At most %(n)s characters.", n=MAX_TEXT)
    if len(data.note.strip()) > MAX_TEXT:
        errors["note"] = _("At most %(n)s characters.", n=MAX_TEXT)
    return errors


def _flag_errors(activity: TrainingActivity, data: DecisionInput) -> dict[str, str]:
    if data.rule not in RULES:
        return {"rule": _("Unknown flag.")}
    if data.rule == LOW_RELEVANCE:
        return {"code": _("Unknown flag.")} if data.code else {}
    if data.code not in activity.competency_codes:
        return {"code": _("The activity does not target this competency.")}
    return {}


def decision_history(activity: TrainingActivity) -> dict[FlagKey, list[EvaluationDecision]]:
    """Per flag, its decisions, the latest (the one in force) first."""
    query = (
        sa.select(EvaluationDecision)
        .where(EvaluationDecision.activity_id == activity.id)
        .order_by(EvaluationDecision.decided_at.desc(), EvaluationDecision.id.desc())
    )
    return _by_flag(db.session.scalars(query))


def _by_flag(decisions: Iterable[EvaluationDecision]) -> dict[FlagKey, list[EvaluationDecision]]:
    history: dict[FlagKey, list[EvaluationDecision]] = {}
    for decision in decisions:
        history.setdefault((decision.rule, decision.code), []).append(decision)
    return history


def decider_names(decisions: Iterable[EvaluationDecision]) -> dict[int, str]:
    """The e-mail address of each staff user who decided, by id (one query)."""
    ids = {d.decided_by for d in decisions if d.decided_by is not None}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(User.id, User.email).where(User.id.in_(ids)))
    return {user_id: email for user_id, email in rows}
