"""Section 4 of the evaluation report: the adjust-material flags of each activity with
their evidence (the numbers that crossed the threshold), its weakest items, and the
evaluators' decisions (the one in force, and every decision of the period)."""

from __future__ import annotations

from flask_babel import format_date

from ..monitoring.flags import ActivityFlags, Flag
from ..monitoring.flags_text import evidence_text, rule_name, subject
from ..monitoring.models import Decision, EvaluationDecision
from .blocks import Block, Bullets, Heading, Paragraph, Section, Table
from .evaluation_report_facts import ReportFacts
from .numbers import count, num
from .words import _


def flags_section(facts: ReportFacts) -> Section:
    flagged = [f for f in facts.flags if f.flagged]
    blocks: list[Block] = [Paragraph(_intro(len(flagged), len(facts.flags)))]
    for activity_flags in flagged:
        blocks += _activity_blocks(activity_flags)
    calm = [f.activity.title for f in facts.flags if not f.flagged]
    if calm:
        blocks.append(Paragraph(_("Not flagged: %(titles)s.", titles="; ".join(calm))))
    blocks += _decisions_blocks(facts)
    return Section(4, _("Flags and decisions"), blocks)


def _intro(flagged: int, total: int) -> str:
    return _(
        "An activity is flagged “adjust the material” when its relevance is below the "
        "threshold, a targeted competency shows no significant learning gain, or a targeted "
        "need did not shrink at the next wave although many in need were trained. "
        "%(flagged)s of %(total)s activities are flagged.",
        flagged=count(flagged),
        total=count(total),
    )


def _activity_blocks(activity_flags: ActivityFlags) -> list[Block]:
    items = [_flag_text(flag) for flag in activity_flags.flags]
    blocks: list[Block] = [Heading(activity_flags.activity.title), Bullets(items)]
    if activity_flags.weakest:
        weakest = ", ".join(f"{w.label} ({num(w.mean.mean)})" for w in activity_flags.weakest)
        blocks.append(Paragraph(_("Weakest items: %(items)s.", items=weakest)))
    return blocks


def _flag_text(flag: Flag) -> str:
    """The flags page's sentence (:mod:`survey_app.monitoring.flags_text`) and its decision."""
    rule, code = flag.evidence.rule, flag.evidence.code
    evidence = f"{subject(rule, code, flag.label)}: {evidence_text(flag)}"
    decision = flag.decision
    if decision is None:
        return _("%(evidence)s No decision yet.", evidence=evidence)
    return _(
        "%(evidence)s Decision: %(decision)s.", evidence=evidence, decision=decision_text(decision)
    )


def decision_labels() -> dict[Decision, str]:
    return {
        Decision.ADJUST: _("adjust the material"),
        Decision.KEEP: _("keep"),
        Decision.RETIRE: _("retire the activity"),
    }


def decision_text(decision: EvaluationDecision) -> str:
    """``adjust the material: what to change (note)``, without doubled full stops."""
    text = decision_labels()[decision.decision]
    if decision.what_to_change:
        text = f"{text}: {decision.what_to_change.rstrip('.')}"
    if decision.note:
        text = f"{text} ({decision.note.rstrip('.')})"
    return text


def _decisions_blocks(facts: ReportFacts) -> list[Block]:
    decisions = facts.period.decisions
    if not decisions:
        return [Paragraph(_("No decision has been recorded for this period yet."), "note")]
    titles = {a.id: a.title for a in facts.period.activities}
    rows = [
        [
            format_date(d.decided_at.date(), "medium"),
            titles.get(d.activity_id, ""),
            rule_name(d.rule) + (f" ({d.code})" if d.code else ""),
            decision_labels()[d.decision],
            d.what_to_change or "",
            d.note or "",
        ]
        for d in decisions
    ]
    header = [_("Date"), _("Activity"), _("Flag"), _("Decision"), _("What to change"), _("Note")]
    return [Table(_("Decisions recorded"), header, rows, kind="decisions")]
