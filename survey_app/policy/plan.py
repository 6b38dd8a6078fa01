"""Section 5 of the draft: recommended forms of development for each top need.

The forms are those the respondents prefer (the question with the role
``development_forms``, in the bundled questionnaire ``bentuk_pengembangan``), counted
among the respondents in need of that competency when there are enough of them, else
among all respondents; the text says which. Participants are the estimated headcount in
need; lesson hours (JP) follow the 20 JP rule, stated as an assumption.
"""

from __future__ import annotations

from ..results.service import choice_label
from ..results.tables import ItemResult
from .blocks import Block, Heading, Paragraph, Section, Table
from .facts import Facts
from .numbers import DASH, count, percent
from .words import _

#: Needs that get a recommendation: the top of the ranking.
TOP = 5
#: Lesson hours a year every civil servant is entitled to (PP 11/2017 Art. 203, PP 17/2020).
JP_PER_YEAR = 20
#: Forms shown per need.
FORMS_SHOWN = 3
#: Peraturan LAN 10/2018: classroom forms; every other form is non-classroom.
CLASSROOM = frozenset({"klasikal", "seminar", "bimtek"})


def recommendations(facts: Facts) -> Section:
    title = _("Recommended forms of development")
    top = facts.shown_rows[:TOP]
    if facts.analysis.too_few or not top:
        return Section(5, title, [Paragraph(_("No need can be shown for this campaign."), "note")])
    blocks: list[Block] = [Paragraph(_assumptions(), "note")]
    for row in top:
        blocks += [Heading(f"{row.rank}. {row.code} {row.label}"), _participants(row)]
        blocks += _forms(facts, row.code)
    blocks.append(_plan_table(facts, top))
    return Section(5, title, blocks)


def preferred(facts: Facts, code: str) -> tuple[list[int], int, bool]:
    """Counts per form, their base, and whether they are among those in need of ``code``
    (else among all respondents: too few in need to count separately)."""
    prefs, item = facts.prefs, facts.prefs.codes.index(code)
    if prefs.in_need[item] >= facts.min_distribution:
        return [int(c) for c in prefs.by_need[item]], int(prefs.in_need[item]), True
    return [int(c) for c in prefs.overall], prefs.answered, False


def _assumptions() -> str:
    return _(
        "Assumptions: every participant is planned the annual minimum of %(jp)s lesson hours "
        "(JP) for the need (1 JP = 45 minutes). JP conversion used as a guide: one coaching or "
        "mentoring session = 2 JP (at most 2 a month); one workshop day = 5 JP; one secondment "
        "= 20 JP. Classroom and non-classroom routes follow Peraturan LAN 10/2018.",
        jp=JP_PER_YEAR,
    )


def _participants(row: ItemResult) -> Paragraph:
    if row.estimated_headcount is None:
        return Paragraph(
            _(
                "%(share)s of respondents are in need. The population is not recorded, so the "
                "number of participants cannot be estimated; plan %(jp)s JP per participant.",
                share=percent(row.share_in_need),
                jp=JP_PER_YEAR,
            )
        )
    headcount = row.estimated_headcount
    return Paragraph(
        _(
            "Estimated participants: about %(people)s civil servants in need (%(share)s of "
            "respondents). At %(jp)s JP each: about %(total)s JP in total.",
            people=count(headcount),
            share=percent(row.share_in_need),
            jp=JP_PER_YEAR,
            total=count(headcount * JP_PER_YEAR),
        )
    )


def _forms(facts: Facts, code: str) -> list[Block]:
    if not facts.prefs.forms:
        note = _(
            "No preferred forms: the questionnaire has no question with the role "
            "development_forms (preferred forms of development)."
        )
        return [Paragraph(note, "note")]
    threshold = facts.min_distribution
    counts, base, in_need = preferred(facts, code)
    note = (
        _("Among the %(n)s respondents in need of this competency.", n=count(base))
        if in_need
        else _(
            "Among all %(n)s respondents: fewer than %(k)s respondents in need of this "
            "competency answered, too few to count separately.",
            n=count(base),
            k=threshold,
        )
    )
    rows = _form_rows(facts, counts, base, threshold)
    if not rows:
        note += " " + _("Every count is suppressed to protect anonymity.")
    header = [_("Form"), _("Route"), _("Respondents who prefer it")]
    header.append(_("How %(jp)s JP can be reached", jp=JP_PER_YEAR))
    return [Table(_("Preferred forms of development"), header, rows, note)]


def _form_rows(facts: Facts, counts: list[int], base: int, k: int) -> list[list[str]]:
    """The most preferred forms, each hidden when it, or its complement, is below ``k``."""
    form, language = facts.analysis.form, facts.analysis.language
    if base < k:
        return []
    ranked = sorted(zip(facts.prefs.forms, counts, strict=True), key=lambda pair: -pair[1])
    shown = [(v, c) for v, c in ranked if c >= k and base - c >= k][:FORMS_SHOWN]
    return [
        [
            choice_label(form, form.by_role["development_forms"].name, value, language),
            _("classroom") if value in CLASSROOM else _("non-classroom"),
            f"{count(c)} ({percent(c / base)})",
            jp_route(value),
        ]
        for value, c in shown
    ]


def jp_route(value: str) -> str:
    if value in ("coaching", "mentoring"):
        return _("10 sessions of 2 JP, at most 2 a month")
    if value in ("seminar", "klasikal", "bimtek"):
        return _("4 workshop days of 5 JP")
    if value == "detasering":
        return _("one secondment (20 JP)")
    return _("%(jp)s JP of learning (15 hours)", jp=JP_PER_YEAR)


def _plan_table(facts: Facts, top: list[ItemResult]) -> Block:
    to_set = _("[to be set]")
    rows = [
        [
            f"{row.code} {row.label}",
            DASH if row.estimated_headcount is None else f"≈ {count(row.estimated_headcount)}",
            _first_form(facts, row.code),
            to_set,
            to_set,
            to_set,
        ]
        for row in top
    ]
    header = [_("Competency"), _("Target civil servants"), _("Form and route")]
    header += [_("Provider"), _("Schedule"), _("Budget")]
    return Table(
        _("Draft annual plan (PP 11/2017 Art. 207)"),
        header,
        rows,
        _("The drafting team sets the provider, the schedule and the budget."),
    )


def _first_form(facts: Facts, code: str) -> str:
    if not facts.prefs.forms:
        return DASH
    counts, base, _in_need = preferred(facts, code)
    rows = _form_rows(facts, counts, base, facts.min_distribution)
    return f"{rows[0][0]} ({rows[0][1]})" if rows else DASH
