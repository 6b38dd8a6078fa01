"""nginx in front of live servers, as in production: its own prefix and config in a
temporary folder, a free loopback port, no root needed (Debian package ``nginx``)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from .live_server import LiveServer, ServerFailed

NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")

CONFIG = """
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{user}
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream survey_app {{
{upstreams}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 2m;
        location / {{
            proxy_pass http://survey_app;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $host;
            proxy_read_timeout 300s;
        }}
    }}
}}
"""


@dataclass
class Nginx:
    url: str
    process: subprocess.Popen[bytes]
    prefix: Path

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            log = (self.prefix / "error.log").read_text("utf-8", "replace")
            raise ServerFailed(f"nginx exited ({self.process.returncode}):\n{log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_nginx(prefix: Path, servers: list[LiveServer]) -> Nginx:
    """nginx on a free loopback port, balancing round-robin over ``servers``."""
    if not Path(NGINX).exists():
        raise ServerFailed(f"nginx not found at {NGINX}: apt-get install nginx (.ci/run does)")
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    upstreams = "\n".join(f"        server {s.url.removeprefix('http://')};" for s in servers)
    user = "user root;" if os.geteuid() == 0 else ""  # workers must write the temp folders
    text = CONFIG.format(prefix=prefix, port=port, upstreams=upstreams, user=user)
    (prefix / "nginx.conf").write_text(text, encoding="utf-8")
    command = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log")]
    command += ["-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    nginx = Nginx(f"http://127.0.0.1:{port}", process, prefix)
    _until_answering(nginx, time.monotonic() + 30)
    return nginx


def _until_answering(nginx: Nginx, deadline: float) -> None:
    while True:
        try:
            requests.get(nginx.url + "/healthz", timeout=5).raise_for_status()
            return
        except requests.RequestException:
            nginx.check_alive()
            if time.monotonic() > deadline:
                nginx.stop()
                raise ServerFailed("nginx did not answer") from None
            time.sleep(0.05)
