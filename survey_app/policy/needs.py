"""Section 3 (the ranked needs, with charts) and section 8 (the appendix tables)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..dashboard.figures import ipa_names
from ..dashboard.service import choice_label, question_label
from ..reports.priorities import GroupTable
from .blocks import Block, Figure, Heading, Paragraph, Section, Table
from .facts import Facts
from .figures import ipa_chart, mwds_chart
from .numbers import DASH, count, interval, num, percent
from .words import _


def priorities(facts: Facts) -> Section:
    title = _("Priority needs")
    if (blocked := _suppressed(facts)) is not None:
        return Section(3, title, [blocked])
    shown = facts.shown_rows
    blocks: list[Block] = [
        Paragraph(
            _(
                "The competencies in order of priority, for all %(n)s respondents. The "
                "estimated number in need applies the share in need to the population.",
                n=count(facts.analysis.data.n),
            )
        ),
        ranked_table(facts),
    ]
    if shown:
        blocks += [
            Figure(
                mwds_chart(shown),
                _(
                    "Mean weighted discrepancy score (MWDS) with its %(level)s confidence "
                    "interval.",
                    level="95%",
                ),
                _("Bar chart of the MWDS of each competency, highest priority first."),
            ),
            Figure(
                ipa_chart(shown),
                _("Importance-performance analysis: dashed lines at the mean of the item means."),
                _("Scatter plot of mean competence against mean importance per competency."),
            ),
        ]
    return Section(3, title, blocks)


def ranked_table(facts: Facts) -> Table:
    header = [_("Rank"), _("Code"), _("Competency"), _("n"), _("MWDS")]
    header += [_("%(level)s CI", level="95%"), _("In need"), _("Estimated civil servants in need")]
    rows = _item_rows(
        facts,
        facts.all_rows,
        len(header),
        lambda row: [
            str(row["rank"]),
            row["code"],
            row["label"],
            count(row["n"]),
            num(row["mwds"]),
            interval(row["mwds_ci"]),
            percent(row["share_in_need"]),
            _headcount(row),
        ],
    )
    return Table(_("Ranked competency needs"), header, rows, _method_note(facts), "priorities")


def appendix(facts: Facts) -> Section:
    title = _("Appendix")
    if (blocked := _suppressed(facts)) is not None:
        return Section(8, title, [blocked])
    blocks: list[Block] = [Heading(_("A. Full priority table")), _full_table(facts)]
    blocks.append(Heading(_("B. Priorities by group")))
    for question, tables in facts.groups.items():
        label = question_label(facts.analysis.form, question, facts.analysis.language)
        blocks += [Heading(label), *(_group_block(facts, question, t) for t in tables)]
    return Section(8, title, blocks)


def _full_table(facts: Facts) -> Table:
    header = [_("Rank"), _("Code"), _("Competency"), _("n"), _("Importance"), _("Competence")]
    header += [_("Gap"), _("MWDS [95% CI]"), _("Adjusted p"), _("IPA quadrant")]
    header += [_("LFF quadrant"), _("In need"), _("Focus groups: sessions / points")]
    quadrants, lff = ipa_names(), lff_names()
    rows = _item_rows(
        facts,
        facts.all_rows,
        len(header),
        lambda row: [
            str(row["rank"]),
            row["code"],
            row["label"],
            count(row["n"]),
            num(row["importance_mean"]),
            num(row["competence_mean"]),
            num(row["gap_mean"]),
            f"{num(row['mwds'])} [{interval(row['mwds_ci'])}]",
            _pvalue(row["p_adjusted"]),
            quadrants.get(row["ipa_quadrant"], DASH),
            lff.get(row["lff_quadrant"], DASH),
            percent(row["share_in_need"]),
            _fgd(row),
        ],
    )
    return Table(_("All competencies"), header, rows, _method_note(facts))


def _group_block(facts: Facts, question: str, group: GroupTable) -> Block:
    form, language = facts.analysis.form, facts.analysis.language
    value = choice_label(form, question, group.value, language)
    if group.table is None:
        return Paragraph(
            _(
                "%(group)s: suppressed to protect anonymity (fewer than %(k)s respondents, or "
                "a smaller group could be worked out from it).",
                group=value,
                k=facts.min_cell,
            ),
            "note",
        )
    header = [_("Rank"), _("Code"), _("n"), _("MWDS"), _("%(level)s CI", level="95%")]
    header.append(_("In need"))
    rows = _item_rows(
        facts,
        group.table.rows,
        len(header),
        lambda row: [
            str(row["rank"]),
            row["code"],
            count(row["n"]),
            num(row["mwds"]),
            interval(row["mwds_ci"]),
            percent(row["share_in_need"]),
        ],
        label=False,
    )
    rows.sort(key=lambda cells: cells[0] == DASH)
    return Table(f"{value} (n = {count(group.n)})", header, rows)


def lff_names() -> dict[str, str]:
    return {
        "focus": _("Focus"),
        "maintain": _("Maintain"),
        "watch": _("Watch"),
        "low_priority": _("Low priority"),
    }


def _suppressed(facts: Facts) -> Paragraph | None:
    if not facts.analysis.too_few:
        return None
    return Paragraph(
        _(
            "Suppressed to protect anonymity: the campaign has fewer than %(k)s responses.",
            k=facts.min_cell,
        ),
        "note",
    )


def _item_rows(
    facts: Facts,
    rows: list[dict[str, Any]],
    width: int,
    cells: Callable[[dict[str, Any]], list[str]],
    label: bool = True,
) -> list[list[str]]:
    """One table row per item: ``cells(row)``, or only its code when too few answered it."""
    return [
        _small(facts, row, width, label) if row["n"] < facts.min_cell else cells(row)
        for row in rows
    ]


def _small(facts: Facts, row: dict[str, Any], width: int, label: bool = True) -> list[str]:
    """An item answered by too few respondents: its code, and nothing else."""
    cells = [DASH, row["code"], row["label"]] if label else [DASH, row["code"]]
    notice = _("suppressed (fewer than %(k)s respondents)", k=facts.min_cell)
    return cells + [notice] + [DASH] * (width - len(cells) - 1)


def _headcount(row: dict[str, Any]) -> str:
    if row["estimated_headcount"] is None:
        return DASH
    low_high = interval(row["estimated_headcount_ci"], "#,##0")
    return f"≈ {count(row['estimated_headcount'])} ({low_high})"


def _pvalue(p: float | None) -> str:
    if p is None:
        return DASH
    return f"< {num(0.001, '0.000')}" if p < 0.001 else num(p, "0.000")


def _fgd(row: dict[str, Any]) -> str:
    return DASH if row["fgd_points"] is None else f"{row['fgd_sessions']} / {row['fgd_points']}"


def _method_note(facts: Facts) -> str:
    provenance = facts.analysis.table.provenance if facts.analysis.table else {}
    return _(
        "Ranking: %(method)s; p-values adjusted by %(adjust)s; random seed %(seed)s. Items "
        "answered by fewer than %(k)s respondents are not shown.",
        method=provenance.get("method", DASH),
        adjust=provenance.get("p_adjust", DASH),
        seed=provenance.get("seed", DASH),
        k=facts.min_cell,
    )
