"""gunicorn under test, and CPU time of a process tree read from ``/proc``.

The server runs with the project's ``gunicorn.conf.py`` and 4 sync workers on a free
loopback port. Its CPU is the master's and the workers' ``utime + stime`` (plus what
reaped children left in ``cutime + cstime``), read before and after a measurement, so
the load generator's own CPU is never counted as the server's.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from .env import ROOT

WORKERS = 4
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BOOTED = re.compile(r"Booting worker with pid")
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Server:
    port: int
    pid: int

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (which may hold spaces)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and all its live descendants, and of reaped ones."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        fields = _stat(current)
        if fields is not None:  # utime, stime, cutime, cstime: fields 14-17 of stat
            total += sum(int(value) for value in fields[11:15])
        todo.extend(tree.get(current, []))
    return total / CLOCK_TICKS


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and its live descendants (pages shared by a fork are
    counted in each process, so this overstates a preloaded server)."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        fields = _stat(current)
        if fields is not None:
            total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        todo.extend(tree.get(current, []))
    return total / 2**20


@contextlib.contextmanager
def gunicorn(app: str, env: dict[str, str], log: Path) -> Iterator[Server]:
    """Serve ``app`` (``module:variable``) until the block ends; SIGTERM, then SIGKILL."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--error-logfile", "-"),
        app,
    ]
    with log.open("ab") as handle:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=handle, stderr=subprocess.STDOUT
        )
    try:
        _until_booted(process, log)
        yield Server(port, process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _until_booted(process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    start = log.stat().st_size
    while time.monotonic() < deadline:
        text = log.read_bytes()[start:].decode("utf-8", "replace")
        if len(BOOTED.findall(text)) >= WORKERS:
            time.sleep(0.3)  # the last worker's post-fork set-up
            return
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{text[-4000:]}")
        time.sleep(0.05)
    raise RuntimeError("gunicorn did not start its workers in time")


def postmaster_pid(port: int) -> int | None:
    """The PostgreSQL postmaster listening on ``port`` (its command line names it)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if argv and argv[0].endswith(b"postgres") and f"-p {port}".encode() in b" ".join(argv):
                return int(entry.name)
    return None


@contextlib.contextmanager
def wal_position(url: str) -> Iterator[Callable[[], int] | None]:
    """A reader of PostgreSQL's WAL insert position in bytes (None on SQLite): its
    difference over a window is what the database wrote to its log."""
    if not url.startswith("postgres"):
        yield None
        return
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    query = sa.text("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")
    with engine.connect() as connection:
        yield lambda: int(connection.scalar(query) or 0)
    engine.dispose()
