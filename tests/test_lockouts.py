"""Lock-outs that do not punish the innocent (issue 10, defect 6): failures count per
account and address, and per account with a higher bound; one account's failures never
touch another account; wrong codes never block a valid code (test_respond_codes.py)."""

from __future__ import annotations

import pytest

from .conftest import STAFF_PASSWORD
from .respondent import Respondent


def from_address(app, address: str) -> Respondent:
    staff = Respondent(app.test_client())
    staff.client.environ_base["REMOTE_ADDR"] = address
    staff.get("/staff/login")
    return staff


def log_in(staff: Respondent, email: str, password: str = STAFF_PASSWORD) -> int:
    return staff.post("/staff/login", {"email": email, "password": password}).status_code


@pytest.fixture
def office(app, make_user):
    """Two colleagues behind one NAT address; limits small enough to reach."""
    app.config["SURVEY_APP_LOGIN_ATTEMPTS"] = 3
    app.config["SURVEY_APP_LOGIN_ACCOUNT_ATTEMPTS"] = 7
    make_user("a@medan.go.id", "admin")
    make_user("d@medan.go.id", "drafter")
    return from_address(app, "10.0.0.1")


def test_one_accounts_failures_do_not_lock_a_colleague_out(app, office):
    assert [log_in(office, "a@medan.go.id", "nope") for _ in range(4)] == [401, 401, 401, 429]
    colleague = from_address(app, "10.0.0.1")
    assert log_in(colleague, "d@medan.go.id") == 302


def test_the_locked_account_still_works_from_another_address(app, office):
    for _ in range(4):
        log_in(office, "a@medan.go.id", "nope")
    assert log_in(from_address(app, "10.0.0.1"), "a@medan.go.id") == 429
    assert log_in(from_address(app, "10.9.9.9"), "a@medan.go.id") == 302


def test_one_address_hammering_cannot_lock_the_account_for_everyone(app, office):
    for _ in range(30):  # far beyond both limits, all from one address
        log_in(office, "a@medan.go.id", "nope")
    assert log_in(from_address(app, "10.9.9.9"), "a@medan.go.id") == 302


def test_guesses_spread_over_addresses_meet_the_account_bound(app, office):
    for address in ("10.1.0.1", "10.1.0.2", "10.1.0.3"):
        guesser = from_address(app, address)
        for _ in range(3):
            log_in(guesser, "a@medan.go.id", "nope")
    # 9 failures > 7: the account waits, from anywhere, until the window ends
    assert log_in(from_address(app, "10.9.9.9"), "a@medan.go.id") == 429
    assert log_in(from_address(app, "10.9.9.9"), "d@medan.go.id") == 302


def test_a_correct_login_forgets_this_addresss_failures(app, office):
    for _ in range(2):
        log_in(office, "a@medan.go.id", "nope")
    assert log_in(office, "a@medan.go.id") == 302
    again = from_address(app, "10.0.0.1")
    assert [log_in(again, "a@medan.go.id", "nope") for _ in range(3)] == [401, 401, 401]


def test_wrong_resume_codes_do_not_block_a_valid_resume_code(make_campaign, app):
    app.config["SURVEY_APP_CODE_ATTEMPTS"] = 2
    make_campaign()
    saver = Respondent(app.test_client())
    saver.start("c1")
    body = saver.page("c1", 0, {"status": "pns", "jabatan": "pelaksana"}, action="save")
    code = body.get_data(as_text=True).split("<strong>")[1].split("</strong>")[0]
    guesser = Respondent(app.test_client())
    guesser.get("/s/c1/resume")
    statuses = [
        guesser.post("/s/c1/resume", {"code": f"WRNG-{i:04d}-AAAA-BBBB"}).status_code
        for i in range(3)
    ]
    assert statuses == [422, 422, 429]
    assert guesser.post("/s/c1/resume", {"code": code}).status_code == 302
