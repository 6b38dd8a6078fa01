"""The apps under test (a temporary SQLite file, a throwaway PostgreSQL) and the machine."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import platform
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from survey_app import create_app
from survey_app.campaigns.models import Campaign
from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.demo import seed
from survey_app.extensions import db
from survey_app.versions.service import load_text

#: Tries per answer for the synthetic-answer generator while benchmarking (app: 25).
SEED_ATTEMPTS = 200
ROOT = Path(__file__).resolve().parent.parent
FORM_FILE = ROOT / "questionnaires" / "tna-asn.yaml"
FORM_ID = "tna-asn"


def make_app(url: str) -> Flask:
    """The real app on ``url`` with the real migrations; CSRF off so posts need no token."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):
        upgrade(directory=str(ROOT / "migrations"))  # alembic logs INFO lines to stderr
    return app


@contextlib.contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="survey-bench-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"


@contextlib.contextmanager
def postgres_url() -> Iterator[str | None]:
    """A throwaway cluster from tests/pg_cluster.py, or ``None`` without the binaries."""
    from tests.pg_cluster import available, cluster

    if not available():
        yield None
        return
    with cluster() as url:
        yield url


@contextlib.contextmanager
def reliable_seeding() -> Iterator[int | None]:
    """Work around a generator bug: with 25 tries, about 1 fake response in 2,500 fails.

    ``fake_answers`` draws ``golongan`` at random and keeps it only if its constraint
    holds; a PPPK respondent needs the 1 value in 4 that passes, so all 25 draws fail
    with probability 0.75**25 (~1/1300). 200 tries make that ~1e-25. Yields the setting.
    """
    original = getattr(seed, "ATTEMPTS", None)
    if not isinstance(original, int) or original >= SEED_ATTEMPTS:
        yield original
        return
    seed.ATTEMPTS = SEED_ATTEMPTS  # type: ignore[attr-defined]
    logging.getLogger(__name__).debug("seed.ATTEMPTS %s -> %s", original, SEED_ATTEMPTS)
    try:
        yield SEED_ATTEMPTS
    finally:
        seed.ATTEMPTS = original  # type: ignore[attr-defined]


def new_campaign(slug: str) -> Campaign:
    """An open campaign on tna-asn.yaml (loaded once per database), committed."""
    load_text(FORM_FILE.read_text(encoding="utf-8"), FORM_FILE.name)
    campaign = create_campaign(CampaignSettings(form_id=FORM_ID, slug=slug))
    db.session.commit()
    return campaign


def server_version() -> str:
    """The database server's version string; call inside an app context."""
    if db.engine.dialect.name == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    return f"PostgreSQL {db.session.scalar(sa.text('SHOW server_version'))}"


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "cpu_model": _cpu_model(),
        "memory_gib": round(_mem_total_kib() / 2**20, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": version("sqlalchemy"),
        "flask": version("flask"),
        "platform": platform.platform(),
        "load_start": [round(x, 2) for x in os.getloadavg()],
    }


def revision() -> dict[str, Any]:
    """The commit measured and whether the app's files differ from it (read-only git)."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    paths = ["survey_app", "migrations", "questionnaires"]
    diff = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", *paths], capture_output=True)
    return {"commit": head.stdout.strip() or None, "app_modified": diff.returncode == 1}


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mem_total_kib() -> int:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    return 0
