"""The apps under test (a temporary SQLite file, a throwaway PostgreSQL) and the machine."""

from __future__ import annotations

import contextlib
import io
import os
import platform
import sqlite3
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
from survey_app.extensions import db
from survey_app.versions.service import load_text

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
    }


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
