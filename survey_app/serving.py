"""Serving the production configuration: plain http on this machine only, and the key.

``make serve`` runs ``wsgi.py`` (``ProductionConfig``) under gunicorn on loopback. A
browser does not send a ``Secure`` cookie over plain http, so there every form would fail
its CSRF check. ``SURVEY_APP_INSECURE_LOCALHOST=1`` turns the flag off, and only where
no other machine can be the client: the bind must be a loopback address, no reverse
proxy may be configured, and each request's peer must be loopback too.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, abort, request

FLAG = "SURVEY_APP_INSECURE_LOCALHOST"
#: Key file ``make serve`` writes when no ``SECRET_KEY`` is given (see docs/operations.md).
KEY_FILE = "secret_key"


class InsecureRefused(RuntimeError):
    """The flag was set where other machines could reach the app."""


def insecure_localhost(environ: Mapping[str, str]) -> bool:
    """Whether the flag is set; raises :class:`InsecureRefused` where it must not be."""
    if environ.get(FLAG, "") in ("", "0"):
        return False
    bind = environ.get("SURVEY_APP_BIND", "127.0.0.1:8000")
    if not is_loopback_bind(bind):
        raise InsecureRefused(f"{FLAG}=1 is for loopback only; refusing to serve on {bind}")
    if int(environ.get("SURVEY_APP_PROXIES") or 0) > 0:
        raise InsecureRefused(f"{FLAG}=1 is for loopback only; unset SURVEY_APP_PROXIES")
    return True


def is_loopback_bind(bind: str) -> bool:
    """``127.0.0.1:8000``, ``[::1]:8000``, ``localhost:8000``; not ``0.0.0.0``, not a socket."""
    return is_loopback_host(bind.rsplit(":", 1)[0].strip("[]") if ":" in bind else bind)


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allow_plain_http(app: Flask) -> None:
    """Cookies without ``Secure``, and a 403 for any peer that is not this machine."""
    app.config.update(
        SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False, PREFERRED_URL_SCHEME="http"
    )
    app.before_request(_loopback_peer_only)


def _loopback_peer_only() -> None:
    if not is_loopback_host(request.remote_addr or ""):
        abort(403)


def secret_key(instance: Path) -> str:
    """The key kept in ``instance/secret_key``, created (mode 0600) on first use."""
    path = instance / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="ascii").strip()


def main(argv: list[str]) -> int:
    """``python -m survey_app.serving check|secret-key``, for ``make serve``."""
    if argv[1:] == ["secret-key"]:
        from config import INSTANCE_DIR

        INSTANCE_DIR.mkdir(exist_ok=True)
        print(secret_key(INSTANCE_DIR))
        return 0
    try:
        insecure_localhost(os.environ)
    except InsecureRefused as refused:
        print(f"Error: {refused}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
