"""``python -m bench.load_profile [--layout 35/65] [--seconds 30] [--svg PATH]``: where a
respondent's server CPU goes.

Serves the app as the load benchmark does (gunicorn, 4 sync workers, a throwaway
PostgreSQL, else SQLite), drives it with 8 closed-loop respondents and samples every
worker with py-spy (``record --subprocesses --gil``, 200 Hz: only samples holding the GIL,
so waits on the database or the socket are left out). Writes a flame graph SVG, keeps
py-spy's raw stacks next to it (``.stacks.txt``), and prints the functions with the
largest share of the samples, inclusive (the function and what it calls) and self.
``pip install py-spy`` first.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from .env import ROOT, postgres_url, sqlite_url
from .load import _environment, _slug, prepare
from .load_measure import Target, Window, measure
from .load_server import gunicorn, postmaster_pid

RATE = 200
#: Leaf frames that wait (on the database, the socket, the next connection): py-spy does
#: not always see these threads as idle, so their samples are dropped as not CPU.
WAITING = ("Connection.wait ", "SyncWorker.wait ", "Arbiter.sleep ", "select ")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load_profile", description=__doc__)
    parser.add_argument("--layout", default="35/65", choices=("35/65", "tna-asn"))
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--svg", type=Path, default=ROOT / "bench" / "out" / "respond-flame.svg")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    return parser.parse_args(argv)


@contextlib.contextmanager
def database(sqlite: bool) -> Iterator[str]:
    with contextlib.ExitStack() as stack:
        url = None if sqlite else stack.enter_context(postgres_url())
        yield url or stack.enter_context(sqlite_url())


def record(pid: int, seconds: float, out: Path, fmt: str) -> subprocess.Popen[bytes]:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    command = [py_spy, "record", "--pid", str(pid), "--subprocesses", "--gil", "--rate", str(RATE)]
    command += ["--duration", str(int(seconds)), "--format", fmt, "--output", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def shares(collapsed: Path, top: int) -> str:
    """Inclusive and self shares of the functions in py-spy's collapsed stacks."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    package: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [
            frame.split(" (")[0] + " " + _where(frame)
            for frame in stack.split(";")
            if not frame.startswith(("process ", "thread "))
        ]
        if not frames or frames[-1].startswith(WAITING):
            continue
        total += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
        own[frames[-1]] += int(count)
        package[_package(frames[-1])] += int(count)
    lines = [f"{total} samples on CPU at {RATE} Hz (4 workers; waits left out)", "inclusive:"]
    lines += [f"  {n / total:6.1%}  {f}" for f, n in inclusive.most_common(top)]
    lines += ["self:"] + [f"  {n / total:6.1%}  {f}" for f, n in own.most_common(top)]
    lines += ["self, by package:"] + [f"  {n / total:6.1%}  {p}" for p, n in package.most_common()]
    return "\n".join(lines)


def _package(frame: str) -> str:
    """``(jinja2/runtime.py)`` -> ``jinja2``; templates count as ``templates``."""
    where = frame.rpartition("(")[2].rstrip(")")
    if where.endswith(".html"):
        return "templates (compiled Jinja)"
    return where.split("/")[0] if "/" in where else where


def _where(frame: str) -> str:
    inside = frame.partition(" (")[2].rstrip(")")
    path = inside.rsplit(":", 1)[0]
    for marker in ("site-packages/", "survey_app/", "lib/python3"):
        if marker in path:
            return "(" + path[path.index(marker) :].replace("site-packages/", "") + ")"
    return f"({path})"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with database(args.sqlite) as url, tempfile.TemporaryDirectory() as tmp:
        setup = prepare(url)
        pg = postmaster_pid(sa.make_url(url).port or 0) if url.startswith("postgres") else None
        with gunicorn("bench.load_app:app", _environment(url), Path(tmp) / "log") as server:
            target = Target(server, _slug(args.layout), setup["layouts"][args.layout], False, pg)
            measure(target, args.concurrency, Window(1.0, 3.0))  # warm-up
            collapsed = args.svg.with_suffix(".stacks.txt")  # kept: py-spy's raw stacks
            spies = [
                record(server.pid, args.seconds, path, fmt)
                for path, fmt in ((collapsed, "raw"), (args.svg, "flamegraph"))
            ]
            found = measure(target, args.concurrency, Window(0.5, args.seconds))
            for spy in spies:
                spy.wait(60)
        print(f"server CPU per response (sampled run): {found['server_cpu_ms']:.1f} ms")
        print(shares(collapsed, args.top))
    print(f"flame graph: {args.svg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
