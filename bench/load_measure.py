"""One measurement of the load benchmark: a closed loop held for a window, and its figures.

The loop runs ``warmup`` seconds first; then, for ``seconds``, the window: responses
acknowledged inside it (completed/s), requests that ended inside it (page latency
percentiles), and the CPU deltas of the server (gunicorn master + workers), of the
database server (PostgreSQL's postmaster and backends) and of this process (the load
generator's threads), each per completed response. After the window every thread
finishes the response it is in, so none is abandoned half way.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .load_client import Answers, Loop
from .load_server import Server, tree_cpu


@dataclass(frozen=True)
class Target:
    """What one loop drives: a running server, a campaign slug, the respondents."""

    server: Server
    slug: str
    pool: Sequence[tuple[Answers, int]]
    bare: bool = False
    database_pid: int | None = None
    wal: Callable[[], int] | None = None  # PostgreSQL's WAL position, in bytes


@dataclass(frozen=True)
class Window:
    warmup: float
    seconds: float


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0-100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def _cpu(target: Target) -> tuple[float, float, float]:
    database = tree_cpu(target.database_pid) if target.database_pid else 0.0
    return tree_cpu(target.server.pid), database, time.process_time()


def _wal(target: Target) -> int:
    return target.wal() if target.wal else 0


def measure(target: Target, concurrency: int, window: Window) -> dict[str, Any]:
    """One closed-loop run; the figures of its window plus every response acknowledged."""
    loop = Loop(target.server.address, target.slug, target.pool, concurrency, target.bare)
    loop.start()
    time.sleep(window.warmup)
    cpu_before, wal_before, start = _cpu(target), _wal(target), time.perf_counter()
    time.sleep(window.seconds)
    cpu_after, wal_after, end = _cpu(target), _wal(target), time.perf_counter()
    loop.finish()
    record = loop.record
    completed = sum(start <= t <= end for t in record.completions)
    latencies = [seconds for t, seconds in record.latencies if start <= t <= end]
    server, database, client = (
        after - before for before, after in zip(cpu_before, cpu_after, strict=True)
    )
    return {
        "concurrency": concurrency,
        "seconds": end - start,
        "completed": completed,
        "completed_per_s": completed / (end - start),
        "requests": len(latencies),
        "requests_per_response": len(latencies) / max(completed, 1),
        "p50_ms": percentile(latencies, 50) * 1e3 if latencies else None,
        "p95_ms": percentile(latencies, 95) * 1e3 if latencies else None,
        "p99_ms": percentile(latencies, 99) * 1e3 if latencies else None,
        "server_cpu_ms": _per_response(server, completed),
        "database_cpu_ms": _per_response(database, completed),
        "client_cpu_ms": _per_response(client, completed),
        "server_cpu_share": server / (end - start),
        "wal_kib": (wal_after - wal_before) / 1024 / completed
        if completed and target.wal
        else None,
        "acknowledged": len(record.completions),
        "errors": len(record.errors),
        "first_errors": [message for _, message in record.errors[:3]],
    }


def _per_response(cpu_seconds: float, completed: int) -> float | None:
    """Milliseconds of CPU per completed response (None: none completed in the window)."""
    return cpu_seconds * 1e3 / completed if completed else None


KEYS = ("completed_per_s", "p50_ms", "p95_ms", "p99_ms", "server_cpu_ms", "database_cpu_ms")


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Repeats of one (app, layout, concurrency): medians, ranges, and totals of counts."""
    out: dict[str, Any] = {"repeats": len(runs), "runs": runs}
    for key in (*KEYS, "client_cpu_ms", "requests_per_response", "server_cpu_share", "wal_kib"):
        values = [run[key] for run in runs if run.get(key) is not None]
        if values:
            out[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    for key in ("completed", "acknowledged", "errors"):
        out[key] = sum(run[key] for run in runs)
    out["first_errors"] = [m for run in runs for m in run["first_errors"]][:3]
    return out


def ratio(app: dict[str, Any], bare: dict[str, Any], key: str) -> float | None:
    """``app / bare`` of the medians of ``key`` (None when either is missing)."""
    if key not in app or key not in bare or not bare[key]["median"]:
        return None
    return float(app[key]["median"] / bare[key]["median"])
