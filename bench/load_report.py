"""The load benchmark's table and its targets (issue 15, section 1)."""

from __future__ import annotations

from typing import Any

#: Server CPU per completed response (ms), PostgreSQL, at 8 concurrent.
CPU_TARGETS = {"35/65": 25.0, "tna-asn": 40.0}
RATE_TARGET = ("35/65", "8", 45.0)  # completed/s
P95_TARGETS = {"8": 100.0, "32": 250.0}  # ms, every page
FLAT_TARGET = 0.9
TARGET_BACKEND = "postgresql"


def _cell(summary: dict[str, Any] | None, digits: int = 1) -> str:
    if not summary:
        return "-"
    return f"{summary['median']:.{digits}f}"


def _row(level: str, kind: str, stats: dict[str, Any], ratios: dict[str, Any]) -> str:
    cells = [
        _cell(stats.get("completed_per_s")),
        _cell(stats.get("p50_ms"), 0),
        _cell(stats.get("p95_ms"), 0),
        _cell(stats.get("p99_ms"), 0),
        _cell(stats.get("server_cpu_ms")),
        _cell(stats.get("database_cpu_ms")),
        _cell(stats.get("client_cpu_ms")),
        _cell(stats.get("wal_kib")),
        str(stats["errors"]),
    ]
    ratio = ratios.get("server_cpu_ms") if kind == "app" else None
    extra = f"{ratio:.2f}x" if ratio else ""
    return f"{level:>5} {kind:<5}" + "".join(f"{c:>9}" for c in cells) + f"{extra:>9}"


HEADER = f"{'conc':>5} {'':<5}" + "".join(
    f"{h:>9}"
    for h in ("done/s", "p50", "p95", "p99", "srv ms", "db ms", "gen ms", "WAL KiB", "errors")
)


def render_load(results: dict[str, Any]) -> str:
    lines = [
        "\n9. Load: closed-loop respondents against gunicorn (4 sync workers); medians of "
        "the repeats; ms of CPU and KiB of PostgreSQL WAL per completed response; "
        "x = app / bare server CPU"
    ]
    for backend, found in results.items():
        for layout, by_level in found["layouts"].items():
            lines += [f"  {found['server']}, {layout}", HEADER]
            for level, pair in by_level["levels"].items():
                for kind in ("app", "bare"):
                    lines.append(_row(level, kind, pair[kind], pair["ratios"]))
            lines.append(f"  stored = acknowledged: {by_level['stored']}")
        if "flat" in found:
            flat = found["flat"]
            lines.append(
                f"  {backend}: campaign with {flat['stored']:,} stored / empty: "
                f"completed/s x{flat['ratio_completed_per_s']:.3f}, "
                f"server CPU x{flat['ratio_server_cpu_ms']:.3f}; {flat['stored_check']}"
            )
    for check in targets(results):
        status = {True: "ok", False: "MISSED", None: "-"}[check["ok"]]
        lines.append(f"   {check['target']}: {status} ({check['value']})")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []

    def check(target: str, ok: bool | None, value: str) -> None:
        checks.append({"target": target, "ok": ok, "value": value})

    pg = results.get(TARGET_BACKEND, {}).get("layouts", {})
    for layout, limit in CPU_TARGETS.items():
        stats = pg.get(layout, {}).get("levels", {}).get("8", {}).get("app", {})
        if "server_cpu_ms" in stats:
            ms = stats["server_cpu_ms"]["median"]
            check(f"{layout}: server CPU <= {limit:g} ms per response", ms <= limit, f"{ms:.1f}")
    layout, level, rate = RATE_TARGET
    stats = pg.get(layout, {}).get("levels", {}).get(level, {}).get("app", {})
    if "completed_per_s" in stats:
        found = stats["completed_per_s"]["median"]
        check(f"{layout}: >= {rate:g} completed/s at {level}", found >= rate, f"{found:.1f}")
    for level, limit in P95_TARGETS.items():
        for layout in CPU_TARGETS:
            stats = pg.get(layout, {}).get("levels", {}).get(level, {}).get("app", {})
            if "p95_ms" in stats:
                p95 = stats["p95_ms"]["median"]
                check(f"{layout}: page p95 < {limit:g} ms at {level}", p95 < limit, f"{p95:.0f}")
    for backend, found in results.items():
        for layout, by_level in found["layouts"].items():
            errors = by_level["levels"].get("128", {}).get("app", {}).get("errors")
            if errors is not None:
                check(f"{backend} {layout}: no errors at 128", errors == 0, str(errors))
            check(f"{backend} {layout}: stored = acknowledged", by_level["stored"]["ok"], "")
        if "flat" in found:
            value = found["flat"]["ratio_completed_per_s"]
            check(f"{backend}: full / empty >= {FLAT_TARGET}", value >= FLAT_TARGET, f"{value:.3f}")
    return checks
