"""Section 3 of the draft: the ranked needs, with charts; the row helpers the appendix shares."""

from __future__ import annotations

from collections.abc import Callable

from ..results.labels import interval_method, p_adjustment, ranking_method
from ..results.tables import ItemResult
from .blocks import Block, Figure, Paragraph, Section, Table
from .facts import Facts
from .figures import ipa_chart, mwds_chart
from .numbers import DASH, count, interval, num, percent
from .words import _

#: The confidence level of every interval in the draft.
LEVEL = "95%"


def priorities(facts: Facts) -> Section:
    title = _("Priority needs")
    if (blocked := suppressed(facts)) is not None:
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
    return Section(3, title, blocks + (_charts(shown) if shown else []))


def _charts(shown: list[ItemResult]) -> list[Block]:
    return [
        Figure(
            mwds_chart(shown),
            _(
                "Mean weighted discrepancy score (MWDS) with its %(level)s confidence interval.",
                level=LEVEL,
            ),
            _("Bar chart of the MWDS of each competency, highest priority first."),
        ),
        Figure(
            ipa_chart(shown),
            _("Importance-performance analysis: dashed lines at the mean of the item means."),
            _("Scatter plot of mean competence against mean importance per competency."),
        ),
    ]


def ranked_table(facts: Facts) -> Table:
    header = [_("Rank"), _("Code"), _("Competency"), _("n"), _("MWDS")]
    header += [ci_header(), _("In need"), _("Estimated civil servants in need")]
    rows = item_rows(
        facts,
        facts.all_rows,
        len(header),
        lambda row: [
            *rank_code_label(row),
            count(row.n),
            num(row.mwds),
            interval(row.mwds_ci),
            percent(row.share_in_need),
            _headcount(row),
        ],
    )
    return Table(_("Ranked competency needs"), header, rows, method_note(facts), "priorities")


def ci_header() -> str:
    return _("%(level)s CI", level=LEVEL)


def rank_code_label(row: ItemResult) -> list[str]:
    return [str(row.rank), row.code, row.label]


def suppressed(facts: Facts) -> Paragraph | None:
    """The notice that replaces a section's figures when the campaign is too small."""
    if not facts.analysis.too_few:
        return None
    return Paragraph(
        _(
            "Suppressed to protect anonymity: the campaign has fewer than %(k)s responses.",
            k=facts.min_cell,
        ),
        "note",
    )


def item_rows(
    facts: Facts,
    rows: list[ItemResult],
    width: int,
    cells: Callable[[ItemResult], list[str]],
) -> list[list[str]]:
    """One table row per item: ``cells(row)``, or only its rank, code and name when too few
    answered it (``facts.items.suppressed``)."""
    hidden = {row.code for row in facts.items.suppressed}
    return [small_row(facts, row, width) if row.code in hidden else cells(row) for row in rows]


def small_row(facts: Facts, row: ItemResult, width: int) -> list[str]:
    """An item answered by too few respondents: its code and name, and nothing else."""
    notice = _("suppressed (fewer than %(k)s respondents)", k=facts.min_cell)
    return [DASH, row.code, row.label, notice] + [DASH] * (width - 4)


def method_note(facts: Facts) -> str:
    """How the table was made, in words (the dashboard's method box says the same)."""
    table = facts.analysis.table
    provenance = table.provenance if table else {}
    ci = str(table.rows[0].ci_method) if table and table.rows else "none"
    return _(
        "Ranked %(method)s. p-values adjusted by %(adjust)s. CI: %(level)s confidence "
        "interval, %(interval)s; random seed %(seed)s. Items answered by fewer than %(k)s "
        "respondents are not shown.",
        method=ranking_method(provenance),
        adjust=p_adjustment(str(provenance.get("p_adjust", DASH))),
        level=LEVEL,
        interval=interval_method(ci),
        seed=provenance.get("seed", DASH),
        k=facts.min_cell,
    )


def _headcount(row: ItemResult) -> str:
    if row.estimated_headcount is None:
        return DASH
    low_high = interval(row.estimated_headcount_ci, "#,##0")
    return f"≈ {count(row.estimated_headcount)} ({low_high})"
