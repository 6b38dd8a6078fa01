"""Section 6 of the draft: the mentoring proposal, from the survey's mentoring section.

Each question's answer distribution is shown only for a base of at least the
distribution threshold, with small answers hidden (primary and complementary
suppression, the base being public).
"""

from __future__ import annotations

from collections import Counter

from ..analysis import suppress
from ..questionnaire import Form
from .blocks import Block, Bullets, Paragraph, Section, Table
from .facts import Facts
from .numbers import count, percent
from .words import _


def mentoring(facts: Facts) -> Section:
    title = _("Mentoring programme")
    blocks: list[Block] = [Paragraph(_("Proposal:")), Bullets(_proposal())]
    answers = facts.prefs.mentoring
    if not answers:
        note = _(
            "No survey results on mentoring: the questionnaire has no question with a "
            "mentoring role (mentoring_benefit, wants_mentoring, mentoring_mode, "
            "willing_to_mentor)."
        )
        blocks.append(Paragraph(note, "note"))
    elif facts.analysis.too_few:
        blocks.append(Paragraph(_suppressed_note(facts), "note"))
    else:
        blocks.append(Paragraph(_("What the respondents said:")))
        blocks += [_distribution(facts, name, counts) for name, counts in answers.items()]
    return Section(6, title, blocks)


def _proposal() -> list[str]:
    return [
        _(
            "Pair experienced civil servants who are willing to mentor with colleagues who "
            "want to be mentored; newly appointed CPNS first, as in the basic training "
            "(Latsar), where the mentor is the direct supervisor."
        ),
        _(
            "Mentoring is non-classroom development (Peraturan LAN 10/2018): each session of "
            "2 JP counts towards the 20 JP a year, at most 2 sessions a month."
        ),
        _(
            "Offer the way of meeting the respondents prefer, and evaluate the pairs after "
            "3-6 months, as for other development."
        ),
    ]


def _distribution(facts: Facts, name: str, counts: Counter[str]) -> Block:
    form, language = facts.analysis.form, facts.analysis.language
    question = form.questions[name]
    label = form.text(question.label, language)
    base, k = sum(counts.values()), facts.min_distribution
    if base < k:
        return Paragraph(f"{label}: {_suppressed_note(facts)}", "note")
    options = _options(form, name, language)
    cells = {value: counts.get(value, 0) for value in options}
    hidden = suppress(cells, min_cell=k, total=base).hidden
    rows = [
        [text, "—", "—"]
        if value in hidden
        else [text, count(cells[value]), percent(cells[value] / base)]
        for value, text in options.items()
    ]
    note = _(
        "%(n)s respondents answered. Answers given by fewer than %(k)s respondents are "
        "hidden (—), with another one where needed so that none can be worked out.",
        n=count(base),
        k=k,
    )
    return Table(label, [_("Answer"), _("Respondents"), _("Share")], rows, note)


def _options(form: Form, name: str, language: str) -> dict[str, str]:
    """Answer value -> its label, in the form's order."""
    labels = form.questions[name].value_labels(form.spec)
    return {value: form.text(label, language) for value, label in labels.items()}


def _suppressed_note(facts: Facts) -> str:
    return _(
        "suppressed to protect anonymity (fewer than %(k)s answers).",
        k=facts.min_distribution,
    )
