"""The backups docs/operations.md prescribes restore: back up, delete, restore, and the
answers are there again. PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore
--clean``; SQLite: the online backup API, taken while the app has the file open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.respond.models import Response

from .pg_cluster import PG_BIN
from .respondent import MINI_PAGES, Respondent

#: The SQLite commands of docs/operations.md (Backups), with the paths as arguments.
SQLITE_BACKUP = (
    "import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))"
)


def _answers() -> list[dict]:
    db.session.expire_all()
    return sorted(
        (r.answers for r in db.session.scalars(sa.select(Response))), key=lambda a: a["saran"]
    )


def _respond(app, slug: str, suggestions: list[str]) -> None:
    for suggestion in suggestions:
        respondent = Respondent(app.test_client())
        respondent.start(slug)
        for page, answers in enumerate(MINI_PAGES):
            answers = {**answers, "saran": suggestion} if "saran" in answers else answers
            assert respondent.page(slug, page, answers).status_code == 302
        assert respondent.submit(slug).status_code == 302


def _lose_everything() -> None:
    db.session.execute(sa.delete(Response))
    db.session.execute(sa.delete(Campaign))
    db.session.commit()
    assert _answers() == []


def _backup(backend: str, url: str, target: Path) -> None:
    if backend == "sqlite":
        live = sa.make_url(url).database
        subprocess.run([sys.executable, "-c", SQLITE_BACKUP, live, str(target)], check=True)
        return
    dump = [str(PG_BIN / "pg_dump"), "--format=custom", f"--file={target}", _libpq(url)]
    subprocess.run(dump, check=True, capture_output=True)


def _restore(backend: str, url: str, source: Path) -> None:
    db.session.close()  # the test's own reads hold locks the restore needs
    db.engine.dispose()
    if backend == "sqlite":
        live = sa.make_url(url).database
        subprocess.run([sys.executable, "-c", SQLITE_BACKUP, str(source), live], check=True)
        return
    restore = [str(PG_BIN / "pg_restore"), "--clean", "--if-exists", "--no-owner"]
    subprocess.run(
        [*restore, f"--dbname={_libpq(url)}", str(source)], check=True, capture_output=True
    )


def _libpq(url: str) -> str:
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_back_up_lose_everything_restore(app, backend, database_urls, make_campaign, tmp_path):
    make_campaign(slug="c1")
    _respond(app, "c1", ["satu", "dua", "tiga"])
    before = _answers()
    assert len(before) == 3
    backup = tmp_path / "survey_app.backup"
    _backup(backend, database_urls[backend], backup)
    _respond(app, "c1", ["after the backup"])  # not in the backup: lost on restore
    _lose_everything()
    _restore(backend, database_urls[backend], backup)
    assert _answers() == before
    assert db.session.scalar(sa.select(Campaign.slug)) == "c1"
    # The restored database serves: a new respondent's answer is stored beside them.
    _respond(app, "c1", ["setelah pemulihan"])
    assert len(_answers()) == 4
    assert app.test_client().get("/readyz").status_code == 200
