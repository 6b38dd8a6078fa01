"""Priority tables remembered by the content they were computed from, in two tiers.

A table of a subgroup takes a few tenths of a second (a bootstrap interval per item),
and a page needs the same tables for its HTML and for each of its charts, which the
browser asks for separately, perhaps from another process; the policy draft needs them
all again. So a table is looked up first in this process (an LRU of :data:`SIZE`
entries), then in the database (:mod:`survey_app.resultcache`, shared by every
process), and only then computed, and stored in both.

The key is a SHA-256 of the answers themselves plus the form, every option and the
code's fingerprint, so an entry can never go stale: new answers make a new key.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resultcache import store
from .dataset import Dataset
from .priorities import priority_table
from .tables import FgdEvidence, ItemResult, PriorityTable

SIZE = 64
#: The code a table's content depends on: a change to any of these makes new keys.
_ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    *sorted((_ROOT / "analysis").glob("*.py")),
    _ROOT / "results" / "priorities.py",
    _ROOT / "results" / "tables.py",
    Path(__file__).resolve(),
)
_tables: OrderedDict[str, PriorityTable] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class Source:
    """The campaign a dataset was read from, and its number of responses then."""

    campaign_id: int
    responses: int


def cached_priority_table(
    data: Dataset,
    *,
    source: Source,
    language: str,
    population: int | None,
    fgd: Mapping[str, FgdEvidence],
) -> PriorityTable:
    """``priority_table(data, ...)``, from this process, the database, or computed.

    The rows are shared between requests: read them, never change them.
    """
    key = table_key(data, language=language, population=population, fgd=fgd)
    if (found := _recall(key)) is not None:
        return found
    if (stored := store.load(key)) is not None:
        table = from_payload(stored)
    else:
        table = priority_table(data, language=language, population=population, fgd=fgd)
        store.save(key, source.campaign_id, source.responses, as_payload(table))
    _remember(key, table)
    return table


def table_key(
    data: Dataset, *, language: str, population: int | None, fgd: Mapping[str, FgdEvidence]
) -> str:
    evidence = [[code, e.sessions, e.points, e.votes] for code, e in sorted(fgd.items())]
    parts = {
        "result": "priority_table",
        "form": data.form.content_hash,
        "answers": _digest(data),
        "language": language,
        "population": population,
        "fgd": evidence,
    }
    return store.result_key(parts, SOURCES)


def as_payload(table: PriorityTable) -> dict[str, Any]:
    return {
        "rows": [row.as_dict() for row in table.rows],
        "provenance": table.provenance,
        "n": table.n,
    }


def from_payload(payload: dict[str, Any]) -> PriorityTable:
    rows = [ItemResult.from_dict(row) for row in payload["rows"]]
    return PriorityTable(rows, payload["provenance"], payload["n"])


def forget_all() -> None:
    """Empty this process's tier (the database keeps its entries)."""
    with _lock:
        _tables.clear()


def _recall(key: str) -> PriorityTable | None:
    with _lock:
        if (found := _tables.get(key)) is not None:
            _tables.move_to_end(key)
        return found


def _remember(key: str, table: PriorityTable) -> None:
    with _lock:
        _tables[key] = table
        while len(_tables) > SIZE:
            _tables.popitem(last=False)


def _digest(data: Dataset) -> str:
    digest = hashlib.sha256(repr((data.values.shape, data.values.dtype.str)).encode())
    digest.update(data.values.tobytes())
    return digest.hexdigest()
