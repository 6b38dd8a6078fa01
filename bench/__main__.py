"""``python -m bench [--quick | --full] [--no-postgres]
[--only analysis|exports|protection|pages|load|national]``: run, print a table, write JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, replace
from typing import Any

from .analysis import analysis_bench, targets
from .columnar import columnar_bench
from .env import (
    machine,
    make_app,
    postgres_url,
    reliable_seeding,
    revision,
    server_version,
    sqlite_url,
)
from .exports import exports_bench, render_exports
from .exports import targets as export_targets
from .load import load_bench
from .load_report import render_load
from .load_report import targets as load_targets
from .national import national_bench, render_national
from .pages import pages_bench, render_pages
from .pages import targets as pages_targets
from .parsing import parse_bench
from .protection import protection_bench, render_protection
from .protection import targets as protection_targets
from .report import render, write_json
from .respondent import respondent_bench


@dataclass(frozen=True)
class Profile:
    name: str
    repeats: int  # of every timed measurement
    responses: int  # per repeat, app as it is
    baseline_responses: int  # per repeat, re-parsing on every request (slow)
    sqlite_rows: int
    postgres_rows: int
    naive_repeats: int  # of the slow JSON baseline of the columnar read
    analysis_sqlite: tuple[int, ...]  # responses of the priority-report campaigns
    analysis_postgres: tuple[int, ...]
    exports: tuple[int, ...] = (10_000, 100_000)  # responses of the export runs (SQLite)
    protection: tuple[int, ...] = (100_000, 1_000_000)  # of the protection runs (SQLite)


DEFAULT = Profile("default", 7, 15, 3, 100_000, 20_000, 5, (10_000, 100_000), (10_000,))
PROFILES = {
    "quick": Profile("quick", 5, 4, 1, 10_000, 5_000, 3, (2_000,), (2_000,), (2_000,), (10_000,)),
    "default": DEFAULT,
    "full": replace(
        DEFAULT,
        name="full",
        sqlite_rows=1_000_000,
        naive_repeats=3,
        analysis_sqlite=(10_000, 100_000, 1_000_000),
        analysis_postgres=(10_000, 100_000, 1_000_000),
        exports=(10_000, 100_000, 1_000_000),
    ),
}
SECTIONS = ("analysis", "exports", "protection", "pages", "load", "national")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="about a minute, small samples")
    size.add_argument("--full", action="store_true", help="1,000,000 responses (long)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        help="run one section: 'analysis' = the priority report, 'exports' = the exports, "
        "'protection' = the disclosure control of a response export, "
        "'pages' = the analysis pages of 5,000 responses, cold and warm, "
        "'load' = simulated respondents against gunicorn, next to a bare Flask app, "
        "'national' = the priority report of 5,000,000 responses on PostgreSQL (only when asked)",
    )
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_backend(url: str, name: str, profile: Profile, results: dict[str, Any]) -> None:
    app = make_app(url)
    sizes = {"cached": profile.responses, "reparse": profile.baseline_responses}
    log(f"{name}: respondent path, {profile.repeats} repeats")
    results["respondent"][name] = respondent_bench(app, profile.repeats, sizes)
    if name == "sqlite":
        log("questionnaire parse")
        results["parse"] = parse_bench(app, max(profile.repeats, 15))
    rows = profile.sqlite_rows if name == "sqlite" else profile.postgres_rows
    log(f"{name}: seeding {rows:,} responses, then the columnar read")
    results["columnar"][name] = columnar_bench(app, rows, profile.repeats, profile.naive_repeats)


def run_analysis(name: str, profile: Profile, results: dict[str, Any], url: str | None) -> None:
    """The priority report; ``url`` None: kept SQLite files in bench/out/ (one per N)."""
    sizes = profile.analysis_sqlite if url is None else profile.analysis_postgres
    if sizes:
        results["analysis"][name] = analysis_bench(
            name,
            sizes,
            log,
            url=url,
            profile=profile.name,
            curve=url is None and profile.name != "quick",
        )


def run_postgres(profile: Profile, results: dict[str, Any], only: str | None) -> None:
    """On a throwaway cluster; a cluster that cannot start is reported, not fatal."""
    try:
        with reliable_seeding(), postgres_url() as url:
            if url is None:
                log("PostgreSQL skipped: no binaries (see tests/pg_cluster.py, PG_BIN)")
                return
            if only is None:
                run_backend(url, "postgresql", profile, results)
            else:
                with make_app(url).app_context():
                    results["postgres"] = server_version()
            run_analysis("postgresql", profile, results, url)
            if only is None:
                results["postgres"] = results["respondent"]["postgresql"]["server"]
    except subprocess.CalledProcessError as exc:
        log(f"PostgreSQL skipped: the cluster did not start: {exc} {exc.stderr!r}")


def run(profile: Profile, with_postgres: bool, only: str | None = None) -> dict[str, Any]:
    results: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "profile": asdict(profile),
        "only": only,
        "machine": machine(),
        "revision": revision(),
        "respondent": {},
        "columnar": {},
        "analysis": {},
    }
    if only is None:
        with reliable_seeding() as attempts, sqlite_url() as url:
            results["seed_attempts"] = attempts
            run_backend(url, "sqlite", profile, results)
    if only in (None, "analysis"):
        run_analysis("sqlite", profile, results, None)
        if with_postgres:
            run_postgres(profile, results, only)
        else:
            log("PostgreSQL skipped (--no-postgres)")
        results["analysis_targets"] = targets(results["analysis"])
    if only in (None, "exports"):
        results["exports"] = exports_bench(profile.exports, log)
        results["exports_targets"] = export_targets(results["exports"])
    if only in (None, "protection"):
        results["protection"] = protection_bench(profile.protection, log)
        results["protection_targets"] = protection_targets(results["protection"])
    if only in (None, "pages"):
        repeats = 1 if profile.name == "quick" else 3
        results["pages"] = pages_bench(repeats, log, with_postgres)
        results.setdefault("postgres", results["pages"]["servers"].get("postgresql"))
        results["pages_targets"] = pages_targets(results["pages"])
    if only in (None, "load"):
        results["load"] = load_bench(profile.name, with_postgres, log)
        results["load_targets"] = load_targets(results["load"])
    if only == "national":
        results["national"] = national_bench(profile.name, log)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    profile = PROFILES["quick" if args.quick else "full" if args.full else "default"]
    start = time.perf_counter()
    results = run(profile, with_postgres=not args.no_postgres, only=args.only)
    results["total_s"] = round(time.perf_counter() - start, 1)
    results["machine"]["load_end"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"]["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(render(results))
    if "exports" in results:
        print(render_exports(results["exports"]))
    if "protection" in results:
        print(render_protection(results["protection"]))
    if "pages" in results:
        print(render_pages(results["pages"]))
    if "load" in results:
        print(render_load(results["load"]))
    if "national" in results:
        print(render_national(results["national"]))
    print(f"\nJSON: {write_json(results)}  (total {results['total_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
