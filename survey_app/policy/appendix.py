"""The appendix (*Lampiran*), after the closing section: the full priority table and the
priorities of each group of respondents.

Every table fits an A4 page: the full table is split in two (survey figures; quadrants
and focus-group evidence), and each report group is one table of competencies by group,
at most :data:`GROUPS_PER_TABLE` groups wide, labelled by name, never by code.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results.labels import ipa_quadrants, lff_quadrants
from ..results.service import choice_label, question_label
from ..results.tables import GroupTable, ItemResult
from .blocks import Block, Heading, Paragraph, Section, Table
from .facts import Facts
from .needs import ci_header, item_rows, method_note, rank_code_label, suppressed
from .numbers import DASH, count, interval, num, percent
from .words import _

#: Groups side by side in one table; a report group with more values gets a second table.
GROUPS_PER_TABLE = 4


def appendix(facts: Facts) -> Section:
    title = _("Appendix")
    if (blocked := suppressed(facts)) is not None:
        return Section(None, title, [blocked])
    blocks: list[Block] = [
        Heading(_("A. Full priority table")),
        _survey_table(facts),
        _evidence_table(facts),
        Heading(_("B. Priorities by group")),
        Paragraph(
            _(
                "For each background question, the MWDS of every competency in each group of "
                "respondents and, in brackets, its rank within that group. The competencies "
                "are in the order of the whole campaign."
            )
        ),
    ]
    for number, (question, tables) in enumerate(facts.groups.items(), 1):
        blocks += _group_blocks(facts, f"B.{number}", question, tables)
    return Section(None, title, blocks)


def _survey_table(facts: Facts) -> Table:
    header = [_("Rank"), _("Code"), _("Competency"), _("n"), _("Importance"), _("Competence")]
    header += [_("Gap"), f"{_('MWDS')} [{ci_header()}]", _("Adjusted p")]
    rows = item_rows(
        facts,
        facts.all_rows,
        len(header),
        lambda row: [
            *rank_code_label(row),
            count(row.n),
            num(row.importance_mean),
            num(row.competence_mean),
            num(row.gap_mean),
            f"{num(row.mwds)} [{interval(row.mwds_ci)}]",
            _pvalue(row.p_adjusted),
        ],
    )
    caption = _("A.1 All competencies: survey figures")
    return Table(caption, header, rows, method_note(facts), "appendix-survey")


def _evidence_table(facts: Facts) -> Table:
    header = [_("Rank"), _("Code"), _("Competency"), _("IPA quadrant"), _("LFF quadrant")]
    header += [_("In need"), _("Focus groups: sessions / points")]
    quadrants, lff = ipa_quadrants(), lff_quadrants()
    rows = item_rows(
        facts,
        facts.all_rows,
        len(header),
        lambda row: [
            *rank_code_label(row),
            quadrants.get(row.ipa_quadrant or "", DASH),
            lff.get(row.lff_quadrant or "", DASH),
            percent(row.share_in_need),
            _fgd(row),
        ],
    )
    note = _(
        "IPA quadrant: the item's place on the importance-performance chart of section 3. "
        "LFF quadrant (locus for focus): its mean importance and mean gap against the means "
        "of all items. In need: the share of respondents whose mastery is at least one point "
        "below the importance."
    )
    caption = _("A.2 All competencies: quadrants and focus-group evidence")
    return Table(caption, header, rows, note, "appendix-evidence")


def _group_blocks(
    facts: Facts, number: str, question: str, tables: list[GroupTable]
) -> list[Block]:
    """One table per :data:`GROUPS_PER_TABLE` shown groups, and which groups are hidden."""
    form, language = facts.analysis.form, facts.analysis.language
    title = f"{number} {question_label(form, question, language)}"
    shown = [t for t in tables if t.table is not None]
    hidden = [choice_label(form, question, t.value, language) for t in tables if t.table is None]
    parts = [shown[i : i + GROUPS_PER_TABLE] for i in range(0, len(shown), GROUPS_PER_TABLE)]
    blocks: list[Block] = [
        _group_table(facts, question, part, f"{title} ({index}/{len(parts)})")
        if len(parts) > 1
        else _group_table(facts, question, part, title)
        for index, part in enumerate(parts, 1)
    ]
    if hidden:
        blocks.append(Paragraph(f"{title}: {_hidden_note(facts, hidden)}", "note"))
    return blocks


def _group_table(facts: Facts, question: str, groups: Sequence[GroupTable], caption: str) -> Table:
    form, language = facts.analysis.form, facts.analysis.language
    header = [_("Competency")] + [
        f"{choice_label(form, question, g.value, language)} {_size(g.n)}" for g in groups
    ]
    cells = [_by_code(facts, g) for g in groups]
    rows = [
        [f"{row.code} {row.label}", *(by_code.get(row.code, DASH) for by_code in cells)]
        for row in facts.all_rows
    ]
    note = _(
        "MWDS (rank within the group). —: fewer than %(k)s respondents of the group rated "
        "the competency.",
        k=facts.min_cell,
    )
    return Table(caption, header, rows, note, "appendix-group")


def _size(n: int | None) -> str:
    """``(n = 130)`` that never breaks over two lines."""
    return f"(n\N{NO-BREAK SPACE}=\N{NO-BREAK SPACE}{count(n)})"


def _by_code(facts: Facts, group: GroupTable) -> dict[str, str]:
    """Each competency's cell for one group: ``MWDS (rank)``, or — when too few rated it."""
    shown = group.table.split(facts.min_cell).shown if group.table else []
    return {row.code: f"{num(row.mwds)} ({row.rank})" for row in shown if row.mwds is not None}


def _hidden_note(facts: Facts, hidden: list[str]) -> str:
    return _(
        "not shown to protect anonymity: %(groups)s (fewer than %(k)s respondents, or a "
        "smaller group could be worked out from it).",
        groups=", ".join(hidden),
        k=facts.min_cell,
    )


def _pvalue(p: float | None) -> str:
    if p is None:
        return DASH
    return f"< {num(0.001, '0.000')}" if p < 0.001 else num(p, "0.000")


def _fgd(row: ItemResult) -> str:
    return DASH if row.fgd_points is None else f"{row.fgd_sessions} / {row.fgd_points}"
