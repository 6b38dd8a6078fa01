"""Section 4 of the draft: what the focus groups found.

Quotes come only from :func:`survey_app.policy.quotes.selected_quotes`: the texts a
drafter screened. Notes, unselected quotes and survey free text never appear.
"""

from __future__ import annotations

from ..analysis import KendallW
from ..fgd.record import competency_labels
from .blocks import Block, Heading, Paragraph, Quote, Section, Table
from .facts import Facts
from .numbers import DASH, num
from .words import _

#: Needs listed in the themes table: the most-discussed ones.
TOP_NEEDS = 10


def fgd_findings(facts: Facts) -> Section:
    title = _("Focus-group findings")
    if not facts.sessions:
        return Section(4, title, [Paragraph(_("No focus-group session has been finalized yet."))])
    blocks: list[Block] = [
        Paragraph(
            _(
                "%(n)s focus-group session(s) were finalized. Participants discussed the "
                "prompts, tagged the needs they raised and ranked the needs (nominal group "
                "technique: the top pick of each participant gets the most points).",
                n=len(facts.sessions),
            )
        ),
        *_themes(facts),
        Heading(_("Representative quotes")),
        *_quotes(facts),
        Heading(_("Agreement on the rankings (Kendall's W)")),
        *_agreement(facts),
    ]
    return Section(4, title, blocks)


def _themes(facts: Facts) -> list[Block]:
    if not facts.needs:
        return [Paragraph(_("The sessions tagged and ranked no needs."))]
    analysis = facts.analysis
    labels = competency_labels(analysis.form)
    rows = [
        [
            need[1:] + " " + _("(new need)")
            if need.startswith("+")
            else f"{need} {analysis.form.text(labels.get(need), analysis.language)}",
            str(evidence.sessions),
            str(evidence.points),
            str(evidence.votes),
        ]
        for need, evidence in list(facts.needs.items())[:TOP_NEEDS]
    ]
    return [
        Heading(_("Themes: the needs raised")),
        Table(
            _("Needs across sessions"),
            [_("Need"), _("Sessions"), _("Points"), _("Votes")],
            rows,
            _(
                "Sorted by nominal-group points, then by the number of sessions that raised "
                "the need."
            ),
        ),
    ]


def _quotes(facts: Facts) -> list[Block]:
    if not facts.quotes:
        return [
            Paragraph(
                _("No quote has been selected and screened for this draft yet."),
                "note",
            )
        ]
    return [
        Quote(
            quote.selection.screened_text if quote.selection else "",
            f"{quote.speaker}, {quote.session.title} ({quote.prompt_label})",
        )
        for quote in facts.quotes
    ]


def _agreement(facts: Facts) -> list[Block]:
    lines = [f"{item.session.title}: {_kendall(item.result)}" for item in facts.each_agreement]
    lines.append(f"{_('All sessions')}: {_kendall(facts.pooled_agreement)}")
    return [
        Paragraph(
            _(
                "W runs from 0 (no agreement) to 1 (the same ranking). “All sessions” pools "
                "every participant of every session as a rater."
            )
        ),
        *(Paragraph(line) for line in lines),
    ]


def _kendall(result: KendallW | None) -> str:
    if result is None:
        return _("W undefined (fewer than 2 participants or needs ranked)")
    return _(
        "W = %(w)s, chi-square(%(df)s) = %(chi2)s, p = %(p)s (%(raters)s participants, "
        "%(items)s needs)",
        w=num(result.w, "0.000"),
        df=result.df,
        chi2=num(result.chi2),
        p=DASH if result.p != result.p else num(result.p, "0.000"),
        raters=result.raters,
        items=result.items,
    )
