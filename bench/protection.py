"""Benchmark 6: protection of a response export at 100k and 1M responses: time, peak RSS.

Each run is a fresh process (``python -m bench.protection --child ...``), so its peak RSS
(``VmHWM``) is the protection's own, imports and the app included. Modes:

- ``plan``: what an export does before its first row: read the quasi-identifiers
  (``read_quasi``: the packed report-group codes and the dates), ``protect()``, the
  per-combination release plan and the risk report (``assess``, ``Plan.of``,
  ``build_report``);
- ``core``: ``protect()`` alone, on the codes already read;
- ``page``: the downloads page's risk report twice, the second from its cache;
- ``stress``: ``protect()`` on ``n`` rows of 10 uniform four-value quasi-identifiers
  without hierarchies plus 14 days (nearly every row unique; no database): the worst
  case, where local suppression must try hundreds of subsets of 11 variables.

The data: a SQLite file in bench/out/ of the bundled tna-asn survey whose report-group
answers are drawn from 50,000 answer sets of ``demo seed``'s generator (so their joint
distribution and the PPPK rule are the demo's), dates uniform over 14 days. Only the
columns the protection reads are filled (``group_codes``, ``submitted_on``): the answers
are ``{}``, so this measures the protection, not an export (section 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
import uuid
from typing import Any

import numpy as np

from .analysis_child import maxrss_mib
from .env import ROOT, make_app
from .stats import summarize

Log = Any
OUT_DIR = ROOT / "bench" / "out"
MODES = ("plan", "core", "page", "stress")
SEED, SAMPLE, DAYS, BATCH = 11, 50_000, 14, 50_000
#: The issue's targets at 1,000,000 responses.
TARGET_SECONDS, TARGET_MIB, LARGE = 30.0, 1536.0, 1_000_000


def repeats(n: int) -> int:
    return 5 if n <= 100_000 else 3


def database(n: int, log: Log) -> str:
    """A seeded file of ``n`` responses (kept in bench/out/ for the next run)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"protection-n{n}-seed{SEED}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        log(f"protection: seeding {n:,} responses into {path.name}")
        partial = path.with_name(f".{path.name}.partial")
        partial.unlink(missing_ok=True)
        _seed(f"sqlite:///{partial}", n)
        partial.rename(path)
    return url


def _seed(url: str, n: int) -> None:
    import sqlalchemy as sa

    from survey_app.campaigns.service import CampaignSettings, create_campaign
    from survey_app.demo.seed import fake_answers
    from survey_app.extensions import db
    from survey_app.respond.models import Response
    from survey_app.versions.service import form_of, load_text

    from .env import FORM_FILE, FORM_ID

    with make_app(url).app_context():
        load_text(FORM_FILE.read_text(encoding="utf-8"), FORM_FILE.name)
        campaign = create_campaign(CampaignSettings(form_id=FORM_ID, slug="bench"))
        form, rng = form_of(campaign.version), random.Random(SEED)
        sample = [form.group_codes(fake_answers(form, rng)) for _ in range(SAMPLE)]
        picks = np.random.default_rng(SEED).integers(0, SAMPLE, n)
        first = dt.date(2026, 3, 1)
        for start in range(0, n, BATCH):
            rows = [
                {
                    "id": uuid.uuid4(),
                    "campaign_id": campaign.id,
                    "submitted_on": first + dt.timedelta(days=int(pick) % DAYS),
                    "answers": {},
                    "numeric": b"",
                    "group_codes": sample[pick],
                }
                for pick in picks[start : start + BATCH].tolist()
            ]
            db.session.execute(sa.insert(Response), rows)
        db.session.commit()


def run_child(url: str, mode: str, n: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.protection", "--child", "--url", url, "--mode", mode]
    command += ["--n", str(n)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.protection child failed ({done.returncode}) for {mode}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def protection_bench(sizes: tuple[int, ...], log: Log) -> dict[str, Any]:
    """Per N and mode: seconds and peak RSS, median [min-max] of fresh processes."""
    results: dict[str, Any] = {}
    for n in sizes:
        url = database(n, log)
        by_mode: dict[str, Any] = {}
        for mode in MODES:
            log(f"protection: {mode} of {n:,} responses, {repeats(n)} runs")
            runs = [run_child(url, mode, n) for _ in range(repeats(n))]
            by_mode[mode] = {
                "seconds": summarize([r["seconds"] for r in runs]).as_dict(),
                "rss_mib": summarize([r["rss_peak_mib"] for r in runs]).as_dict(),
                "details": runs[0]["details"],
            }
        results[str(n)] = by_mode
    return results


def child(url: str, mode: str, n: int) -> dict[str, Any]:
    """One measurement in this (fresh) process, as one JSON object."""
    from survey_app import create_app
    from survey_app.campaigns.service import require_campaign
    from survey_app.versions.service import form_of

    if mode == "stress":
        seconds, details = _stress(n)
        return {"mode": mode, "seconds": seconds, "rss_peak_mib": maxrss_mib(), "details": details}
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        campaign = require_campaign("bench")
        form = form_of(campaign.version)
        seconds, details = MEASURES[mode](campaign, form)
    return {"mode": mode, "seconds": seconds, "rss_peak_mib": maxrss_mib(), "details": details}


def _plan(campaign: Any, form: Any) -> tuple[float, dict[str, Any]]:
    from survey_app.reports.protection import Plan, assess, text_columns
    from survey_app.reports.risk_report import build_report

    start = time.perf_counter()
    assessment = assess(campaign, form)
    plan = Plan.of(assessment)
    report = build_report(assessment, text_columns(form))
    seconds = time.perf_counter() - start
    return seconds, _details(report, len(plan.cells))


def _core(campaign: Any, form: Any) -> tuple[float, dict[str, Any]]:
    from survey_app.analysis.anonymize import protect
    from survey_app.reports.quasi_data import read_quasi

    quasi = read_quasi(campaign.id, form)
    start = time.perf_counter()
    protection = protect(quasi.codes, [c.hierarchy for c in quasi.columns], campaign.min_cell_size)
    seconds = time.perf_counter() - start
    return seconds, {"levels": list(protection.levels), "combinations": len(protection.rows)}


def _page(campaign: Any, form: Any) -> tuple[float, dict[str, Any]]:
    from survey_app.reports.release import campaign_report

    start = time.perf_counter()
    report = campaign_report(campaign, form)
    first = time.perf_counter() - start
    start = time.perf_counter()
    campaign_report(campaign, form)
    return first, {**_details(report, None), "cached_seconds": time.perf_counter() - start}


def _stress(n: int) -> tuple[float, dict[str, Any]]:
    from survey_app.analysis.anonymize import Hierarchy, protect
    from survey_app.reports.quasi import date_column

    generator = np.random.default_rng(SEED)
    codes = np.column_stack([generator.integers(1, 5, (n, 10)), generator.integers(0, DAYS, n)])
    days = [dt.date(2026, 3, 1) + dt.timedelta(days=d) for d in range(DAYS)]
    hierarchies = [Hierarchy(f"q{i}") for i in range(10)] + [date_column(days).hierarchy]
    start = time.perf_counter()
    protection = protect(codes, hierarchies, 5)
    seconds = time.perf_counter() - start
    details = {"combinations": len(protection.rows), "rows_suppressed": protection.rows_suppressed}
    return seconds, {**details, "cells_suppressed": sum(protection.cells_suppressed.values())}


def _details(report: Any, combinations: int | None) -> dict[str, Any]:
    return {
        "n": report.responses,
        "below_k_before": report.before.below_k,
        "below_k_after_recoding": report.after_recoding.below_k,
        "rows_suppressed": report.rows_suppressed,
        "levels": [v.level for v in report.variables],
        "combinations": combinations,
    }


MEASURES = {"plan": _plan, "core": _core, "page": _page}


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    large = results.get(str(LARGE), {}).get("plan")
    if large is None:
        return [{"target": "plan at 1M: < 30 s and < 1.5 GiB", "ok": None}]
    seconds, mib = large["seconds"]["median"], large["rss_mib"]["median"]
    ok = seconds < TARGET_SECONDS and mib < TARGET_MIB
    return [
        {"target": "plan at 1M: < 30 s and < 1.5 GiB", "ok": ok, "seconds": seconds, "mib": mib}
    ]


def render_protection(results: dict[str, Any]) -> str:
    lines = ["\n6. Protection of a response export (SQLite, tna-asn: 6 report groups + date;"]
    lines.append("   stress: 10 quasi-identifiers without hierarchies + date, in memory)")
    lines.append(f"{'N':>9}  {'mode':<6} {'seconds':>22} {'peak RSS MiB':>22}")
    for n, by_mode in results.items():
        for mode in MODES:
            r = by_mode[mode]
            lines.append(
                f"{int(n):>9,}  {mode:<6} {_med(r['seconds'], 2):>22} {_med(r['rss_mib'], 0):>22}"
            )
    for check in targets(results):
        status = {True: "ok", False: "MISSED", None: "not measured"}[check["ok"]]
        lines.append(f"   {check['target']}: {status}")
    return "\n".join(lines)


def _med(summary: dict[str, Any], digits: int) -> str:
    return (
        f"{summary['median']:.{digits}f} [{summary['min']:.{digits}f}-{summary['max']:.{digits}f}]"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.protection", description=__doc__)
    parser.add_argument("--child", action="store_true", help="one measurement")
    parser.add_argument("--url")
    parser.add_argument("--mode", choices=MODES, default="plan")
    parser.add_argument("--n", type=int, default=LARGE, help="rows of the stress mode")
    parser.add_argument("--sizes", default="100000,1000000", help="without --child: N to run")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        print(json.dumps(child(args.url, args.mode, args.n)))
        return 0
    sizes = tuple(int(size) for size in args.sizes.split(","))
    results = protection_bench(sizes, lambda message: print(message, file=sys.stderr, flush=True))
    print(render_protection(results))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
