"""Benchmark 8: the analysis pages of a 5,000-response campaign (issue 10, defect 14).

The bundled survey with ``flask demo setup`` and ``flask demo seed --campaign demo
--responses 5000 --seed 1``, on a temporary SQLite file and a throwaway PostgreSQL.
Every measurement is a fresh process (``python -m bench.pages --child ...``) that logs
in as a drafter and requests one view through the app's WSGI interface (the test
client, as a server would call it); its first request is "cold", the same view five
times more gives "warm" (median). A view is what a browser waits for: the page's HTML,
then its charts. Per repeat and view, three processes, interleaved so that they share
the machine's load:

- ``before``: the code as it was, with scipy's bootstrap and no stored results (the
  process's LRU only): ``borich._packed`` and ``memo.store`` replaced in that process;
- ``cold``: stored results emptied first: everything is computed;
- ``stored``: a new process finding what the cold one stored (another worker, or a
  restart).

Wall and CPU seconds of the process; CPU counts only this process, so it is the better
figure on a shared machine. Printed as median [min-max] of the repeats.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from .env import ROOT, make_app, postgres_url, reliable_seeding, server_version, sqlite_url
from .stats import summarize

SLUG, RESPONSES = "demo", 5_000
DRAFTER, PASSWORD = "drafter@medan.go.id", "ladder orbit maple quartz"
PAGE = f"/staff/analysis/{SLUG}"
SUBGROUP, BY = "golongan=III", "klaster_opd"


def _charts(query: str = "") -> list[str]:
    return [f"{PAGE}/charts/{name}.svg{query}" for name in ("mwds", "ipa", "groups")]


VIEWS: dict[str, list[str]] = {
    "page (HTML)": [PAGE],
    "page + charts": [PAGE, *_charts()],
    "subgroup + charts": [f"{PAGE}?subgroup={SUBGROUP}", *_charts(f"?subgroup={SUBGROUP}")],
    "comparison + chart": [f"{PAGE}?by={BY}", f"{PAGE}/charts/groups.svg?by={BY}"],
    "chart mwds": _charts()[:1],
    "chart ipa": _charts()[1:2],
    "chart groups": _charts()[2:],
}
MODES = ("before", "cold", "stored")
#: The brief's targets for the views a reader opens, in seconds.
TARGETS = {"cold": 3.0, "warm": 1.0}
TARGET_VIEWS = ("page + charts", "subgroup + charts", "comparison + chart")
Log = Callable[[str], None]


def pages_bench(repeats: int, log: Log, with_postgres: bool) -> dict[str, Any]:
    """Per backend and view, per mode: first and warm seconds; ``servers``: versions."""
    results: dict[str, Any] = {"servers": {}}
    with reliable_seeding(), sqlite_url() as url:
        results["sqlite"] = backend_bench(url, repeats, log, results["servers"])
    if with_postgres:
        with reliable_seeding(), postgres_url() as pg:
            if pg is not None:
                results["postgresql"] = backend_bench(pg, repeats, log, results["servers"])
    return results


def backend_bench(url: str, repeats: int, log: Log, servers: dict[str, str]) -> dict[str, Any]:
    name = url.split(":", 1)[0].split("+", 1)[0]
    log(f"pages: {name}: demo setup and seed {RESPONSES:,} responses")
    servers[name] = prepare(url)
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for view in VIEWS:
        log(f"pages: {name}: {view}, {repeats} repeat(s) x {len(MODES)} processes")
        by_mode: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
        for _ in range(repeats):
            for mode in MODES:
                by_mode[mode].append(run_child(url, view, mode))
        runs[view] = by_mode
    return {view: summarise(by_mode) for view, by_mode in runs.items()}


def prepare(url: str) -> str:
    """The brief's commands, and a drafter to log in with; returns the server's version."""
    from survey_app.auth.models import Role
    from survey_app.auth.service import create_user
    from survey_app.extensions import db

    app = make_app(url)
    seed = ["demo", "seed", "--campaign", SLUG, "--responses", str(RESPONSES), "--seed", "1"]
    with app.app_context():
        for args in (["demo", "setup"], seed):
            result = app.test_cli_runner().invoke(args=args)
            if result.exit_code != 0:
                raise RuntimeError(f"flask {' '.join(args)} failed: {result.output}")
        create_user(DRAFTER, {Role.DRAFTER}, PASSWORD, one_time=False)
        db.session.commit()
        return server_version()


def run_child(url: str, view: str, mode: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.pages", "--child", url, view, mode]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.pages child failed ({done.returncode}): {view}, {mode}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summarise(by_mode: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        mode: {
            key: summarize([run[key] for run in runs]).as_dict()
            for key in ("first_wall", "first_cpu", "warm_wall", "warm_cpu")
        }
        for mode, runs in by_mode.items()
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Cold (stored results emptied) and warm wall seconds of the reader's views."""
    checks = []
    for backend, views in _backends(results):
        for view in TARGET_VIEWS:
            for kind, key in (("cold", "first_wall"), ("warm", "warm_wall")):
                seconds = views[view]["cold"][key]["median"]
                checks.append(
                    {
                        "target": f"{backend}: {view} {kind} < {TARGETS[kind]:.0f} s",
                        "seconds": seconds,
                        "ok": seconds < TARGETS[kind],
                    }
                )
    return checks


def render_pages(results: dict[str, Any]) -> str:
    lines = [
        f"\n8. Analysis pages, {RESPONSES:,} responses (wall s, CPU s in brackets; median "
        "of the repeats; before = scipy bootstrap, no stored results)"
    ]
    header = f"{'':<20}" + "".join(f"{m + ' first':>17}{m + ' warm':>16}" for m in MODES)
    for backend, views in _backends(results):
        lines += [f"  {results['servers'][backend]}", header]
        for view, by_mode in views.items():
            cells = "".join(
                f"{_cell(by_mode[m], 'first'):>17}{_cell(by_mode[m], 'warm'):>16}" for m in MODES
            )
            lines.append(f"{view:<20}{cells}")
    for check in targets(results):
        status = "ok" if check["ok"] else "MISSED"
        lines.append(f"   {check['target']}: {status} ({check['seconds']:.2f} s)")
    return "\n".join(lines)


def _backends(results: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, views) for name, views in results.items() if name != "servers"]


def _cell(mode: dict[str, Any], key: str) -> str:
    return f"{mode[f'{key}_wall']['median']:.2f} ({mode[f'{key}_cpu']['median']:.2f})"


def child(url: str, view: str, mode: str) -> dict[str, Any]:
    """One view in this fresh process: first (cold) and warm timings."""
    import statistics

    from survey_app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "TESTING": False})
    _set_mode(app, mode)
    client = app.test_client()
    login = client.post("/staff/login", data={"email": DRAFTER, "password": PASSWORD})
    assert login.status_code == 302, login.status_code
    first = _timed(client, VIEWS[view])
    warm = [_timed(client, VIEWS[view]) for _ in range(5)]
    return {
        "first_wall": first[0],
        "first_cpu": first[1],
        "warm_wall": statistics.median(w[0] for w in warm),
        "warm_cpu": statistics.median(w[1] for w in warm),
    }


def _set_mode(app: Any, mode: str) -> None:
    import sqlalchemy as sa

    from survey_app.analysis import borich
    from survey_app.extensions import db
    from survey_app.resultcache.models import StoredResult
    from survey_app.results import memo

    if mode == "before":
        borich._packed = lambda *_args: None  # type: ignore[assignment]
        memo.store.load = lambda _key: None  # type: ignore[assignment]
        memo.store.save = lambda *_args: None  # type: ignore[assignment]
    elif mode == "cold":
        with app.app_context():
            db.session.execute(sa.delete(StoredResult))
            db.session.commit()


def _timed(client: Any, paths: list[str]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--child", nargs=3, metavar=("URL", "VIEW", "MODE"), required=True)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    print(json.dumps(child(*args.child)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
