"""``python -m bench.analysis_child --url URL --slug SLUG ...``: one campaign's priority
report, measured in a fresh process; prints one JSON object on stdout.

The campaign is already seeded (by ``bench.analysis``, in another process), so the peak
RSS measured here is the report's: imports and the app, then ``load_dataset`` ->
``priority_table`` -> ``group_tables`` once. Only after that mark does the process time
the repeats, the pandas baseline and the bootstrap attribution.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import hashlib
import inspect
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa

from survey_app import create_app
from survey_app.analysis import item_stats
from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.questionnaire import Form
from survey_app.reports.responses import response_table
from survey_app.reports.writers import write_csv
from survey_app.respond.models import Response
from survey_app.results import priorities
from survey_app.results.dataset import Dataset, load_dataset
from survey_app.results.priorities import competencies, group_tables, priority_table
from survey_app.versions.service import form_of

from .analysis_form import BREAKDOWN, MIN_CELL, POPULATION
from .stats import summarize

PHASES = ("read", "stats", "groups", "total")
BOOTSTRAPPED = ("bca", "percentile")


def maxrss_mib() -> float:
    """This process's own peak RSS: ``VmHWM`` of /proc/self/status.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: on Linux a child's ru_maxrss starts at the
    forking parent's RSS (exec folds the copied address space's high-water mark in), so
    it would report the bench's main process, not the report. Elsewhere: ru_maxrss.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def report(campaign_id: int, form: Form, population: int) -> tuple[dict[str, float], Any]:
    """The end-to-end priority report, phase by phase (wall seconds)."""
    start = time.perf_counter()
    data = load_dataset(campaign_id, form)
    read = time.perf_counter()
    table = priority_table(data, population=population)
    stats = time.perf_counter()
    groups = group_tables(data, BREAKDOWN, MIN_CELL, population=population)
    end = time.perf_counter()
    db.session.rollback()  # end the read transaction, as a request would
    times = {"read": read - start, "stats": stats - read, "groups": end - stats}
    return {**times, "total": end - start}, (data.n, table, groups)


def read_only(campaign_id: int, form: Form) -> float:
    start = time.perf_counter()
    load_dataset(campaign_id, form)
    seconds = time.perf_counter() - start
    db.session.rollback()
    return seconds


def bootstrap_limit() -> int:
    """The report's ``max_bootstrap_n``: its own setting, else ``item_stats``' default."""
    default = inspect.signature(item_stats).parameters["max_bootstrap_n"].default
    return int(getattr(priorities, "MAX_BOOTSTRAP_N", default))


@contextlib.contextmanager
def normal_theory_only() -> Iterator[None]:
    """Bench-only: the report with ``max_bootstrap_n=0``, i.e. every CI by the delta
    method; the difference to the real report is what the bootstrap costs."""
    original = priorities.item_stats

    def without_bootstrap(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **{**kwargs, "max_bootstrap_n": 0})

    priorities.item_stats = without_bootstrap  # type: ignore[assignment]
    try:
        yield
    finally:
        priorities.item_stats = original  # type: ignore[assignment]


def bootstrapped(table: priorities.PriorityTable) -> int:
    return sum(row["ci_method"] in BOOTSTRAPPED for row in table.rows)


def digest(table: priorities.PriorityTable) -> str:
    """Identical for identical answers, whatever the backend or the storage order."""
    text = json.dumps(table.rows, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def export_csv(campaign: Campaign, form: Form, path: Path) -> int:
    """The analyst's first step: the app's CSV export (as the console's download)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_csv(response_table(campaign, form), out)


def pandas_mwds(path: Path, items: list[str]) -> dict[str, tuple[float, float, float]]:
    """The analyst's usual pandas: per item, mean importance, mean gap and MWDS on the
    pairwise-complete rows. No CIs, no tests, no subgroups: less work than the report."""
    import pandas as pd

    frame = pd.read_csv(path, encoding="utf-8-sig")
    result = {}
    for name in items:
        imp, comp = frame[f"{name}/importance"], frame[f"{name}/competence"]
        both = imp.notna() & comp.notna()
        mean_imp = float(imp[both].mean())
        mean_gap = float((imp[both] - comp[both]).mean())
        result[name] = (mean_imp, mean_gap, mean_imp * mean_gap)
    return result


def baseline(campaign: Campaign, form: Form, tmp: Path) -> tuple[dict[str, float], Any]:
    path = tmp / "export.csv"
    start = time.perf_counter()
    rows = export_csv(campaign, form, path)
    exported = time.perf_counter()
    means = pandas_mwds(path, [item.name for item in competencies(form)])
    end = time.perf_counter()
    db.session.rollback()
    times = {"export": exported - start, "pandas": end - exported, "total": end - start}
    return times, (rows, path.stat().st_size, means)


def agreement(table: priorities.PriorityTable, means: dict[str, Any]) -> float:
    """Largest relative difference between the report's and pandas' three figures."""
    worst = 0.0
    for row in table.rows:
        for ours, theirs in zip(
            (row["importance_mean"], row["gap_mean"], row["mwds"]), means[row["name"]], strict=True
        ):
            worst = max(worst, abs(ours - theirs) / max(abs(theirs), 1e-12))
    return worst


def attribution(campaign_id: int, form: Form, population: int, repeats: int) -> dict[str, Any]:
    """Stats and subgroups again with every CI by the delta method (no bootstrap)."""
    data = load_dataset(campaign_id, form)
    db.session.rollback()
    stats, groups = [], []
    with normal_theory_only():
        for _ in range(repeats):
            start = time.perf_counter()
            priority_table(data, population=population)
            middle = time.perf_counter()
            group_tables(data, BREAKDOWN, MIN_CELL, population=population)
            stats.append(middle - start)
            groups.append(time.perf_counter() - middle)
    return {
        "stats_normal_s": summarize(stats).as_dict(),
        "groups_normal_s": summarize(groups).as_dict(),
    }


def bootstrap_curve(data: Dataset, repeats: int) -> list[dict[str, Any]]:
    """``item_stats`` of one item at several n: as the report calls it, with the
    bootstrap forced (any n), and without it.

    The respondents are drawn with replacement from the first item's complete pairs.
    """
    name = competencies(data.form)[0].name
    imp = data.column(f"{name}/importance").astype(np.float64)
    comp = data.column(f"{name}/competence").astype(np.float64)
    keep = ~(np.isnan(imp) | np.isnan(comp))
    imp, comp = imp[keep], comp[keep]
    rng = np.random.default_rng(1)
    limit = bootstrap_limit()
    item_stats(imp[:500], comp[:500], seed=1)  # warm-up
    variants = {"item_stats_s": limit, "forced_s": 10**12, "normal_only_s": 0}
    curve = []
    for n in sorted({1_000, limit, limit + 1, 10_000, 20_000}):
        pick = rng.integers(0, imp.size, n)
        sample = imp[pick], comp[pick]
        times: dict[str, list[float]] = {key: [] for key in variants}
        for _ in range(repeats):
            for key, cap in variants.items():
                start = time.perf_counter()
                stats = item_stats(*sample, seed=1, max_bootstrap_n=cap)
                times[key].append(time.perf_counter() - start)
                if key == "item_stats_s":
                    method = stats.borich.ci_method
        point = {key: summarize(found).as_dict() for key, found in times.items()}
        curve.append({"n": n, "ci_method": method, **point})
    return curve


def population_check(campaign_id: int, form: Form, n: int) -> str:
    """What ``priority_table(data, population=13000)`` does when n > 13,000."""
    if n <= POPULATION:
        return "not needed"
    data = load_dataset(campaign_id, form)
    db.session.rollback()
    try:
        priority_table(data, population=POPULATION)
    except ValueError as exc:
        return f"ValueError: {exc}"
    return "ok"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.analysis_child", description=__doc__)
    parser.add_argument("--url", required=True, help="SQLAlchemy URL of the seeded database")
    parser.add_argument("--slug", required=True, help="the seeded campaign")
    parser.add_argument("--repeats", type=int, default=3, help="report runs, the first included")
    parser.add_argument("--baseline-repeats", type=int, default=2)
    parser.add_argument("--attribution-repeats", type=int, default=2)
    parser.add_argument("--read-repeats", type=int, default=0, help="extra load_dataset() only")
    parser.add_argument("--curve-repeats", type=int, default=0, help="0: no bootstrap curve")
    parser.add_argument("--profile", type=Path, help="cProfile the first report into this file")
    return parser.parse_args(argv)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.url})
    with app.app_context():
        campaign = db.session.scalar(sa.select(Campaign).filter_by(slug=args.slug))
        assert campaign is not None, f"no campaign {args.slug!r} in {args.url}"
        form = form_of(campaign.version)
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Response)
            .where(Response.campaign_id == campaign.id)
        )
        population = max(POPULATION, int(count or 0))
        db.session.rollback()
        rss_ready = maxrss_mib()
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        first, (n, table, groups) = report(campaign.id, form, population)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        rss_report = maxrss_mib()
        result: dict[str, Any] = {
            "n": n,
            "population": population,
            "breakdown": BREAKDOWN,
            "max_bootstrap_n": bootstrap_limit(),
            "rss_mib": {"ready": rss_ready, "report": rss_report},
            "first_run_s": first,
            "items": len(table.rows),
            "items_bootstrapped": bootstrapped(table),
            "subgroups": [{"value": g.value, "n": g.n, "suppressed": g.suppressed} for g in groups],
            "subgroup_items_bootstrapped": sum(bootstrapped(g.table) for g in groups if g.table),
            "table_digest": digest(table),
        }
        import pandas  # noqa: F401  (imported after the RSS mark, outside every timing)

        samples, base = [first], []
        with tempfile.TemporaryDirectory(prefix="survey-bench-csv-") as tmp:
            rounds = max(args.repeats - 1, args.baseline_repeats)
            for r in range(rounds):
                order = ("baseline", "app") if r % 2 == 0 else ("app", "baseline")
                for kind in order:
                    if kind == "app" and len(samples) < args.repeats:
                        samples.append(report(campaign.id, form, population)[0])
                    elif kind == "baseline" and len(base) < args.baseline_repeats:
                        times, (rows, size, means) = baseline(campaign, form, Path(tmp))
                        base.append(times)
        result["report_s"] = {k: summarize([s[k] for s in samples]).as_dict() for k in PHASES}
        reads = [s["read"] for s in samples] + [
            read_only(campaign.id, form) for _ in range(args.read_repeats)
        ]
        result["report_s"]["read"] = summarize(reads).as_dict()
        if base:
            result["baseline_s"] = {
                k: summarize([b[k] for b in base]).as_dict() for k in ("export", "pandas", "total")
            }
            result["baseline_rows"], result["csv_bytes"] = rows, size
            result["pandas_max_rel_diff"] = agreement(table, means)
        if result["items_bootstrapped"] or result["subgroup_items_bootstrapped"]:
            result.update(attribution(campaign.id, form, population, args.attribution_repeats))
        if args.curve_repeats:
            data = load_dataset(campaign.id, form)
            db.session.rollback()
            result["bootstrap_curve"] = bootstrap_curve(data, args.curve_repeats)
            del data
        result["population_13000"] = population_check(campaign.id, form, n)
    result["rss_mib"]["final"] = maxrss_mib()
    result["ru_maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["load_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    result = measure(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
