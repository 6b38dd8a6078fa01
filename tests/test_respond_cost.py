"""The respondent path stays cheap: a few SQL statements per page, the form parsed once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.versions import cache as versions

from .respondent import MINI_PAGES, Respondent


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


def test_a_page_costs_a_few_statements(make_campaign, app):
    make_campaign(form="tna-asn.yaml")
    respondent = Respondent(app.test_client())
    respondent.start("c1")
    respondent.get("/s/c1/p/0")
    with counted_statements() as shown:
        respondent.get("/s/c1/p/0")
    with counted_statements() as saved:
        respondent.post("/s/c1/p/0", {"action": "next"})  # errors: still reads and saves
    assert len(shown) == 1, shown  # the campaign and the session's draft, in one query
    assert len(saved) <= 2, saved  # and the draft's UPDATE when an answer changed


def test_a_submit_costs_four_statements(make_campaign, app):
    """Receipt, response, draft gone, after the one read: no savepoint on open campaigns."""
    make_campaign()
    respondent = Respondent(app.test_client())
    respondent.start("c1")
    for page, answers in enumerate(MINI_PAGES):
        respondent.page("c1", page, answers)
    key = respondent.submission_key("c1")
    with counted_statements() as submitted:
        response = respondent.submit("c1", key)
    assert response.status_code == 302 and response.location.endswith("/thanks")
    assert len(submitted) == 4, submitted


def test_the_form_is_parsed_once_per_version(make_campaign, app, monkeypatch):
    make_campaign()
    respondent = Respondent(app.test_client())
    respondent.start("c1")
    calls = []
    monkeypatch.setattr(versions, "parse_any", lambda text, **_options: calls.append(text))
    for page, answers in enumerate(MINI_PAGES):
        respondent.page("c1", page, answers)
    assert calls == []
