"""Fuzzing the respondent's posts: whatever is sent, no 5xx and no partial write.

Hypothesis builds page posts and submits against the mini form (every question type,
skip logic, a constraint): real, foreign and made-up field names; valid, wrong-typed,
unicode, oversize and control-character values; missing, forged or altered CSRF
tokens and submission keys; repeated submits. Each example starts from a fresh draft
(complete, empty or half-filled) and checks, in the database, that:

- no request answered 5xx, and a refused one (CSRF, control characters, foreign field,
  unknown action, too large: 400/404/413) changed nothing;
- the draft is unchanged or a valid merge: only the posted page's answers changed (or
  answers that skip logic now hides were dropped), and every stored answer is one its
  question accepts, within its constraint;
- a response (and its receipt) exists only after a submit with the draft's key and a
  valid CSRF token, holds the draft's answers, and a repeated submit adds nothing.

The examples are reproducible (a fixed seed per backend, no example database); the two
backends get different inputs. Requests go through the test client, served as a server
thread serves them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.questionnaire import Form, prune_hidden
from survey_app.questionnaire.same_page import REVEALED_FIELD
from survey_app.respond.models import Draft, Response, SubmissionReceipt
from survey_app.versions.service import form_of

from .respondent import Respondent, complete_mini

pytestmark = pytest.mark.slow

#: Examples per backend (the two backends draw different ones: see SEEDS).
EXAMPLES = 1250
SEEDS = {"sqlite": 15_001, "postgresql": 15_002}
SLUG = "c1"
REFUSED = {400, 404, 413}
CONTROL = "\x00\x01\x08\x0b\x1b\x7f"
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(CONTROL + "\t\n"),
    max_size=40,
)
#: Values a field may get: plausible, wrong-typed, unicode, control characters, oversize.
VALUES = st.one_of(
    st.sampled_from(["pns", "cpns", "pelaksana", "lain", "waktu", "biaya", "1", "5", "7,5"]),
    st.sampled_from(["", " ", "0", "-1", "401", "1e9", "NaN", "2026-02-30", "2026-01-15"]),
    st.integers(-(10**20), 10**20).map(str),
    TEXT,
    st.sampled_from(["x" * 51, "é" * 5000, "\u202e\u200b😀" * 100]),
    st.integers(200_000, 300_000).map(lambda size: "a" * size),  # past MAX_CONTENT_LENGTH
)


@dataclass
class Post:
    """One request: a page post (``page`` set) or a submit."""

    page: int | None
    fields: dict[str, list[str]] = field(default_factory=dict)
    csrf: str = "valid"
    key: str = "valid"
    again: bool = False


@st.composite
def posts(draw: Any, form: Form) -> Post:
    names = [n for s in form.sections for q in s.questions for n in q.field_names()]
    csrf = draw(st.sampled_from(["valid"] * 6 + ["missing", "forged", "altered"]))
    if draw(st.integers(0, 3)) == 0:
        keys = ["valid"] * 4 + ["missing", "empty", "other", "altered", "text"]
        return Post(None, csrf=csrf, key=draw(st.sampled_from(keys)), again=draw(st.booleans()))
    page = draw(st.sampled_from([0, 1, 2, 2, 3, -1, 4, 99]))
    own = (
        [n for q in form.sections[page].questions for n in q.field_names()] if 0 <= page < 4 else []
    )
    name = st.sampled_from(own or names) | st.sampled_from(names) | TEXT
    fields = draw(st.dictionaries(name, st.lists(VALUES, min_size=1, max_size=3), max_size=6))
    if draw(st.booleans()):
        fields["action"] = [draw(st.sampled_from(["next", "back", "save", "submit", ""]))]
    if draw(st.integers(0, 5)) == 0:
        fields[REVEALED_FIELD] = [draw(st.sampled_from(["alasan", "jp alasan_lain", "x"]) | TEXT)]
    return Post(page, fields, csrf)


def tampered(value: str, how: str) -> str | None:
    """The real CSRF token or submission key, or what an attacker sends instead."""
    return {
        "valid": value,
        "missing": None,
        "empty": "",
        "forged": "ImZvcmdlZCI.Zz.abc",
        "altered": value[:-2] + ("aa" if not value.endswith("aa") else "bb"),
        "other": str(uuid.uuid4()),
        "text": "' OR 1=1 --",
    }[how]


@pytest.fixture
def complete_answers(make_campaign, client) -> dict[str, Any]:
    """The mini campaign and the answers of one complete response (then deleted)."""
    make_campaign()
    assert complete_mini(Respondent(client), SLUG).status_code == 302
    [response] = db.session.scalars(sa.select(Response))
    answers = dict(response.answers)
    db.session.execute(sa.delete(Response))
    db.session.execute(sa.delete(SubmissionReceipt))
    db.session.commit()
    return answers


def test_fuzzed_posts_never_fail_or_half_write(complete_answers, client, backend):
    form = form_of(campaign().version)
    respondent = Respondent(client)
    respondent.get(f"/s/{SLUG}/")  # the session's CSRF token, valid for every example
    half = {k: v for k, v in complete_answers.items() if k in {"status", "jabatan", "integritas"}}
    starts = st.sampled_from([complete_answers, complete_answers, {}, half])
    seen: set[str] = set()
    last: list[uuid.UUID] = []

    @seed(SEEDS[backend])
    @settings(max_examples=EXAMPLES, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(start=starts, post=posts(form))
    def check(start: dict[str, Any], post: Post) -> None:
        draft_id, key = fresh_draft(client, start, last)
        before = counts()
        statuses = send(respondent, post, key)
        assert max(statuses) < 500, (statuses, post)
        db.session.expire_all()
        if (stored := db.session.get(Draft, draft_id)) is None:
            assert_submitted(post, start, before, statuses)
            seen.add("stored")
            return
        genuine = post.page is None and post.key == post.csrf == "valid"
        assert not (genuine and start == complete_answers), f"not stored: {statuses}"
        assert counts() == before, post
        if post.page is None or post.csrf != "valid" or REFUSED & set(statuses):
            assert stored.answers == start, (statuses, post)
            seen.add(f"refused {max(statuses)}" if post.page is not None else "submit refused")
        else:
            assert_valid_merge(form, post.page, start, stored.answers)
            assert client.get(f"/s/{SLUG}/review").status_code == 200
            seen.add("changed" if stored.answers != start else f"kept {statuses[0]}")

    check()
    # The property is only as good as its inputs: they reach every outcome.
    expected = {"stored", "submit refused", "refused 400", "refused 404", "refused 413"}
    assert expected | {"changed", "kept 422"} <= seen, seen


def campaign() -> Campaign:
    return db.session.scalars(sa.select(Campaign)).one()


def fresh_draft(
    client: Any, answers: dict[str, Any], last: list[uuid.UUID]
) -> tuple[uuid.UUID, str]:
    """The session's draft holding ``answers`` (the last example's, reset, unless it was
    submitted: then a new one, the session pointing at it); its id and submission key."""
    if last and (draft := db.session.get(Draft, last[0])) is not None:
        draft.answers = dict(answers)
    else:
        expires = dt.date.today() + dt.timedelta(days=30)
        draft = Draft(campaign_id=campaign().id, answers=dict(answers), expires_on=expires)
        db.session.add(draft)
        db.session.flush()
        with client.session_transaction() as session:
            session["drafts"] = {SLUG: str(draft.id)}
        last[:] = [draft.id]
    key = str(draft.submission_key)
    db.session.commit()
    return last[0], key


def send(respondent: Respondent, post: Post, key: str) -> list[int]:
    """Post it (a submit twice when ``again``); the status of each request."""
    data = dict(post.fields)
    if (csrf := tampered(respondent.csrf, post.csrf)) is not None:
        data["csrf_token"] = [csrf]
    if post.page is not None:
        return [respondent.client.post(f"/s/{SLUG}/p/{post.page}", data=data).status_code]
    if (sent := tampered(key, post.key)) is not None:
        data["submission_key"] = [sent]
    times = 2 if post.again else 1
    return [
        respondent.client.post(f"/s/{SLUG}/submit", data=data).status_code for _ in range(times)
    ]


def counts() -> tuple[int, int]:
    responses = db.session.scalar(sa.select(sa.func.count()).select_from(Response))
    receipts = db.session.scalar(sa.select(sa.func.count()).select_from(SubmissionReceipt))
    return int(responses or 0), int(receipts or 0)


def assert_submitted(
    post: Post, start: dict[str, Any], before: tuple[int, int], statuses: list[int]
) -> None:
    """The draft is gone: only a genuine submit of a complete draft may do that, once."""
    assert post.page is None and post.key == "valid" and post.csrf == "valid", post
    assert start and statuses[0] == 302, (statuses, post)
    assert counts() == (before[0] + 1, before[1] + 1), post
    newest = db.session.scalars(sa.select(Response)).all()
    assert any(response.answers == start for response in newest)


def assert_valid_merge(form: Form, page: int, start: dict[str, Any], after: dict[str, Any]) -> None:
    """Only the page's answers changed (or answers now hidden were dropped), and each
    stored answer is one its question accepts, within its constraint."""
    on_page = {q.name for q in form.sections[page].questions}
    for name, value in start.items():
        if name not in on_page and name in after:
            assert after[name] == value, name
    assert prune_hidden(form, after) == after, "an answer hidden by skip logic was kept"
    for question in form.sections[page].questions:
        if question.name in after:
            value = after[question.name]
            raw = question.as_form_values(value)
            assert question.parse(raw, form.spec) == value, (question.name, value)
            assert form.constraint_holds(question, after, value), (question.name, value)
    assert set(after) - set(start) <= on_page
