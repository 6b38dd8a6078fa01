"""`flask housekeeping` deletes what is no longer needed, and nothing else."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.ratelimit import FailedAttempt
from survey_app.respond.models import Draft, Response, SubmissionReceipt

from .respondent import MINI_PAGES, Respondent, complete_mini


def count(model: type) -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_housekeeping_deletes_stale_rows_only(make_campaign, app, runner):
    make_campaign()
    complete_mini(Respondent(app.test_client()), "c1")
    for _ in range(2):
        person = Respondent(app.test_client())
        person.start("c1")
        person.page("c1", 0, MINI_PAGES[0])
    stale = db.session.scalars(sa.select(Draft)).first()
    stale.expires_on = dt.date(2020, 1, 1)
    db.session.add(FailedAttempt(bucket="x" * 64, window_start=0, failures=3))
    db.session.commit()

    result = runner.invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 expired drafts" in result.output
    assert "deleted 1 old failed attempts" in result.output
    assert "deleted 0 receipts of closed campaigns" in result.output
    assert (count(Draft), count(FailedAttempt), count(Response), count(SubmissionReceipt)) == (
        1,
        1,  # this window's count of new drafts stays; the old counter is gone
        1,
        1,
    )

    runner.invoke(args=["campaign", "close", "c1"])
    assert "deleted 1 receipts" in runner.invoke(args=["housekeeping"]).output
    assert count(Response) == 1
