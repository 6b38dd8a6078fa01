"""Sections 1 and 2 of the draft: introduction (purpose, legal basis, process) and method."""

from __future__ import annotations

from ..respond.stats import response_rate
from ..results.labels import competency_group
from .blocks import Block, Bullets, Paragraph, Section, Table
from .facts import Facts
from .numbers import count, interval, num, percent
from .words import _


def introduction(facts: Facts) -> Section:
    campaign = facts.campaign
    return Section(
        1,
        _("Introduction"),
        [
            Paragraph(
                _(
                    "This draft sets out the competency-development needs of the civil "
                    "servants (ASN) served by %(organisation)s, as found by the consultation "
                    "“%(title)s”. It is the basis of the career-development policy and of the "
                    "annual competency-development plan.",
                    organisation=facts.organisation,
                    title=campaign.title,
                )
            ),
            Paragraph(_("Legal basis:")),
            Bullets(
                [
                    _(
                        "PP 11/2017 as amended by PP 17/2020, Art. 203-207: every civil servant "
                        "has the right to at least 20 lesson hours (JP) of competency "
                        "development a year; the head of the government sets the needs and the "
                        "plan, carries them out and evaluates them. The plan names the "
                        "competencies, the target civil servants, the type and route of "
                        "development, the provider, the schedule and the budget."
                    ),
                    _(
                        "UU 20/2023 on the civil service, Art. 49: every civil servant keeps "
                        "learning through integrated learning."
                    ),
                    _("PermenPANRB 38/2017: the competency standard (codes M.1-M.8, SK.1)."),
                    _("Peraturan LAN 10/2018: classroom and non-classroom forms of development."),
                    _("UU 27/2022 on personal data protection."),
                ]
            ),
            Paragraph(
                _(
                    "The consultation had two parts: an anonymous survey of civil servants "
                    "(the competency-development needs analysis, AKPK) and focus-group "
                    "discussions (%(sessions)s finalized session(s)). The drafting team turns "
                    "their results into the recommendations below, for the budget team.",
                    sessions=len(facts.sessions),
                )
            ),
        ],
    )


def method(facts: Facts) -> Section:
    return Section(
        2,
        _("Method"),
        [
            *_instrument(facts),
            *_reliability(facts),
            Paragraph(
                _(
                    "Each respondent rated every competency twice on a 1-5 scale: how important "
                    "it is for their work, and how well they master it. The gap between the two, "
                    "weighted by the importance, gives the Borich mean weighted discrepancy score "
                    "(MWDS): the higher it is, the more training is needed. Each MWDS has a "
                    "%(level)s confidence interval; when the intervals of two competencies "
                    "overlap, the survey cannot tell their order apart. A respondent counts as "
                    "in need of a competency when its importance exceeds their mastery by at "
                    "least one point; from that share and the population the number of civil "
                    "servants in need is estimated. The importance-performance chart places each "
                    "competency by its mean importance and mean mastery.",
                    level="95%",
                )
            ),
            Paragraph(_("Privacy safeguards:")),
            Bullets(_safeguards(facts)),
        ],
    )


def _instrument(facts: Facts) -> list[Block]:
    analysis = facts.analysis
    version = analysis.campaign.version
    n, population = analysis.data.n, analysis.campaign.population
    rate = response_rate(n, population)
    sample = (
        _(
            "%(n)s civil servants answered, of a target population of %(population)s: a "
            "response rate of %(rate)s.",
            n=count(n),
            population=count(population),
            rate=percent(rate),
        )
        if rate is not None
        else _("%(n)s civil servants answered; the target population was not recorded.", n=count(n))
    )
    return [
        Paragraph(
            _(
                "Instrument: the questionnaire “%(title)s” (%(form)s, version %(label)s, "
                "stored as version %(number)s).",
                title=analysis.form.text(analysis.form.spec.title, analysis.language),
                form=analysis.form.form_id,
                label=analysis.form.spec.version,
                number=version.number,
            )
        ),
        Paragraph(sample),
    ]


def _reliability(facts: Facts) -> list[Block]:
    rows = [row for row in facts.reliability if row["deletion"] == "listwise"]
    if not rows:
        return []
    return [
        Table(
            _("Reliability: Cronbach's alpha per competency group"),
            [
                _("Group"),
                _("Rating"),
                _("Items"),
                _("Alpha"),
                _("%(level)s CI", level="95%"),
                _("n"),
            ],
            [
                [
                    competency_group(row["group"]),
                    _dimension(row["dimension"]),
                    str(row["k"]),
                    num(row["alpha"], "0.00"),
                    interval(row["ci"]),
                    count(row["n"]),
                ]
                for row in rows
            ],
            note=_(
                "Respondents who answered every item of the group (listwise). An alpha of "
                "0.70 or more is usually read as consistent."
            ),
        )
    ]


def _dimension(name: str) -> str:
    return _("Importance") if name == "importance" else _("Competence")


def _safeguards(facts: Facts) -> list[str]:
    return [
        _(
            "The survey is anonymous by design: no name, NIP, birth date, e-mail, telephone or "
            "work unit below the agency level is asked, and no answer is linked to an invitation."
        ),
        _(
            "Background questions are asked in bands (status, position type, rank, years of "
            "service)."
        ),
        _(
            "No group of fewer than %(k)s respondents is reported, and a further group is hidden "
            "when the small one could otherwise be worked out by subtraction.",
            k=facts.min_cell,
        ),
        _(
            "Answer distributions (preferred forms of development, mentoring, lesson hours) are "
            "shown only when at least %(k)s respondents answered, and an answer given by fewer "
            "than %(k)s is hidden: the stricter threshold the privacy rules set for "
            "distributions.",
            k=facts.min_distribution,
        ),
        _(
            "Free-text answers are never copied into this draft. Focus-group quotes appear only "
            "when a drafter has selected and screened them, under a pseudonym (P1, P2, …)."
        ),
    ]
