"""The priority table's columns and their sorting by query parameters (no JavaScript)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from ..results.tables import ItemResult, PriorityTable


@dataclass(frozen=True)
class Column:
    #: The row key it shows and sorts by.
    key: str
    label: Any
    #: Direction of the first click; ``None``: not sortable.
    first: str | None


COLUMNS = (
    Column("rank", _l("Rank"), "asc"),
    Column("code", _l("Code"), "asc"),
    Column("label", _l("Competency"), "asc"),
    Column("n", _l("n"), "desc"),
    Column("importance_mean", _l("Importance"), "desc"),
    Column("competence_mean", _l("Competence"), "asc"),
    Column("gap_mean", _l("Gap"), "desc"),
    Column("mwds", _l("MWDS [95% CI]"), "desc"),
    Column("p_adjusted", _l("Adjusted p"), "asc"),
    Column("ipa_quadrant", _l("IPA quadrant"), None),
    Column("lff_quadrant", _l("LFF quadrant"), None),
    Column("share_in_need", _l("In need"), "desc"),
    Column("fgd_points", _l("Focus groups: sessions / points"), "desc"),
    Column("notes", _l("Notes"), None),
)
SORTABLE = {column.key: column.first for column in COLUMNS if column.first}


@dataclass(frozen=True)
class Sort:
    key: str = "rank"
    direction: str = "asc"

    def toggled(self, column: Column) -> Sort:
        """The order a click on ``column``'s header asks for."""
        if column.key == self.key:
            return Sort(self.key, "desc" if self.direction == "asc" else "asc")
        return Sort(column.key, column.first or "asc")

    @property
    def aria(self) -> str:
        return "ascending" if self.direction == "asc" else "descending"


def parse_sort(args: Mapping[str, str]) -> Sort:
    """``?sort=KEY&dir=asc|desc``; anything unknown falls back to the rank order."""
    key = args.get("sort", "rank")
    if key not in SORTABLE:
        return Sort()
    direction = args.get("dir", SORTABLE[key])
    return Sort(key, direction if direction in ("asc", "desc") else SORTABLE[key] or "asc")


def sort_rows(table: PriorityTable | None, sort: Sort, min_cell: int) -> list[ItemResult]:
    """Rows in ``sort`` order, ties by rank; missing values last in either direction.

    An item answered by fewer than ``min_cell`` respondents comes last, by code, whatever
    the order: its place among the others would hint at its hidden figures.
    """
    if table is None:
        return []
    items = table.split(min_cell)
    known = [row for row in items.shown if getattr(row, sort.key) is not None]
    missing = [row for row in items.shown if getattr(row, sort.key) is None]
    known.sort(key=lambda row: row.rank)
    known.sort(key=lambda row: _key(getattr(row, sort.key)), reverse=sort.direction == "desc")
    return known + sorted(missing, key=lambda row: row.rank) + items.suppressed


def _key(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value
