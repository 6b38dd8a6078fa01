"""Priority tables remembered by the content they were computed from.

A table takes seconds on a large campaign (bootstrap intervals), and a dashboard page
needs the same table for its HTML and for each of its charts, which the browser asks
for separately. The key is a SHA-256 of the answers themselves plus every option, so an
entry can never go stale: new answers make a new key. This is an immutable cache, like
the parsed-form cache; each process keeps its own, with at most :data:`SIZE` entries.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping

from ..reports.dataset import Dataset
from ..reports.priorities import FgdEvidence, PriorityTable, priority_table

SIZE = 64
_tables: OrderedDict[Hashable, PriorityTable] = OrderedDict()
_lock = threading.Lock()


def cached_priority_table(
    data: Dataset,
    *,
    version: str,
    language: str,
    population: int | None,
    fgd: Mapping[str, FgdEvidence],
) -> PriorityTable:
    """``priority_table(data, ...)``; ``version`` names the form (its content hash).

    The rows are shared between requests: read them, never change them.
    """
    key = (version, _digest(data), language, population, tuple(sorted(fgd.items())))
    with _lock:
        if (found := _tables.get(key)) is not None:
            _tables.move_to_end(key)
            return found
    table = priority_table(data, language=language, population=population, fgd=fgd)
    with _lock:
        _tables[key] = table
        while len(_tables) > SIZE:
            _tables.popitem(last=False)
    return table


def _digest(data: Dataset) -> str:
    digest = hashlib.sha256(repr((data.values.shape, data.values.dtype.str)).encode())
    digest.update(data.values.tobytes())
    return digest.hexdigest()
