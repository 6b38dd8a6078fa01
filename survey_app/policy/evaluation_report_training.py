"""Sections 1 and 2 of the evaluation report: what was trained (and how far it covered
the baseline wave's needs), and whether participants found it relevant (Kirkpatrick 1-3).

Suppression as on the pages: an evaluation below its minimum cell size shows no figure,
an item answered by too few shows none of its own, a suppressed need no rank.
"""

from __future__ import annotations

from flask_babel import format_date

from ..analysis.evaluation import MeanCI, Share
from ..training.coverage import Coverage, CoverageRow
from ..training.evaluation import ActivityEvaluation, ItemResult, LearningRow
from ..training.models import TrainingActivity, form_label
from .blocks import Block, Heading, Paragraph, Quote, Section, Table
from .evaluation_report_facts import ReportFacts
from .numbers import DASH, count, num, percent
from .words import _


def trained(facts: ReportFacts) -> Section:
    title = _("What was trained")
    activities = facts.period.activities
    if not activities:
        text = _("No training activity ended in %(period)s.", period=facts.period.period)
        return Section(1, title, [Paragraph(text, "note")])
    summary = _(
        "%(n)s training activities ended in %(period)s: %(jp)s JP for %(people)s participants.",
        n=count(len(activities)),
        period=facts.period.period,
        jp=count(sum(a.jp for a in activities)),
        people=count(sum(a.participants for a in activities)),
    )
    blocks: list[Block] = [Paragraph(summary), _activity_table(activities)]
    return Section(1, title, blocks + _coverage_blocks(facts))


def _activity_table(activities: tuple[TrainingActivity, ...]) -> Table:
    rows = [
        [
            a.title,
            form_label(a.form),
            f"{format_date(a.starts_on, 'medium')} \N{EN DASH} {format_date(a.ends_on, 'medium')}",
            count(a.jp),
            count(a.participants),
            ", ".join(a.competency_codes),
        ]
        for a in activities
    ]
    header = [_("Activity"), _("Form"), _("Dates"), _("JP"), _("Participants")]
    return Table(_("Training activities"), [*header, _("Targeted competencies")], rows)


def _coverage_blocks(facts: ReportFacts) -> list[Block]:
    wave = facts.baseline.title or facts.baseline.slug
    if facts.coverage is None:
        text = _("The needs of “%(wave)s” are suppressed: too few responses.", wave=wave)
        return [Paragraph(text, "note")]
    rows = [_coverage_row(r) for r in _covered_or_top(facts.coverage)]
    header = [_("Rank"), _("Code"), _("Competency"), _("JP"), _("Participants")]
    header += [_("Estimated civil servants in need"), _("Trained per person in need")]
    note = _untargeted_note(facts.coverage)
    caption = _("Coverage of the needs of “%(wave)s”", wave=wave)
    return [Table(caption, header, rows, note, "coverage")]


def _covered_or_top(coverage: Coverage) -> list[CoverageRow]:
    """The needs some activity targets, and the top needs none does."""
    return [row for row in coverage.rows if row.activities or row.untargeted_top]


def _coverage_row(row: CoverageRow) -> list[str]:
    if row.suppressed:
        return [DASH, row.code, row.label, *[_("suppressed")] * 4]
    return [
        count(row.rank),
        row.code,
        row.label,
        count(row.jp),
        count(row.participants),
        count(row.estimated_headcount),
        percent(row.share_trained) if row.activities else _("no training"),
    ]


def _untargeted_note(coverage: Coverage) -> str:
    missing = coverage.untargeted
    if not missing:
        return _("Every top need was targeted by at least one activity.")
    codes = ", ".join(f"{row.code} {row.label}" for row in missing)
    return _("Top needs no activity targeted: %(codes)s.", codes=codes)


def relevance(facts: ReportFacts) -> Section:
    blocks: list[Block] = [
        Paragraph(
            _(
                "Per activity, from its post-training evaluation: means with a 95% t "
                "interval, the share agreeing (4 or 5 of 5) with a Wilson interval, and the "
                "retrospective learning gain per targeted competency (Wilcoxon signed-rank "
                "test, p-values adjusted by Holm's method)."
            )
        )
    ]
    comments = {f.activity.id: f.comments for f in facts.flags}
    for activity in facts.period.activities:
        evaluation = facts.period.evaluations.get(activity.id)
        blocks += [Heading(activity.title), *_evaluation_blocks(evaluation)]
        blocks += [
            Quote(text, _("Participant, screened")) for text in comments.get(activity.id, ())
        ]
    if not facts.period.activities:
        blocks.append(Paragraph(_("No activity to evaluate in this period."), "note"))
    return Section(2, _("Whether the training was relevant"), blocks)


def _evaluation_blocks(evaluation: ActivityEvaluation | None) -> list[Block]:
    if evaluation is None:
        return [Paragraph(_("No evaluation campaign yet."), "note")]
    if evaluation.suppressed:
        text = _(
            "Fewer than %(k)s responses: suppressed to protect anonymity.",
            k=evaluation.min_cell_size,
        )
        return [Paragraph(text, "note")]
    blocks: list[Block] = [_items_table(evaluation)]
    if evaluation.learning:
        blocks.append(_learning_table(list(evaluation.learning.values())))
    return blocks


def _items_table(evaluation: ActivityEvaluation) -> Table:
    items = [evaluation.relevance, *evaluation.reaction, evaluation.transfer]
    rows = [_item_row(item) for item in items if item is not None]
    header = [_("Item"), _("n"), _("Mean (95% CI)"), _("Agreeing (95% CI)")]
    caption = _("Reaction and transfer (n = %(n)s)", n=count(evaluation.n))
    return Table(caption, header, rows, kind="evaluation-items")


def _item_row(item: ItemResult) -> list[str]:
    if item.mean is None or item.agreeing is None:
        return [item.label, count(item.n), _("suppressed"), _("suppressed")]
    return [item.label, count(item.n), _mean(item.mean), _share(item.agreeing)]


def _mean(mean: MeanCI) -> str:
    return f"{num(mean.mean)} ({num(mean.low)}\N{EN DASH}{num(mean.high)})"


def _share(share: Share) -> str:
    return f"{percent(share.share)} ({percent(share.low)}\N{EN DASH}{percent(share.high)})"


def _learning_table(rows: list[LearningRow]) -> Table:
    header = [_("Code"), _("Competency"), _("n"), _("Before → now"), _("Mean gain")]
    header += [_("Effect size r"), _("p (Holm)")]
    return Table(_("Learning: retrospective gain"), header, [_learning_row(r) for r in rows])


def _learning_row(row: LearningRow) -> list[str]:
    gain = row.gain
    if gain is None:
        return [row.code, row.label, count(row.n), *[_("suppressed")] * 4]
    before_now = f"{num(gain.mean_before)} → {num(gain.mean_after)}"
    return [
        row.code,
        row.label,
        count(row.n),
        before_now,
        num(gain.mean_gain),
        num(gain.effect),
        p_text(gain.p_adjusted),
    ]


def p_text(p: float | None) -> str:
    if p is None:
        return DASH
    return f"< {num(0.001, '0.000')}" if p < 0.001 else num(p, "0.000")
