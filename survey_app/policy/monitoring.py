"""Section 7 of the draft: monitoring and evaluation.

The thresholds for adjusting training material are the wave comparison of the dashboard
(:mod:`survey_app.results.waves`): an item's gap compared between two survey waves,
Holm-adjusted, flagged as need reduced, persists or grew. The indicators are those of
the evaluation report (:mod:`survey_app.monitoring.indicators`), with the same values.
"""

from __future__ import annotations

from ..results.labels import wave_flags
from .blocks import Block, Bullets, Heading, Paragraph, Section, Table
from .facts import Facts
from .indicator_table import indicator_table
from .words import _


def monitoring(facts: Facts) -> Section:
    blocks: list[Block] = [
        Heading(_("Indicators")),
        Paragraph(
            _(
                "The indicators below are measured at every evaluation; the evaluation "
                "report of the series prints the same values."
            )
        ),
        indicator_table(facts.indicators),
        *_no_hours_note(facts),
        Heading(_("Schedule of evaluation")),
        _schedule(facts),
        Heading(_("Thresholds for adjusting the training material")),
        Paragraph(
            _(
                "At each new survey wave, the gap of every competency is compared with the "
                "previous wave (Mann-Whitney test, p-values adjusted for the number of "
                "competencies by Holm's method):"
            )
        ),
        Bullets(
            [
                _(
                    "Need reduced (the gap fell significantly): keep the programme for new "
                    "staff, reduce its volume for the others."
                ),
                _(
                    "Persists (no significant change): review the material and the method "
                    "with the learning and behaviour evaluations before repeating it."
                ),
                _(
                    "Need grew (the gap rose significantly): raise the priority and revise "
                    "the material; check the cause in a focus group."
                ),
            ]
        ),
        *_last_comparison(facts),
    ]
    return Section(7, _("Monitoring and evaluation"), blocks)


def _no_hours_note(facts: Facts) -> list[Block]:
    """Say why there is no baseline of lesson hours, rather than leave it out silently."""
    if "training_hours" in facts.analysis.form.by_role:
        return []
    note = _(
        "No baseline of lesson hours: the questionnaire has no question with the role "
        "training_hours (JP attended in the last 12 months)."
    )
    return [Paragraph(note, "note")]


def _schedule(facts: Facts) -> Table:
    rows = [
        [_("Now"), _("This survey and the focus groups"), _("Baseline of the needs")],
        [
            _("At the end of each programme"),
            _("Reaction and learning"),
            _("Satisfaction; pre/post test"),
        ],
        [
            _("3-6 months after each programme"),
            _("Behaviour"),
            _("Use on the job (participant and supervisor)"),
        ],
        [
            _("After 12 months"),
            _("Next survey wave (same questionnaire)"),
            _("Wave comparison: need reduced, persists or grew"),
        ],
    ]
    return Table(
        _("Evaluation waves"),
        [_("When"), _("What"), _("Measure")],
        rows,
        _("Post-training evaluation is a duty of the head of the government (Art. 203)."),
    )


def _last_comparison(facts: Facts) -> list[Block]:
    waves, previous = facts.waves, facts.previous
    if waves is None or previous is None:
        return [Paragraph(_("This is the first survey wave: it is the baseline."))]
    if waves.suppressed:
        return [
            Paragraph(
                _(
                    "The comparison with “%(title)s” is suppressed: a wave has fewer than "
                    "%(k)s responses.",
                    title=previous.title,
                    k=waves.min_cell,
                ),
                "note",
            )
        ]
    flags = wave_flags()
    rows = [[row.code, row.label, flags.get(row.flag, row.flag)] for row in waves.rows]
    caption = _("Compared with the previous wave “%(title)s”", title=previous.title)
    return [Table(caption, [_("Code"), _("Competency"), _("Change")], rows)]
