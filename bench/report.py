"""The results as a compact text table, and as JSON in bench/out/latest.json."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .respondent import LIMESURVEY_CPU_MS, LIMESURVEY_STATEMENTS_PER_PAGE

OUT = Path(__file__).resolve().parent / "out" / "latest.json"

Row = tuple[str, Sequence[str]]


def write_json(results: dict[str, Any], path: Path = OUT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return path


def table(title: str, header: Sequence[str], rows: list[Row]) -> str:
    width = max(len(label) for label, _ in rows)
    cells = [max(len(h), *(len(v[i]) for _, v in rows)) for i, h in enumerate(header)]
    line = lambda label, values: "  ".join(  # noqa: E731
        [label.ljust(width), *(v.rjust(w) for v, w in zip(values, cells, strict=True))]
    )
    return "\n".join([title, line("", header), *(line(label, v) for label, v in rows)])


def med(summary: dict[str, Any], digits: int = 1) -> str:
    """``median [min-max]`` of a summary dict."""
    low, high = summary["min"], summary["max"]
    return f"{summary['median']:.{digits}f} [{low:.{digits}f}-{high:.{digits}f}]"


def respondent_rows(by_backend: dict[str, dict[str, Any]]) -> list[Row]:
    cols = list(by_backend.values())
    row = lambda label, fn: (label, [fn(c) for c in cols])  # noqa: E731
    kinds = ("page GET", "page POST", "submit", "start", "review")
    return [
        row("CPU ms/response, form cached (app)", lambda c: med(c["cached"]["cpu_ms"])),
        row("CPU ms/response, re-parse (baseline)", lambda c: med(c["reparse"]["cpu_ms"])),
        row("  cache saves (baseline / app)", lambda c: f"{_ratio(c, 'cpu_ms'):.1f}x"),
        row("wall ms/response, form cached", lambda c: med(c["cached"]["wall_ms"])),
        row("wall ms/response, re-parse", lambda c: med(c["reparse"]["wall_ms"])),
        row("responses/s, 1 process, cached", lambda c: med(c["cached"]["responses_per_s"])),
        row("responses/s, 1 process, re-parse", lambda c: med(c["reparse"]["responses_per_s"], 2)),
        row("requests/response", lambda c: f"{c['cached']['requests_per_response']:.0f}"),
        row("SQL statements/response", lambda c: f"{c['cached']['statements_per_response']:.0f}"),
        row("SQL/request, median (max)", lambda c: _sql(c["cached"]["per_request"])),
        *(row(f"  {k}", lambda c, k=k: _sql(c["cached"]["by_kind"][k])) for k in kinds),
        row("SQL/request with re-parse (max)", lambda c: _sql(c["reparse"]["per_request"])),
        row("commits + pool checkouts/request", lambda c: _round_trips(c["cached"]["per_request"])),
        row("LimeSurvey 6 CPU ms / ours (cached)", lambda c: _lime(c)),
    ]


def _ratio(column: dict[str, Any], key: str) -> float:
    return float(column["reparse"][key]["median"] / column["cached"][key]["median"])


def _sql(stats: dict[str, Any]) -> str:
    return f"{stats['statements_median']:g} ({stats['statements_max']})"


def _round_trips(stats: dict[str, Any]) -> str:
    return f"{stats['commits_median']:g} + {stats['checkouts_median']:g}"


def _lime(column: dict[str, Any]) -> str:
    return f"{LIMESURVEY_CPU_MS / column['cached']['cpu_ms']['median']:.1f}x"


def parse_rows(parse: dict[str, Any]) -> list[Row]:
    rows: list[Row] = [("parse_form(tna-asn.yaml), ms", [med(parse["parse_ms"])])]
    for loader, summary in parse["yaml_ms"].items():
        role = "used by the app" if loader == parse["app_loader"] else "not used; context"
        rows.append((f"  YAML step only, {loader} ({role}), ms", [med(summary)]))
    rows += [
        ("cached form_of(version), us", [med(parse["cached_lookup_us"], 2)]),
        ("parse / cached lookup", [f"{parse['parse_over_lookup']:,.0f}x"]),
    ]
    return rows


def columnar_rows(by_backend: dict[str, dict[str, Any]]) -> list[Row]:
    cols = list(by_backend.values())
    row: Callable[[str, Callable[[dict[str, Any]], str]], Row] = lambda label, fn: (  # noqa: E731
        label,
        [fn(c) for c in cols],
    )
    return [
        row("responses x numeric columns", lambda c: "{:,} x {}".format(*c["shape"])),
        row("load_dataset() ms (app)", lambda c: med(c["columnar_ms"])),
        row("JSON via ORM -> numpy ms (baseline)", lambda c: med(c["naive_json_ms"], 0)),
        row("  speed-up", lambda c: f"{c['speedup']:.0f}x"),
        row("rows/s, load_dataset()", lambda c: f"{c['columnar_rows_per_s']:,.0f}"),
        row("rows/s, JSON baseline", lambda c: f"{c['naive_rows_per_s']:,.0f}"),
        row("seeding, responses/s (1 run)", lambda c: f"{c['seed_per_s']:,.0f}"),
        row("DB bytes/response (table+indexes)", lambda c: f"{c['bytes_per_response']:,.0f}"),
        row("  avg answers JSON / numeric blob, B", lambda c: _sizes(c)),
        row("  SQLite pages (overflow) per response", lambda c: _pages(c)),
    ]


def _pages(column: dict[str, Any]) -> str:
    if "pages_per_response" not in column:
        return "-"
    return f"{column['pages_per_response']:.2f} ({column['overflow_pages_per_response']:.2f})"


def _sizes(column: dict[str, Any]) -> str:
    return f"{column['answers_json_bytes']:,.0f} / {column['numeric_bytes']:.0f}"


def render(results: dict[str, Any]) -> str:
    m, rev = results["machine"], results["revision"]
    head = (
        f"survey_app benchmarks, profile '{results['profile']['name']}', {results['date']}, "
        f"commit {rev['commit']}{' + uncommitted app changes' if rev['app_modified'] else ''}\n"
        f"{m['cpus_usable']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, "
        f"Python {m['python']}, SQLite {m['sqlite']}"
        + (f", {results['postgres']}" if results.get("postgres") else ", no PostgreSQL")
        + f"\nload average (1, 5, 15 min) at start {m['load_start']}, at end {m['load_end']}; "
        f"peak RSS {m['peak_rss_mib']:,} MiB"
        + "\nMedians of repeats, [min-max] over the repeats; every baseline ran in this run."
        + (f" Only: {results['only']}." if results.get("only") else "")
    )
    resp = results["respondent"]
    parts = [head]
    if resp:
        parts += [
            table(
                "\n1. Respondent path (tna-asn, in-process test client; "
                "CPU includes the client's share)",
                list(resp),
                respondent_rows(resp),
            ),
            f"   LimeSurvey 6 context (measured elsewhere, not in this run): "
            f"~{LIMESURVEY_CPU_MS:.0f} ms CPU/response, ~{LIMESURVEY_STATEMENTS_PER_PAGE} "
            "SQL statements/page, ~5 responses/s.",
        ]
    if "parse" in results:
        parts.append(
            table("\n2. Questionnaire parse", ["median [min-max]"], parse_rows(results["parse"]))
        )
    if results["columnar"]:
        parts.append(
            table(
                "\n3. Columnar read for analysis",
                list(results["columnar"]),
                columnar_rows(results["columnar"]),
            )
        )
    parts += analysis_part(results)
    return "\n".join(parts)


def analysis_columns(analysis: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    return [
        (f"{names.get(backend, backend)} {int(n):,}", result)
        for backend, by_n in analysis.items()
        for n, result in by_n.items()
    ]


def analysis_rows(columns: list[tuple[str, dict[str, Any]]]) -> list[Row]:
    cols = [c for _, c in columns]
    row = lambda label, fn: (label, [fn(c) for c in cols])  # noqa: E731
    return [
        row("(1) read: load_dataset(), s", lambda c: med(c["report_s"]["read"], 2)),
        row("(2) statistics: priority_table(), s", lambda c: med(c["report_s"]["stats"], 2)),
        row("  of which bootstrap CIs, s (items)", lambda c: _boot(c, "stats")),
        row("(3) subgroups: group_tables(), s", lambda c: med(c["report_s"]["groups"], 2)),
        row("  of which bootstrap CIs, s (items)", lambda c: _boot(c, "groups")),
        row("  subgroups of the breakdown (n each)", lambda c: _subgroups(c)),
        row("end to end, s", lambda c: med(c["report_s"]["total"], 2)),
        row("  per 100k responses, s", lambda c: f"{c['per_100k_s']:.2f}"),
        row("  without bootstrap, per 100k, s", lambda c: f"{c['normal_theory_per_100k_s']:.2f}"),
        row("  first run in the fresh process, s", lambda c: f"{c['first_run_s']['total']:.2f}"),
        row("peak RSS, MiB (imports + app alone)", lambda c: _rss(c)),
        row("baseline: CSV export, s", lambda c: _base(c, "export")),
        row("baseline: pandas read + MWDS, s", lambda c: _base(c, "pandas")),
        row("baseline: export + pandas, s", lambda c: _base(c, "total")),
        row("report vs baseline", lambda c: _versus(c)),
        row("  pandas = report (max rel. diff)", lambda c: _agree(c)),
        row("seeding", lambda c: _seeding(c)),
        row("priority_table(population=13,000)", lambda c: _population(c)),
    ]


def _boot(column: dict[str, Any], phase: str) -> str:
    seconds = column[f"{phase}_bootstrap_s"]
    if phase == "stats":
        items, total = column["items_bootstrapped"], column["items"]
    else:
        shown = sum(1 for g in column["subgroups"] if not g["suppressed"])
        items, total = column["subgroup_items_bootstrapped"], column["items"] * shown
    return f"{seconds:.2f} ({items}/{total})"


def _subgroups(column: dict[str, Any]) -> str:
    sizes = [g["n"] for g in column["subgroups"] if not g["suppressed"]]
    return f"{len(sizes)} x ~{sum(sizes) // max(len(sizes), 1):,}"


def _rss(column: dict[str, Any]) -> str:
    rss = column["rss_mib"]
    return f"{rss['report']:,.0f} ({rss['ready']:,.0f})"


def _base(column: dict[str, Any], key: str) -> str:
    return med(column["baseline_s"][key], 2) if "baseline_s" in column else "-"


def _versus(column: dict[str, Any]) -> str:
    if "speedup" not in column:
        return "-"
    speedup = column["speedup"]
    return f"{speedup:.1f}x faster" if speedup >= 1 else f"{1 / speedup:.1f}x SLOWER"


def _agree(column: dict[str, Any]) -> str:
    return f"{column['pandas_max_rel_diff']:.0e}" if "pandas_max_rel_diff" in column else "-"


def _seeding(column: dict[str, Any]) -> str:
    seeding = column["seeding"]
    if seeding.get("reused"):
        return "reused file"
    return f"{seeding['seed_per_s']:,.0f} responses/s"


def _population(column: dict[str, Any]) -> str:
    found = column["population_13000"]
    return "(n <= 13,000)" if found == "not needed" else found.split(":")[0]


def curve_rows(curve: list[dict[str, Any]]) -> list[Row]:
    return [
        (
            f"n = {point['n']:,} ({point['ci_method']})",
            [
                med(point["item_stats_s"], 4),
                med(point.get("forced_s", point["item_stats_s"]), 3),
                med(point["normal_only_s"], 4),
            ],
        )
        for point in curve
    ]


def target_lines(checks: list[dict[str, Any]]) -> list[str]:
    mark = {True: "PASS", False: "MISS", None: "----"}
    return [f"   [{mark[c['ok']]}] {c['backend']}: {c['target']}: {c['value']}" for c in checks]


def analysis_part(results: dict[str, Any]) -> list[str]:
    analysis = results["analysis"]
    columns = analysis_columns(analysis)
    if not columns:
        return []
    first = columns[0][1]
    parts = [
        table(
            f"\n4. Priority report (synthetic: {first['items']} competency items, 10 report "
            f"groups; breakdown '{first['breakdown']}'; fresh process per N; "
            "baseline in the same process)",
            [name for name, _ in columns],
            analysis_rows(columns),
        ),
        f"   Above max_bootstrap_n = {first.get('max_bootstrap_n', 20_000):,} respondents an "
        "item's MWDS CI is the delta-method (normal) one,\n   so the bootstrap cost is "
        "bounded; 'without bootstrap' = the same report with max_bootstrap_n=0.",
    ]
    other = analysis.get("postgresql", {})
    same = [
        f"{int(n):,}: {'same' if r['table_digest'] == other[n]['table_digest'] else 'DIFFERENT'}"
        for n, r in analysis.get("sqlite", {}).items()
        if n in other
    ]
    if same:
        parts.append("   SQLite vs PostgreSQL priority table: " + ", ".join(same))
    curve = next((c["bootstrap_curve"] for _, c in columns if "bootstrap_curve" in c), None)
    if curve:
        parts.append(
            table(
                "\n   item_stats() of one item, s: as the report calls it / bootstrap forced "
                "(2,000 BCa resamples) / no bootstrap",
                ["as the report", "bootstrap forced", "no bootstrap"],
                curve_rows(curve),
            )
        )
    parts.append("\n   Targets (analysis issue, section 10):")
    parts += target_lines(results.get("analysis_targets", []))
    return parts
