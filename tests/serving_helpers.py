"""Shared steps of the serving tests: the production entry point under gunicorn, and a
respondent walking the mini survey over real http."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import requests

from .live_server import LiveClient, LiveServer, start_server
from .respondent import MINI_PAGES

SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
PRODUCTION = ("-c", "gunicorn.conf.py", "wsgi:app")


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """What ``make serve`` exports, on the test's database."""
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "SURVEY_APP_INSECURE_LOCALHOST": "1",
        "SURVEY_APP_BIND": "127.0.0.1:0",
        **extra,
    }


def start_production(log: Path, env: dict[str, str], workers: int = 1) -> LiveServer:
    """``gunicorn -c gunicorn.conf.py wsgi:app`` (ProductionConfig) on a free loopback port."""
    return start_server({}, log, workers=workers, app_args=PRODUCTION, env=env)


def complete_mini(client: LiveClient, slug: str, suggestion: str = "") -> requests.Response:
    """Start, answer every page of ``tests/forms/mini.yaml`` (the last page's suggestion
    set to ``suggestion``, if given) and submit; the submit's response."""
    client.get(f"/s/{slug}/")
    started = client.post(f"/s/{slug}/start", {})
    assert started.status_code == 302, (started.status_code, started.text[:500])
    pages = [*MINI_PAGES[:-1], {**MINI_PAGES[-1], "saran": suggestion or MINI_PAGES[-1]["saran"]}]
    for number, answers in enumerate(pages):
        client.get(f"/s/{slug}/p/{number}")
        step = client.post(f"/s/{slug}/p/{number}", {**answers, "action": "next"})
        assert step.status_code == 302, (number, step.status_code, step.text[:500])
    match = SUBMISSION_KEY.search(client.get(f"/s/{slug}/review").text)
    assert match, "the review page has no submit form"
    return client.post(f"/s/{slug}/submit", {"submission_key": match.group(1)})
