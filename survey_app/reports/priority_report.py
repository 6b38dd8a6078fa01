"""The priority report's parts shared by ``analyze priorities`` and ``export priorities``.

Both read a campaign the same way (:func:`campaign_source`), break it down the same way
(:func:`grouped`) and flatten it the same way (:func:`flat_rows`), so an export can
never show other numbers than the analysis.
"""

from __future__ import annotations

from typing import Any

from ..campaigns.models import Campaign
from ..results.dataset import Dataset, load_dataset
from ..results.evidence import fgd_evidence
from ..results.priorities import group_tables
from ..results.tables import GroupTable, PriorityTable
from ..versions.service import form_of

#: The flat columns of the CSV and Markdown outputs, in order.
FLAT = (
    "rank",
    "code",
    "label",
    "group",
    "n",
    "importance_mean",
    "competence_mean",
    "gap_mean",
    "mwds",
    "mwds_ci_low",
    "mwds_ci_high",
    "p_adjusted",
    "ipa_quadrant",
    "lff_quadrant",
    "share_in_need",
    "estimated_headcount",
    "fgd_sessions",
    "fgd_points",
    "disagreement",
)


def campaign_source(campaign: Campaign) -> tuple[Dataset, dict[str, Any], int]:
    """The campaign's answers, the options of ``priority_table`` and its minimum cell."""
    data = load_dataset(campaign.id, form_of(campaign.version))
    options = {"population": campaign.population, "fgd": fgd_evidence(campaign)}
    return data, options, campaign.min_cell_size


def grouped(data: Dataset, group: str, min_cell: int, options: dict[str, Any]) -> dict[str, Any]:
    """One table per value of ``group``; small groups (and their complements) suppressed."""
    return group_payload(group, group_tables(data, group, min_cell, **options))


def group_payload(group: str, tables: list[GroupTable]) -> dict[str, Any]:
    """The JSON of a breakdown: per value, its n and rows, or why it is suppressed."""
    return {
        "question": group,
        "groups": [
            {
                "value": t.value,
                "n": t.n,
                "suppressed": t.suppressed,
                "reason": t.reason,
                "priorities": [row.as_dict() for row in t.table.rows] if t.table else None,
            }
            for t in tables
        ],
    }


def flat_rows(result: PriorityTable | dict[str, Any]) -> list[dict[str, Any]]:
    """One flat dict per item (and per group), keys :data:`FLAT` (plus ``group_value``)."""
    if isinstance(result, PriorityTable):
        return [flatten(row.as_dict()) for row in result.rows]
    flat = []
    for group in result["groups"]:
        for row in group["priorities"] or [{"rank": None, "label": "(suppressed)"}]:
            flat.append({"group_value": group["value"], **flatten(row)})
    return flat


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    low, high = row.get("mwds_ci") or (None, None)
    return {**{key: row.get(key) for key in FLAT}, "mwds_ci_low": low, "mwds_ci_high": high}
