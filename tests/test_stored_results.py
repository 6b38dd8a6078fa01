"""Priority tables are computed once per answers and shared by every process through the
database: a second request, another app instance or a server's worker process computes
no bootstrap; new responses make a new entry; housekeeping deletes the old ones."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from survey_app import create_app
from survey_app.campaigns.models import Campaign
from survey_app.clock import utcnow
from survey_app.extensions import db
from survey_app.housekeeping import purge
from survey_app.resultcache import store
from survey_app.results import memo
from survey_app.results.dataset import load_dataset
from survey_app.results.priorities import priority_table
from survey_app.versions.service import form_of

from .conftest import DRAFTER_EMAIL, STAFF_PASSWORD
from .pages_helpers import bootstraps, new_process, stored

__all__ = ["bootstraps", "new_process"]

SUBGROUP = "/staff/analysis/akpk?subgroup=golongan=III&lang=en"


@pytest.fixture
def seeded(seed_survey) -> Campaign:
    return seed_survey(60, seed=3)


def page(staff, url: str = SUBGROUP) -> str:
    response = staff.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def table_of(html: str) -> str:
    """The page's priority table (the rest carries a per-session CSRF token)."""
    start = html.index("<table")
    return html[start : html.index("</table>", start)]


def test_a_table_is_computed_once_then_read_from_memory_or_the_database(
    seeded, drafter, bootstraps
):
    first = table_of(page(drafter))
    computed = len(bootstraps)
    assert computed > 0 and len(stored()) == 1
    assert table_of(page(drafter)) == first and len(bootstraps) == computed  # remembered
    memo.forget_all()  # as another process would start: only the database knows it
    assert table_of(page(drafter)) == first and len(bootstraps) == computed


def test_another_app_instance_reads_the_table_the_first_one_stored(
    seeded, drafter, bootstraps, app, login
):
    first = page(drafter)
    computed = len(bootstraps)
    other = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    memo.forget_all()
    staff = login(other.test_client(), DRAFTER_EMAIL)
    assert table_of(page(staff)) == table_of(first) and len(bootstraps) == computed
    with other.app_context():
        db.engine.dispose()


def test_the_stored_table_is_the_computed_one(seeded, app):
    """Through the database's JSON and back: every number, label and flag equal."""
    data = load_dataset(seeded.id, form_of(seeded.version))
    options = {"language": "en", "population": 13000, "fgd": {}}
    source = memo.Source(seeded.id, data.n)
    memo.cached_priority_table(data, source=source, **options)
    [entry] = stored()
    computed = priority_table(data, **options)
    assert memo.from_payload(store.load(entry.key)) == computed
    assert entry.key == memo.table_key(data, **options) and entry.responses == 60


def test_new_responses_make_a_new_entry_and_housekeeping_drops_the_old(
    seeded, drafter, bootstraps, runner
):
    page(drafter, "/staff/analysis/akpk?lang=en")
    computed = len(bootstraps)
    args = ["--campaign", "akpk", "--responses", "1", "--seed", "11"]
    assert runner.invoke(args=["demo", "seed", *args]).exit_code == 0
    html = page(drafter, "/staff/analysis/akpk?lang=en")
    assert "61 responses" in html and len(bootstraps) > computed
    assert sorted(e.responses for e in stored()) == [60, 61]
    assert purge()["stale stored results"] == 1
    db.session.commit()
    assert [e.responses for e in stored()] == [61]


def test_housekeeping_drops_entries_older_than_the_keeping_period(seeded, drafter):
    page(drafter)
    page(drafter, "/staff/analysis/akpk?subgroup=golongan=IV&lang=en")
    old, recent = stored()
    old.created_at = utcnow() - store.KEEP - dt.timedelta(minutes=1)
    recent.created_at = utcnow() - store.KEEP + dt.timedelta(hours=1)
    db.session.commit()
    assert purge()["stale stored results"] == 1
    db.session.commit()
    assert [e.key for e in stored()] == [recent.key]


def test_an_entry_that_cannot_be_stored_is_only_computed_again(seeded, app, caplog):
    """A campaign deleted meanwhile (or a locked SQLite file): the reader gets the table,
    the log says why it was not kept, nothing is half-written."""
    caplog.set_level(logging.WARNING, "survey_app.resultcache.store")
    store.save("f" * 64, seeded.id + 1000, 60, {"rows": []})
    assert stored() == [] and "not stored" in caplog.text


# --- across real processes: gunicorn with two sync workers ------------------------------


@pytest.mark.slow
def test_server_workers_read_what_another_process_stored(seeded, drafter, bootstraps, live_server):
    """Stored here, then changed in the database: every worker shows the change, so none
    computed the table itself."""
    page(drafter)
    [entry] = stored()
    payload = dict(entry.payload)
    payload["rows"] = [{**payload["rows"][0], "label": "STORED-MARKER"}, *payload["rows"][1:]]
    entry.payload = payload
    db.session.commit()
    client = live_server.client().login(DRAFTER_EMAIL, STAFF_PASSWORD)
    for _ in range(4):
        response = client.get(SUBGROUP)
        assert response.status_code == 200 and "STORED-MARKER" in response.text


@pytest.mark.slow
def test_a_table_a_server_worker_stored_is_not_computed_here(
    seeded, drafter, bootstraps, live_server
):
    client = live_server.client().login(DRAFTER_EMAIL, STAFF_PASSWORD)
    served = client.get(SUBGROUP)
    assert served.status_code == 200 and len(stored()) == 1
    assert table_of(page(drafter)) == table_of(served.text)
    assert bootstraps == []
