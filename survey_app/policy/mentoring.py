"""Section 6 of the draft: the mentoring proposal, the needs survey's mentoring answers,
the programme's status in aggregate counts and its anonymous end-of-round evaluation.

Each question's answer distribution is shown only for a base of at least the
distribution threshold, with small answers hidden (primary and complementary
suppression, the base being public).
"""

from __future__ import annotations

from collections import Counter

from ..analysis import suppress
from ..analysis.evaluation import Share
from ..mentoring.summary import ProgrammeStatus
from ..questionnaire import Form
from .blocks import Block, Bullets, Heading, Paragraph, Section, Table
from .facts import Facts
from .mentoring_evaluation import MentoringEvaluation
from .numbers import count, percent
from .words import _


def mentoring(facts: Facts) -> Section:
    title = _("Mentoring programme")
    blocks: list[Block] = [Paragraph(_("Proposal:")), Bullets(_proposal())]
    blocks += [Heading(_("Status of the programme")), _status(facts.programme)]
    blocks += [Heading(_("What the needs survey said")), *_survey(facts)]
    blocks += [Heading(_("End-of-round evaluation")), *_evaluation(facts.mentoring_evaluation)]
    return Section(6, title, blocks)


def _survey(facts: Facts) -> list[Block]:
    answers = facts.prefs.mentoring
    if not answers:
        note = _(
            "No survey results on mentoring: the questionnaire has no question with a "
            "mentoring role (mentoring_benefit, wants_mentoring, mentoring_mode, "
            "willing_to_mentor)."
        )
        return [Paragraph(note, "note")]
    if facts.analysis.too_few:
        return [Paragraph(_suppressed_note(facts), "note")]
    blocks: list[Block] = [Paragraph(_("What the respondents said:"))]
    return blocks + [_distribution(facts, name, counts) for name, counts in answers.items()]


def _status(status: ProgrammeStatus | None) -> Paragraph:
    """Aggregate counts of the named programme: how many, never who."""
    if status is None or status.rounds == 0:
        return Paragraph(_("No mentoring round has been opened in the application yet."))
    return Paragraph(
        _(
            "Mentoring rounds opened: %(rounds)s. Pairs accepted: %(pairs)s. Sessions "
            "logged: %(sessions)s. JP credited: %(jp)s in all, pair by pair under each "
            "round's conversion and monthly cap (mentor and mentee each earn their pair's JP).",
            rounds=count(status.rounds),
            pairs=count(status.accepted_pairs),
            sessions=count(status.sessions),
            jp=count(status.jp),
        )
    )


def _evaluation(evaluation: MentoringEvaluation | None) -> list[Block]:
    if evaluation is None:
        note = _(
            "No end-of-round evaluation yet: no campaign has used the mentoring "
            "evaluation questionnaire."
        )
        return [Paragraph(note, "note")]
    if evaluation.too_few:
        note = _(
            "The evaluation “%(title)s” has %(n)s responses: its results are shown from "
            "%(k)s responses, to protect anonymity.",
            title=evaluation.title,
            n=count(evaluation.n),
            k=evaluation.min_cell,
        )
        return [Paragraph(note, "note")]
    return [_evaluation_table(evaluation)]


def _evaluation_table(evaluation: MentoringEvaluation) -> Table:
    header = [_("Statement"), _("All (n = %(n)s)", n=count(evaluation.n))]
    header += [
        _("%(group)s (n = %(n)s)", group=group, n=count(size))
        for group, size in zip(evaluation.groups, evaluation.group_sizes, strict=True)
    ]
    rows = [
        [item.label, *(_agreeing(share) for share in (item.total, *item.by_group))]
        for item in evaluation.items
    ]
    note = _(
        "Share of respondents who agree or strongly agree, with its 95%% Wilson interval. "
        "By role only when every group has at least %(k)s respondents.",
        k=evaluation.min_cell,
    )
    caption = _("Share agreeing, by statement: “%(title)s”", title=evaluation.title)
    return Table(caption, header, rows, note)


def _agreeing(share: Share) -> str:
    return f"{percent(share.share)} ({percent(share.low)}\N{EN DASH}{percent(share.high)})"


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
