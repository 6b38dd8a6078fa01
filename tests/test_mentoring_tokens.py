"""Personal links: only a hash at rest; wrong, revoked and expired tokens refused;
wrong tokens counted per address like invitation codes."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.mentoring import tokens
from survey_app.mentoring.tokens import LinkLocked, issue_token, participant_for_token, revoke_token

from .mentoring_round_helpers import make_round, person

__all__ = ["make_round"]


def test_a_token_opens_its_participant_and_only_its_hash_is_stored(make_round):
    mentee = person(make_round(), "Putri Siregar")
    token = issue_token(mentee)
    db.session.commit()
    assert len(token) >= 22  # ≥ 128 bits in base64url
    assert mentee.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(vars(mentee).values())
    assert participant_for_token(token) is mentee
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert "mentoring.link_issue" in actions
    assert all("Putri" not in str(e.details) for e in db.session.scalars(db.select(AuditEvent)))


def test_wrong_revoked_reissued_and_expired_tokens_are_refused(make_round):
    round = make_round()
    mentee = person(round, "Putri Siregar")
    first = issue_token(mentee)
    second = issue_token(mentee)
    assert participant_for_token(first) is None  # reissued: the old link stops
    assert participant_for_token(second) is mentee
    assert participant_for_token(second[:-1]) is None
    assert participant_for_token("") is None
    assert participant_for_token("x" * 5000) is None
    revoke_token(mentee)
    assert participant_for_token(second) is None
    third = issue_token(mentee, valid_days=1)
    mentee.token_expires_at = dt.datetime(2020, 1, 1)
    db.session.flush()
    assert participant_for_token(third) is None


def test_each_participant_has_their_own_token(make_round):
    round = make_round()
    a, b = person(round, "Andi Lubis"), person(round, "Budi Pohan")
    token_a, token_b = issue_token(a), issue_token(b)
    assert token_a != token_b
    assert participant_for_token(token_a) is a and participant_for_token(token_b) is b


def test_wrong_links_are_rate_limited_per_address_but_a_right_one_still_opens(app, make_round):
    app.config["SURVEY_APP_CODE_ATTEMPTS"] = 3
    mentee = person(make_round(), "Putri Siregar")
    token = issue_token(mentee)
    db.session.commit()
    with app.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.7"}):
        for _ in range(3):
            assert participant_for_token("wrong-token") is None
        with pytest.raises(LinkLocked):
            participant_for_token("wrong-token")
        assert participant_for_token(token) is mentee
    with app.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.8"}):
        assert participant_for_token("wrong-token") is None  # another address counts apart


def test_the_link_is_built_from_the_base_url_or_the_request_host(app, make_round):
    with app.test_request_context(base_url="https://survei.example.id/"):
        assert tokens.link_url("abc") == "https://survei.example.id/m/p/abc"
    assert tokens.link_url("abc", "https://medan.go.id/") == "https://medan.go.id/m/p/abc"
