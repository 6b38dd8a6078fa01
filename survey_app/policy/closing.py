"""Section 8 of the draft: the closing section (*Penutup*), before the appendix.

A policy document ends its body with what happens next, then the appendix follows; the
draft used to end on an appendix table.
"""

from __future__ import annotations

from .blocks import Bullets, Heading, Paragraph, Section
from .words import _

NUMBER = 8


def closing() -> Section:
    return Section(
        NUMBER,
        _("Closing"),
        [
            Paragraph(
                _(
                    "This draft sets out what the consultation found: the priority competency "
                    "needs, the forms of development the civil servants prefer, a mentoring "
                    "programme and how the results will be monitored. It is not yet a policy: "
                    "the drafting team reviews it, completes the annual plan and proposes it "
                    "to the head of the government (PPK) for approval."
                )
            ),
            Heading(_("Next steps")),
            Bullets(_next_steps()),
            Paragraph(
                _(
                    "The appendix gives the full priority table and the priorities of each "
                    "group of respondents, for the drafting team's checks."
                )
            ),
        ],
    )


def _next_steps() -> list[str]:
    return [
        _(
            "Discuss the priorities and the recommendations with the heads of the work units "
            "(OPD) and the focus-group facilitators."
        ),
        _(
            "Set the provider, the schedule and the budget of each programme in the annual "
            "plan (section 5) and include them in the budget proposal."
        ),
        _(
            "Once approved, publish the competency-development plan, carry it out and "
            "evaluate it as set out in section 7."
        ),
        _(
            "Repeat the survey with the same questionnaire after 12 months, so that the "
            "change in each need can be measured."
        ),
    ]
