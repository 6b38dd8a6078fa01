"""``python -m bench [--quick | --full] [--no-postgres]``: run, print a table, write JSON."""

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

from .columnar import columnar_bench
from .env import machine, make_app, postgres_url, reliable_seeding, revision, sqlite_url
from .parsing import parse_bench
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


DEFAULT = Profile("default", 7, 15, 3, 100_000, 20_000, 5)
PROFILES = {
    "quick": Profile("quick", 5, 4, 1, 10_000, 5_000, 3),
    "default": DEFAULT,
    "full": replace(DEFAULT, name="full", sqlite_rows=1_000_000, naive_repeats=3),
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="about a minute, small samples")
    size.add_argument("--full", action="store_true", help="1,000,000 responses on SQLite")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
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


def run_postgres(profile: Profile, results: dict[str, Any]) -> None:
    """On a throwaway cluster; a cluster that cannot start is reported, not fatal."""
    try:
        with reliable_seeding(), postgres_url() as url:
            if url is None:
                log("PostgreSQL skipped: no binaries (see tests/pg_cluster.py, PG_BIN)")
                return
            run_backend(url, "postgresql", profile, results)
            results["postgres"] = results["respondent"]["postgresql"]["server"]
    except subprocess.CalledProcessError as exc:
        log(f"PostgreSQL skipped: the cluster did not start: {exc} {exc.stderr!r}")


def run(profile: Profile, with_postgres: bool) -> dict[str, Any]:
    results: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "profile": asdict(profile),
        "machine": machine(),
        "revision": revision(),
        "respondent": {},
        "columnar": {},
    }
    with reliable_seeding() as attempts, sqlite_url() as url:
        results["seed_attempts"] = attempts
        run_backend(url, "sqlite", profile, results)
    if with_postgres:
        run_postgres(profile, results)
    else:
        log("PostgreSQL skipped (--no-postgres)")
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    profile = PROFILES["quick" if args.quick else "full" if args.full else "default"]
    start = time.perf_counter()
    results = run(profile, with_postgres=not args.no_postgres)
    results["total_s"] = round(time.perf_counter() - start, 1)
    results["machine"]["load_end"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"]["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(render(results))
    print(f"\nJSON: {write_json(results)}  (total {results['total_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
