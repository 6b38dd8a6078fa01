"""Section 7 of the draft: monitoring and evaluation.

The thresholds for adjusting training material are the wave comparison of the dashboard
(:mod:`survey_app.results.waves`): an item's gap compared between two survey waves,
Holm-adjusted, flagged as need reduced, persists or grew.
"""

from __future__ import annotations

import numpy as np

from ..results.labels import wave_flags
from .blocks import Block, Bullets, Heading, Paragraph, Section, Table
from .facts import Facts
from .numbers import count, percent
from .words import _


def monitoring(facts: Facts) -> Section:
    blocks: list[Block] = [
        Heading(_("Indicators")),
        Bullets(_indicators(facts)),
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


def _indicators(facts: Facts) -> list[str]:
    items = [
        _(
            "Lesson hours: the share of civil servants with at least 20 JP in the year "
            "(PP 11/2017 Art. 203)."
        ),
        _("Reaction and learning: satisfaction and pre/post tests of each programme."),
        _(
            "Behaviour: use on the job 3-6 months after the programme, asked of the "
            "participant and the supervisor."
        ),
        _("Results: the change in each priority competency's MWDS at the next survey wave."),
    ]
    if (baseline := _jp_baseline(facts)) is not None:
        items.append(baseline)
    return items


def _no_hours_note(facts: Facts) -> list[Block]:
    """Say why there is no baseline of lesson hours, rather than leave it out silently."""
    if "training_hours" in facts.analysis.form.by_role:
        return []
    note = _(
        "No baseline of lesson hours: the questionnaire has no question with the role "
        "training_hours (JP attended in the last 12 months)."
    )
    return [Paragraph(note, "note")]


def _jp_baseline(facts: Facts) -> str | None:
    data, question = facts.analysis.data, facts.analysis.form.by_role.get("training_hours")
    if question is None or facts.analysis.too_few or question.name not in data.columns:
        return None
    hours = data.column(question.name).astype(np.float64)
    answered = hours[np.isfinite(hours)]
    below = int(np.count_nonzero(answered < 20))
    if min(below, answered.size - below) < facts.min_distribution:
        return None
    return _(
        "Baseline: %(share)s of the %(n)s respondents had fewer than 20 JP in the last 12 months.",
        share=percent(below / answered.size),
        n=count(answered.size),
    )


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
