"""Benchmark 5: exports of 10k, 100k and (``--full``) 1M responses: time and peak RSS.

Each run is a fresh process (``python -m bench.exports --child ...``), so its peak RSS
(``VmHWM``) is the export's own: imports and the app, then ``responses_output`` ->
``write_output`` once, the path of ``flask export responses``. ``web-csv`` is the web
download instead: the streamed response of :func:`survey_app.jobs.downloads.download`
iterated to the end, as a WSGI server would send it.

The data are the priority benchmark's seeded SQLite files in bench/out/ (30 competency
items and 10 report groups: 72 export columns), opened read-only. A file whose key
(form, generator, schema) is stale is still used when no current one exists: an export
reads only ``id``, ``submitted_on`` and ``answers``, which no later migration changed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .analysis import OUT_DIR, SEED, Log, slug, sqlite_database
from .analysis_child import maxrss_mib
from .analysis_form import data_key, form_yaml
from .env import ROOT
from .stats import summarize

FORMATS = ("csv", "json", "xlsx", "sav", "web-csv")
#: The issue's target: peak RSS at 1M at most this many times that at 10k (SAV excepted).
RSS_RATIO = 1.5
SMALL, LARGE = 10_000, 1_000_000


def repeats(n: int) -> int:
    """Several runs up to 100k (medians); one at 1M (minutes each, a shared machine)."""
    return 3 if n <= 100_000 else 1


def database(n: int, log: Log) -> tuple[str, str]:
    """A read-only URL of a seeded file with ``n`` responses, and the file's name."""
    current = OUT_DIR / f"analysis-n{n}-seed{SEED}-{data_key(form_yaml())}.sqlite3"
    found = (
        [current]
        if current.exists()
        else sorted(OUT_DIR.glob(f"analysis-n{n}-seed{SEED}-*.sqlite3"))
    )
    if found:
        path = found[-1]
        log(f"exports: reusing {path.name}")
    else:
        url, _info = sqlite_database(n, log)
        path = Path(url.removeprefix("sqlite:///"))
    return f"sqlite:///file:{path}?mode=ro&uri=true", path.name


def run_child(url: str, n: int, fmt: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.exports", "--child", "--url", url, "--slug", slug(n)]
    done = subprocess.run(
        [*command, "--format", fmt], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.exports child failed ({done.returncode}) for {fmt}, n={n}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def exports_bench(sizes: tuple[int, ...], log: Log) -> dict[str, Any]:
    """Per N and format: seconds and peak RSS (median [min-max] of the runs), file size."""
    results: dict[str, Any] = {}
    for n in sizes:
        url, name = database(n, log)
        by_format: dict[str, Any] = {"file": name}
        for fmt in FORMATS:
            log(f"exports: {fmt} of {n:,} responses, {repeats(n)} run(s)")
            runs = [run_child(url, n, fmt) for _ in range(repeats(n))]
            by_format[fmt] = {
                "rows": runs[0]["rows"],
                "bytes": runs[0]["bytes"],
                "seconds": summarize([r["seconds"] for r in runs]).as_dict(),
                "rss_mib": summarize([r["rss_peak_mib"] for r in runs]).as_dict(),
                "rss_ready_mib": summarize([r["rss_ready_mib"] for r in runs]).as_dict(),
            }
        results[str(n)] = by_format
    return results


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Peak RSS at 1M against 10k, per format."""
    small, large = results.get(str(SMALL)), results.get(str(LARGE))
    checks = []
    for fmt in FORMATS:
        if small is None or large is None:
            checks.append({"target": f"{fmt}: RSS 1M <= {RSS_RATIO}x 10k", "ok": None})
            continue
        ratio = large[fmt]["rss_mib"]["median"] / small[fmt]["rss_mib"]["median"]
        ok = ratio <= RSS_RATIO
        checks.append({"target": f"{fmt}: RSS 1M <= {RSS_RATIO}x 10k", "ok": ok, "ratio": ratio})
    return checks


def render_exports(results: dict[str, Any]) -> str:
    lines = ["\n5. Exports of responses (SQLite, 72 columns; median [min-max] of the runs)"]
    lines.append(f"{'N':>9}  {'format':<8} {'seconds':>22} {'peak RSS MiB':>24} {'MB':>8}")
    for n, by_format in results.items():
        for fmt in FORMATS:
            r = by_format[fmt]
            lines.append(
                f"{int(n):>9,}  {fmt:<8} {_med(r['seconds'], 2):>22} "
                f"{_med(r['rss_mib'], 0):>24} {r['bytes'] / 1e6:>8.1f}"
            )
    for check in targets(results):
        status = {True: "ok", False: "MISSED", None: "not measured (--full)"}[check["ok"]]
        ratio = f" ({check['ratio']:.2f}x)" if "ratio" in check else ""
        lines.append(f"   {check['target']}: {status}{ratio}")
    return "\n".join(lines)


def _med(summary: dict[str, Any], digits: int) -> str:
    return (
        f"{summary['median']:.{digits}f} [{summary['min']:.{digits}f}-{summary['max']:.{digits}f}]"
    )


def child(url: str, slug_: str, fmt: str) -> dict[str, Any]:
    """One export in this (fresh) process; the numbers as one JSON object."""
    from survey_app import create_app
    from survey_app.campaigns.service import require_campaign
    from survey_app.jobs.downloads import download
    from survey_app.reports.outputs import responses_output, write_output

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.test_request_context(), tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        campaign = require_campaign(slug_)
        ready = maxrss_mib()
        start = time.perf_counter()
        output = responses_output(campaign, fmt.removeprefix("web-"), False, None)
        if fmt.startswith("web-"):
            size = sum(len(chunk) for chunk in download(output).response)
            rows = output.counted.count if output.counted else None
        else:
            path = Path(tmp) / output.filename
            rows, size = write_output(output, path), path.stat().st_size
        seconds = time.perf_counter() - start
    return {
        "format": fmt,
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rss_ready_mib": ready,
        "rss_peak_mib": maxrss_mib(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.exports", description=__doc__)
    parser.add_argument("--child", action="store_true", help="one measured export")
    parser.add_argument("--url", required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("--format", choices=FORMATS, required=True)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    print(json.dumps(child(args.url, args.slug, args.format)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
