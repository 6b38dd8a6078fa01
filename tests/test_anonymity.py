"""Anonymity by schema: proven on the schema itself and on a dump after real submissions."""

from __future__ import annotations

import json
import logging
import uuid

import sqlalchemy as sa

from survey_app.campaigns.models import Access
from survey_app.extensions import db
from survey_app.privacy_logging import PrivacyFilter
from survey_app.respond.models import Response

from .respondent import Respondent, complete_mini

RESPONSE_COLUMNS = {"id", "campaign_id", "submitted_on", "answers", "numeric", "group_codes"}


def dump() -> dict[str, list[dict[str, object]]]:
    """Every row of every table, as a backup would hold it."""
    tables: dict[str, list[dict[str, object]]] = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(sa.select(table)).mappings()
        tables[table.name] = [dict(row) for row in rows]
    return tables


def test_a_response_row_holds_answers_campaign_and_date_only(app):
    columns = {c["name"]: c for c in sa.inspect(db.engine).get_columns("response")}
    assert set(columns) == RESPONSE_COLUMNS
    assert isinstance(columns["submitted_on"]["type"], sa.Date)
    assert not isinstance(columns["submitted_on"]["type"], sa.DateTime)


def test_no_column_anywhere_can_join_a_response_to_anything_but_its_campaign(app):
    inspector = sa.inspect(db.engine)
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            assert fk["referred_table"] != "response", f"{table} references responses"
    [fk] = inspector.get_foreign_keys("response")
    assert fk["referred_table"] == "campaign"
    for table in ("invitation", "draft", "submission_receipt", "failed_attempt"):
        names = {c["name"] for c in inspector.get_columns(table)}
        assert not names & {"response_id", "submitted_on", "created_at", "used_at", "updated_at"}


def test_the_database_after_token_submissions_links_nothing(make_campaign, make_invitations, app):
    campaign = make_campaign(access=Access.TOKEN)
    codes = make_invitations(campaign, 3)
    for code in codes[:2]:
        assert complete_mini(Respondent(app.test_client()), "c1", code).status_code == 302
    tables = dump()
    assert len(tables["response"]) == 2
    assert tables["draft"] == []  # drafts (which knew the invitation) are gone
    assert sorted(row["used"] for row in tables["invitation"]) == [False, True, True]
    assert set(tables["invitation"][0]) == {"id", "campaign_id", "code_hash", "used"}
    assert set(tables["submission_receipt"][0]) == {"key_hash", "campaign_id"}
    text = json.dumps(tables, default=str)
    for code in codes:
        assert code not in text
    assert "127.0.0.1" not in text and "werkzeug" not in text.lower()


def test_response_ids_are_random_not_sequential(make_campaign, app):
    make_campaign()
    for _ in range(8):
        complete_mini(Respondent(app.test_client()), "c1")
    db.session.expire_all()
    ids = list(db.session.scalars(sa.select(Response.id)))
    assert len(ids) == 8 and all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
    # physical order (no ORDER BY) is by random id, not by submission
    assert ids == sorted(ids) or db.engine.dialect.name == "postgresql"


def session_cookie(client) -> dict[str, object]:
    """The signed session cookie, decoded as the app itself reads it."""
    cookie = client.get_cookie("session")
    if cookie is None:
        return {}
    serializer = client.application.session_interface.get_signing_serializer(client.application)
    return dict(serializer.loads(cookie.value))


def test_after_submit_the_cookie_keeps_nothing_about_the_response(make_campaign, client):
    make_campaign()
    respondent = Respondent(client)
    respondent.start("c1")
    assert "drafts" in session_cookie(client)
    complete_mini(respondent, "c1")
    cookie = session_cookie(client)
    assert "drafts" not in cookie
    assert set(cookie) <= {"csrf_token", "lang"}


def test_logs_record_no_addresses_and_no_query_strings(caplog):
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '%s - - [%s] "%s" %s %s',
        ("10.1.2.3", "28/Nov/2026 10:00:00", "GET /s/c1/?code=ABCD-EFGH HTTP/1.1", "200", "-"),
        None,
    )
    PrivacyFilter().filter(record)
    message = record.getMessage()
    assert "10.1.2.3" not in message and "ABCD-EFGH" not in message
    assert "GET /s/c1/?" in message


def test_the_app_logs_no_addresses_for_requests(make_campaign, client, caplog):
    make_campaign()
    with caplog.at_level(logging.DEBUG):
        client.get("/s/c1/?code=SECRET-CODE", environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert "10.9.8.7" not in caplog.text and "SECRET-CODE" not in caplog.text


def test_scrubbing_erases_postgresql_transaction_ids_and_write_order(
    make_campaign, make_invitations, app, runner, backend
):
    campaign = make_campaign(access=Access.TOKEN)
    codes = make_invitations(campaign, 4)
    for code in codes[:3]:
        complete_mini(Respondent(app.test_client()), "c1", code)
    result = runner.invoke(args=["campaign", "scrub", "c1"])
    assert result.exit_code == 0, result.output
    if backend != "postgresql":
        assert "nothing to scrub" in result.output
        return
    xmins = (
        db.session.execute(
            sa.text(
                "SELECT xmin::text FROM response UNION SELECT xmin::text FROM invitation WHERE used"
            )
        )
        .scalars()
        .all()
    )
    assert len(set(xmins)) == 1  # one shared transaction id: nothing to pair up
    physical = db.session.execute(sa.text("SELECT id FROM response ORDER BY ctid")).scalars().all()
    assert [str(i) for i in physical] == sorted(str(i) for i in physical)
    assert len(list(db.session.scalars(sa.select(Response)))) == 3
