"""The app in a real server process, as in production: gunicorn with sync workers.

A test client runs the view and reads the body in the test's process, which can hide
what only a server shows (a body streamed after the request's database session has
closed, several worker processes, a real socket). :func:`start_server` runs
``gunicorn 'tests.live_app:create()'`` on a free loopback port (gunicorn binds port 0
and logs the real one) and returns once it answers; :meth:`LiveServer.stop` ends it.
The server's log (errors and access) goes to a file, shown when a test fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from .live_app import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")
#: Seconds a server may take to start (import the app) or to stop gracefully.
START_TIMEOUT, STOP_TIMEOUT = 60.0, 10.0
PR_SET_PDEATHSIG = 1


class ServerFailed(RuntimeError):
    """The server did not start, or died; the message ends with its log."""


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    #: Bytes of the log already shown (see :meth:`new_log`).
    shown: int = field(default=0)

    def client(self) -> LiveClient:
        """A fresh browser-like client (its own cookies) of this server."""
        return LiveClient(self)

    def new_log(self) -> str:
        """The log written since the last call."""
        data = self.log.read_bytes()
        text, self.shown = data[self.shown :].decode("utf-8", "replace"), len(data)
        return text

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise ServerFailed(f"the server exited ({self.process.returncode}):\n{_tail(self)}")

    def worker_pids(self) -> list[int]:
        """The gunicorn workers' process ids (``process`` is the master)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a crash or a power cut would:
        nothing shuts down cleanly (for fault tests)."""
        for pid in [self.process.pid, *self.worker_pids()]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """SIGTERM (gunicorn's graceful stop), then SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class LiveClient:
    """``requests`` against a live server, keeping cookies and the latest CSRF token."""

    def __init__(self, server: LiveServer) -> None:
        self.server, self.http, self.csrf = server, requests.Session(), ""

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        self.server.check_alive()
        response = self.http.get(self.server.url + path, timeout=120, **kwargs)
        if "html" in response.headers.get("Content-Type", "") and (
            match := CSRF.search(response.text)
        ):
            self.csrf = match.group(1)
        return response

    def post(self, path: str, data: dict[str, Any]) -> requests.Response:
        self.server.check_alive()
        payload = {"csrf_token": self.csrf, **data}
        return self.http.post(
            self.server.url + path, data=payload, timeout=120, allow_redirects=False
        )

    def login(self, email: str, password: str) -> LiveClient:
        self.get("/staff/login")
        response = self.post("/staff/login", {"email": email, "password": password})
        if response.status_code != 302:
            raise AssertionError(f"login as {email} failed: {response.status_code}")
        return self


def start_server(
    settings: dict[str, Any],
    log: Path,
    workers: int = 2,
    app_args: tuple[str, ...] = ("tests.live_app:create()",),
    env: dict[str, str] | None = None,
) -> LiveServer:
    """Serve ``create_app(settings)`` (TestConfig plus ``settings``) with gunicorn; or,
    given ``app_args`` (say ``("-c", "gunicorn.conf.py", "wsgi:app")``) and ``env``, that."""
    command = [
        *(sys.executable, "-m", "gunicorn", *app_args),
        *("--bind", "127.0.0.1:0", "--workers", str(workers), "--worker-class", "sync"),
        *("--timeout", "120", "--graceful-timeout", "5", "--access-logfile", "-"),
    ]
    environment = {**os.environ, SETTINGS: json.dumps(settings), **(env or {})}
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=handle,
            stderr=subprocess.STDOUT,
            preexec_fn=_stop_with_parent,
        )
    server = LiveServer("", process, log)
    try:
        server.url = _address(server, time.monotonic() + START_TIMEOUT)
        _until_answering(server, time.monotonic() + START_TIMEOUT)
    except BaseException:
        server.stop()
        raise
    return server


def _stop_with_parent() -> None:
    """Linux: SIGTERM the server when the test process dies (killed pytest, no teardown)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _address(server: LiveServer, deadline: float) -> str:
    """The URL gunicorn logs once it has bound its socket (polled every 20 ms)."""
    while time.monotonic() < deadline:
        if match := LISTENING.search(server.log.read_text("utf-8", "replace")):
            return match.group(1)
        server.check_alive()
        time.sleep(0.02)
    raise ServerFailed(f"the server did not bind a port:\n{_tail(server)}")


def _until_answering(server: LiveServer, deadline: float) -> None:
    """Connections wait in the socket's backlog until a worker has loaded the app."""
    while True:
        try:
            requests.get(server.url + "/staff/login", timeout=deadline - time.monotonic())
            return
        except requests.ConnectionError:
            server.check_alive()
            if time.monotonic() > deadline:
                raise ServerFailed(f"the server did not answer:\n{_tail(server)}") from None
            time.sleep(0.05)


def _tail(server: LiveServer, size: int = 20_000) -> str:
    return server.log.read_text("utf-8", "replace")[-size:]


class LiveServers:
    """Servers started on demand for one test module, stopped at its end.

    ``get(url, **settings)`` serves the app on database ``url`` with those config
    overrides, reusing a running server with the same ones. Only one database's servers
    run at a time: asking for another stops them (a module that groups its tests by
    backend, as ``test_live_downloads`` does, starts each server once).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.running: dict[str, LiveServer] = {}

    def get(self, url: str, **settings: Any) -> LiveServer:
        config = {"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, **settings}
        key = json.dumps(config, sort_keys=True)
        for other in [k for k in self.running if json.loads(k)["SQLALCHEMY_DATABASE_URI"] != url]:
            self.running.pop(other).stop()
        if key in self.running and self.running[key].process.poll() is not None:
            del self.running[key]  # it died (a fault test killed it): start it again
        if key not in self.running:
            log = self.folder / f"server-{len(list(self.folder.iterdir()))}.log"
            self.running[key] = start_server(config, log)
        return self.running[key]

    def new_logs(self) -> str:
        return "".join(f"--- {s.url}\n{s.new_log()}" for s in self.running.values())

    def stop(self) -> None:
        while self.running:
            self.running.popitem()[1].stop()
