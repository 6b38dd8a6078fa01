"""``export priorities``: the priority table as CSV, XLSX or JSON, with its provenance.

The numbers come from the code of ``analyze priorities`` (:mod:`.priority_report`), so
they are the same. Suppression holds as on the dashboard: a campaign below its
``min_cell_size`` is refused, a subgroup that small (or its complement) is hidden, and
an item answered by fewer than ``min_cell_size`` respondents keeps only its code and
label. Where the method goes: JSON carries it under ``provenance``; XLSX on a second
sheet, ``method``; the CSV holds the rows only (a comment line or a second table would
break Excel, pandas and the offline reader), so whoever needs the method takes XLSX or JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..campaigns.models import Campaign
from ..results.priorities import group_tables, priority_table
from ..results.tables import PriorityTable
from .priority_report import FLAT, campaign_source, flatten, group_payload
from .responses import Cell, ExportRefused, Table
from .workbook import Sheet

SUPPRESSION_RULE = (
    "groups smaller than min_cell_size are hidden, with complementary suppression so "
    "no hidden group can be worked out from the others and the total; an item answered "
    "by fewer than min_cell_size respondents keeps its code and label only"
)


class UnknownGroup(ValueError):
    """``--group`` names no report group of the campaign's form."""


@dataclass(frozen=True)
class PriorityExport:
    #: What the JSON file holds: campaign, provenance, and ``rows`` or ``groups``.
    payload: dict[str, Any]

    @property
    def provenance(self) -> dict[str, Any]:
        return dict(self.payload["provenance"])

    def table(self) -> Table:
        """The flat rows of the CSV and of the XLSX ``priorities`` sheet."""
        rows = _flat(self.payload)
        columns = list(rows[0]) if rows else [*FLAT, "suppressed"]
        return Table(columns, iter([[row[c] for c in columns] for row in rows]))

    def sheets(self) -> list[Sheet]:
        table = self.table()
        method = [[key, value] for key, value in _dotted(self.provenance)]
        return [
            Sheet("priorities", table.columns, table.rows),
            Sheet("method", ["key", "value"], method),
        ]

    def json_text(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, indent=2) + "\n"


def priority_export(campaign: Campaign, group: str | None, language: str) -> PriorityExport:
    """The campaign's priorities (or one table per value of ``group``), refused when the
    campaign has fewer responses than its minimum cell size."""
    data, options, min_cell = campaign_source(campaign)
    if data.n < min_cell:
        raise ExportRefused.too_few(campaign, data.n)
    if group is not None and group not in data.form.report_groups:
        raise UnknownGroup(", ".join(data.form.report_groups))
    options["language"] = language
    head = {
        "campaign": campaign.slug,
        "questionnaire": {"form_id": data.form.spec.form_id, "version": campaign.version.number},
        "n": data.n,
    }
    if group is None:
        table = priority_table(data, **options)
        rows = _shown(table, min_cell)
        return PriorityExport(
            {**head, "provenance": _provenance(table.provenance, min_cell), "rows": rows}
        )
    tables = group_tables(data, group, min_cell, **options)
    method = next((t.table.provenance for t in tables if t.table), {})
    payload = group_payload(group, tables)
    for entry, found in zip(payload["groups"], tables, strict=True):
        if found.table is not None:
            entry["priorities"] = _shown(found.table, min_cell)
    return PriorityExport({**head, "provenance": _provenance(method, min_cell), **payload})


def _provenance(method: dict[str, Any], min_cell: int) -> dict[str, Any]:
    return {**method, "min_cell_size": min_cell, "suppression": SUPPRESSION_RULE}


def _shown(table: PriorityTable, min_cell: int) -> list[dict[str, Any]]:
    """The rows in rank order, each flagged; a suppressed item keeps its identity only."""
    hidden = {row.code for row in table.split(min_cell).suppressed}
    return [
        {**row.suppressed_dict(), "suppressed": True}
        if row.code in hidden
        else {**row.as_dict(), "suppressed": False}
        for row in table.rows
    ]


def _flat(payload: dict[str, Any]) -> list[dict[str, Any]]:
    if "groups" not in payload:
        return [_flat_row(row) for row in payload["rows"]]
    flat = []
    for group in payload["groups"]:
        head = {"group_value": group["value"], "group_n": group["n"]}
        rows = group["priorities"] or [{"suppressed": True}]
        flat += [{**head, **_flat_row(row), "reason": group["reason"]} for row in rows]
    return flat


def _flat_row(row: dict[str, Any]) -> dict[str, Any]:
    return {**flatten(row), "suppressed": row["suppressed"]}


def _dotted(value: Any, prefix: str = "") -> Iterator[tuple[str, Cell]]:
    """Nested provenance as ``(dotted.key, text or number)`` pairs."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _dotted(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, str | int | float) or value is None:
        yield prefix, value
    else:
        yield prefix, json.dumps(value, ensure_ascii=False)
