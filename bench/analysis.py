"""Benchmark 4: the full priority report of a campaign (the analysis issue, section 10).

A synthetic questionnaire (``analysis_form``: 30 competency items, 10 report groups) is
loaded with ``load_text``, a campaign is created and seeded with
``seed_responses(campaign, form, N, seed=1)``. The report is then measured in a fresh
process per N (``bench.analysis_child``), so that seeding does not pollute its peak RSS:

1. database read, ``load_dataset(campaign_id, form)``;
2. statistics, ``priority_table(data, population=P)``;
3. subgroups, ``group_tables(data, BREAKDOWN, 5, population=P)``;

and the end-to-end total. The baseline, in the same process and interleaved with the
report: the app's CSV export (``response_table`` + ``write_csv``), then pandas computing
mean importance, mean gap and MWDS per item.

Seeded SQLite files are kept in bench/out/ (keyed by N, seed and a hash of the form, the
generator and the migrations) and reused by later runs: seeding 1,000,000 takes minutes.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.demo.seed import seed_responses
from survey_app.extensions import db
from survey_app.versions.service import form_of, load_text

from .analysis_form import FORM_ID, POPULATION, checked_form, data_key, form_yaml
from .env import ROOT, make_app

SEED = 1
OUT_DIR = Path(__file__).resolve().parent / "out"
#: Targets of the analysis issue, on this 2-core machine.
TARGET_N = 1_000_000
TARGET_SECONDS = 30.0
TARGET_RSS_MIB = 2048.0
#: Time is "linear" when it grows at most like N**1.1 between two sizes.
LINEAR_EXPONENT = 1.1

Log = Callable[[str], None]


@dataclass(frozen=True)
class Plan:
    """Runs per N: reports (the first, in the fresh process, included), baselines,
    no-bootstrap reruns (only when some CI was bootstrapped), extra reads alone."""

    repeats: int
    baseline_repeats: int
    attribution_repeats: int
    read_repeats: int


def plan(n: int, backend: str, profile: str = "default") -> Plan:
    if profile == "quick":
        return Plan(2, 2, 1, 3)
    if n <= 20_000:  # about a second per report since the 2,000-respondent bootstrap cap
        return Plan(5, 3, 3, 5)
    if n <= 200_000:
        return Plan(3, 2, 1, 3)
    return Plan(3, 1, 1, 0)  # one export of 1,000,000 responses takes 1.5 to 3 minutes


def slug(n: int) -> str:
    return f"analysis-{n}"


def seed_campaign(n: int) -> dict[str, Any]:
    """Load the form, open a campaign, seed ``n`` responses; inside an app context."""
    text = form_yaml()
    checked_form(text)
    load_text(text, "bench-analysis.yaml")
    campaign = create_campaign(CampaignSettings(form_id=FORM_ID, slug=slug(n)))
    form = form_of(campaign.version)
    start = time.perf_counter()
    seed_responses(campaign, form, n, seed=SEED)
    db.session.commit()
    seconds = time.perf_counter() - start
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE response"))  # what autovacuum would do
        db.session.commit()
    return {"reused": False, "seed_s": seconds, "seed_per_s": n / seconds}


def sqlite_database(n: int, log: Log) -> tuple[str, dict[str, Any]]:
    """A SQLite file with a seeded campaign of ``n`` responses, reused when it exists."""
    key = data_key(form_yaml())
    path = OUT_DIR / f"analysis-n{n}-seed{SEED}-{key}.sqlite3"
    url = f"sqlite:///{path}"
    if path.exists():
        log(f"sqlite: reusing {path.name}")
        return url, {"reused": True, "file": path.name, "file_bytes": path.stat().st_size}
    for stale in OUT_DIR.glob(f"analysis-n{n}-seed{SEED}-*.sqlite3*"):
        log(f"sqlite: removing {stale.name} (another form, generator or schema)")
        stale.unlink()
    partial = path.with_name(path.name + ".partial")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log(f"sqlite: seeding {n:,} responses into {path.name} (kept for later runs)")
    app = make_app(f"sqlite:///{partial}")
    with app.app_context():
        info = seed_campaign(n)
        db.engine.dispose()
    partial.rename(path)  # only a complete file is ever reused
    return url, {**info, "file": path.name, "file_bytes": path.stat().st_size}


def postgres_database(url: str, n: int) -> str:
    """A new database for one N in the throwaway cluster: seed=1 gives the same response
    ids to every campaign seeded with it, so campaigns cannot share a database."""
    name = f"bench_analysis_{n}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return sa.make_url(url).set(database=name).render_as_string(hide_password=False)


def run_child(url: str, n: int, runs: Plan, curve_repeats: int) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.analysis_child",
        "--url",
        url,
        "--slug",
        slug(n),
        "--repeats",
        str(runs.repeats),
        "--baseline-repeats",
        str(runs.baseline_repeats),
        "--attribution-repeats",
        str(runs.attribution_repeats),
        "--read-repeats",
        str(runs.read_repeats),
        "--curve-repeats",
        str(curve_repeats),
    ]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.analysis_child failed ({done.returncode}) for n={n}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def derived(result: dict[str, Any]) -> dict[str, Any]:
    """Per-100k times, the bootstrap's share, and the speed-up over the baseline."""
    n, report = result["n"], result["report_s"]
    total = report["total"]["median"]
    stats_boot = groups_boot = 0.0
    if "stats_normal_s" in result:
        stats_boot = max(0.0, report["stats"]["median"] - result["stats_normal_s"]["median"])
        groups_boot = max(0.0, report["groups"]["median"] - result["groups_normal_s"]["median"])
    normal_total = total - stats_boot - groups_boot
    out = {
        "per_100k_s": total * 100_000 / n,
        "stats_bootstrap_s": stats_boot,
        "groups_bootstrap_s": groups_boot,
        "total_normal_theory_s": normal_total,
        "normal_theory_per_100k_s": normal_total * 100_000 / n,
    }
    if "baseline_s" in result:
        out["speedup"] = result["baseline_s"]["total"]["median"] / total
    return out


def analysis_bench(
    backend: str,
    sizes: tuple[int, ...],
    log: Log,
    url: str | None = None,
    profile: str = "default",
    curve: bool = False,
) -> dict[str, Any]:
    """Per N (as a string key): seeding, the child's measurements and derived figures.

    ``url`` is the database for every N (PostgreSQL); ``None`` means one kept SQLite
    file per N.
    """
    results: dict[str, Any] = {}
    for n in sizes:
        if url is None:
            where, seeding = sqlite_database(n, log)
        else:
            where = postgres_database(url, n)
            log(f"{backend}: seeding {n:,} responses (database {sa.make_url(where).database})")
            app = make_app(where)
            with app.app_context():
                seeding = seed_campaign(n)
                db.engine.dispose()
        runs = plan(n, backend, profile)
        log(
            f"{backend}: priority report of {n:,} responses in a fresh process "
            f"({runs.repeats} runs, {runs.baseline_repeats} baselines)"
        )
        curve_repeats = 3 if curve and n == sizes[0] else 0
        result = run_child(where, n, runs, curve_repeats)
        results[str(n)] = {"seeding": seeding, **result, **derived(result)}
    return results


def scaling(by_n: dict[str, Any], seconds: Callable[[dict[str, Any]], float]) -> list[Any]:
    """Growth exponents between successive sizes: t2 / t1 = (n2 / n1) ** b."""
    points = sorted((int(n), seconds(r)) for n, r in by_n.items())
    return [
        (n1, n2, math.log(t2 / t1) / math.log(n2 / n1))
        for (n1, t1), (n2, t2) in itertools.pairwise(points)
        if t1 > 0 and t2 > 0
    ]


def _total(result: dict[str, Any]) -> float:
    return float(result["report_s"]["total"]["median"])


def _normal(result: dict[str, Any]) -> float:
    return float(result["total_normal_theory_s"])


def targets(analysis: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The issue's targets, checked on every backend that measured them."""
    checks: list[dict[str, Any]] = []

    def check(backend: str, target: str, ok: bool | None, value: str) -> None:
        checks.append({"backend": backend, "target": target, "ok": ok, "value": value})

    for backend, by_n in analysis.items():
        big = by_n.get(str(TARGET_N))
        if big is None:
            check(backend, f"{TARGET_N:,} responses", None, "not measured (use --full)")
        else:
            seconds, rss = _total(big), big["rss_mib"]["report"]
            check(
                backend,
                f"{TARGET_N:,}: end to end <= {TARGET_SECONDS:g} s",
                seconds <= TARGET_SECONDS,
                f"{seconds:.1f} s",
            )
            check(
                backend,
                f"{TARGET_N:,}: peak RSS <= {TARGET_RSS_MIB / 1024:g} GiB",
                rss <= TARGET_RSS_MIB,
                f"{rss:,.0f} MiB",
            )
        for what, seconds_of in (("report", _total), ("report without bootstrap", _normal)):
            for n1, n2, exponent in scaling(by_n, seconds_of):
                check(
                    backend,
                    f"linear {n1:,} -> {n2:,}, {what}",
                    exponent <= LINEAR_EXPONENT,
                    f"t ~ N^{exponent:.2f}",
                )
        for n, result in by_n.items():
            if "speedup" in result:
                speedup = result["speedup"]
                check(
                    backend,
                    f"{int(n):,}: faster than export + pandas",
                    speedup > 1,
                    f"{speedup:.1f}x faster" if speedup >= 1 else f"{1 / speedup:.1f}x slower",
                )
    return checks


def population_note() -> str:
    return f"population={POPULATION:,}, or N when N > {POPULATION:,}"
