"""kill -9 under load: every acknowledged response is stored exactly once, nothing partial.

Simulated respondents (each a fresh cookie jar with ``requests``: CSRF token, every
page, review, submit) fill in the mini form against gunicorn (2 sync workers) while the
test SIGKILLs a worker, twice, and then the whole server (master and workers at once,
as a crash would), and starts it again. A respondent whose request fails (connection
reset or refused) retries it as a browser's user would press again: the same page
post, the submit with the same submission key. Each respondent writes its own tag in
the last page's free text, so the database can be checked per respondent afterwards:

- every acknowledged submit (a redirect to the thanks page) is stored exactly once, and
  no retry stored a second copy;
- every stored response is whole (all its answers, its numeric vector) and has its
  receipt, and no draft is half-written (its answers are whole pages);
- the kills did interrupt requests (some were retried), so the above was tested.

Both backends: the SQLite file and the suite's PostgreSQL.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.questionnaire import Form, read_section
from survey_app.respond.models import Draft, Response, SubmissionReceipt
from survey_app.versions.service import form_of

from .conftest import LIVE_LOGS
from .live_server import LiveServer, LiveServers
from .respondent import CSRF, MINI_PAGES, SUBMISSION_KEY

pytestmark = pytest.mark.slow

RESPONDENTS = 6
SLUG = "c1"
#: Seconds a respondent keeps retrying one request before the test fails.
RETRY_FOR = 45.0
#: A failed request: the connection was reset or refused, or a proxy would say 502/503.
FAILED = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


def pages(tag: str) -> list[dict[str, Any]]:
    """The mini form's answers, the last page's suggestion carrying ``tag``."""
    return [*MINI_PAGES[:-1], {**MINI_PAGES[-1], "saran": tag}]


@dataclass
class Load:
    """What the respondents share: the server's address (it changes on a restart), what
    was acknowledged, and how many requests had to be retried."""

    url: str
    acknowledged: list[str] = field(default_factory=list)
    retried: int = 0
    errors: list[BaseException] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, more: int, timeout: float = 60) -> None:
        """Until ``more`` further submits were acknowledged."""
        target, deadline = len(self.acknowledged) + more, time.monotonic() + timeout
        while len(self.acknowledged) < target:
            assert not self.errors, self.errors
            assert time.monotonic() < deadline, f"only {len(self.acknowledged)} acknowledged"
            time.sleep(0.05)


class Respondent:
    """One simulated browser after another, each completing the survey once."""

    def __init__(self, load: Load, number: int) -> None:
        self.load, self.number, self.http, self.csrf = load, number, requests.Session(), ""

    def run(self) -> None:
        try:
            for count in range(10_000):
                if self.load.stop.is_set():
                    return
                self.complete(f"r{self.number}-{count}")
        except BaseException as exc:
            self.load.errors.append(exc)

    def complete(self, tag: str) -> None:
        self.http = requests.Session()  # a fresh cookie jar: a new respondent
        self.call("GET", f"/s/{SLUG}/")
        self.call("POST", f"/s/{SLUG}/start", {})
        for page, answers in enumerate(pages(tag)):
            self.call("GET", f"/s/{SLUG}/p/{page}")
            moved_on = self.call("POST", f"/s/{SLUG}/p/{page}", {**answers, "action": "next"})
            assert moved_on.status_code == 302, moved_on.text
        match = SUBMISSION_KEY.search(self.call("GET", f"/s/{SLUG}/review").text)
        assert match, "the review page has no submit form"
        data = {"submission_key": match.group(1)}
        # The first answer is lost (the client stops waiting at once), as when a kill or a
        # dropped connection takes the acknowledgement: the retry must not store it twice.
        submitted = self.call("POST", f"/s/{SLUG}/submit", data, wait=0.001)
        assert submitted.headers.get("Location", "").endswith("/thanks"), submitted.text
        with self.load.lock:
            self.load.acknowledged.append(tag)
        again = self.call("POST", f"/s/{SLUG}/submit", data)  # the browser posts it again
        assert again.headers.get("Location", "").endswith("/thanks"), again.text

    def call(
        self, method: str, path: str, data: dict[str, Any] | None = None, wait: float = 30
    ) -> Any:
        """The request, sent again (the same data) until the server answers it; the
        first attempt waits ``wait`` seconds for the answer."""
        deadline = time.monotonic() + RETRY_FOR
        while True:
            try:
                response = self._send(method, path, data, wait)
                wait = 30
                if response.status_code not in (502, 503):
                    return response
            except FAILED:
                wait = 30
                if time.monotonic() > deadline:
                    raise
            with self.load.lock:
                self.load.retried += 1
            time.sleep(0.05)

    def _send(self, method: str, path: str, data: dict[str, Any] | None, wait: float) -> Any:
        payload = None if data is None else {"csrf_token": self.csrf, **data}
        response = self.http.request(
            method, self.load.url + path, data=payload, timeout=(30, wait), allow_redirects=False
        )
        if match := CSRF.search(response.text):
            self.csrf = match.group(1)
        return response


@pytest.fixture
def serve(
    make_campaign, backend, database_urls, live_servers: LiveServers, request
) -> Iterator[Any]:
    """``serve()``: the app under gunicorn on this test's database, (re)started."""
    make_campaign()
    request.node.stash[LIVE_LOGS] = live_servers
    url = str(database_urls[backend])
    yield lambda: live_servers.get(url, SURVEY_APP_DRAFT_LIMIT=1_000_000)
    live_servers.stop()


def test_kill_9_under_load_loses_and_duplicates_nothing(serve):
    server: LiveServer = serve()
    load = Load(server.url)
    respondents = [Respondent(load, n) for n in range(RESPONDENTS)]
    threads = [threading.Thread(target=r.run, daemon=True) for r in respondents]
    for thread in threads:
        thread.start()
    try:
        load.wait_for(RESPONDENTS)
        for _ in range(2):
            kill_a_worker(server)
            load.wait_for(RESPONDENTS)
        server.kill()
        retried = load.retried
        load.url = serve().url
        load.wait_for(RESPONDENTS)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(RETRY_FOR * 2)
    assert not load.errors, load.errors
    assert load.retried > retried, "the server's kill interrupted no request"
    check_stored(load.acknowledged, form_of(stored_campaign_version()))


def kill_a_worker(server: LiveServer) -> None:
    """SIGKILL one (busy) worker; the master starts another."""
    server.check_alive()
    [worker, *_] = server.worker_pids()
    os.kill(worker, signal.SIGKILL)


def stored_campaign_version() -> Any:
    return db.session.scalars(sa.select(Campaign)).one().version


TAG = re.compile(r"r\d+-\d+")


def check_stored(acknowledged: list[str], form: Form) -> None:
    db.session.expire_all()
    responses = list(db.session.scalars(sa.select(Response)))
    tags = [response.answers.get("saran", "") for response in responses]
    assert len(tags) == len(set(tags)), "a response was stored twice"
    assert set(acknowledged) <= set(tags), set(acknowledged) - set(tags)
    receipts = db.session.scalar(sa.select(sa.func.count()).select_from(SubmissionReceipt))
    assert receipts == len(responses), "receipts and responses disagree"
    for response, tag in zip(responses, tags, strict=True):
        assert TAG.fullmatch(tag), tag
        expected = complete_answers(form, tag)
        assert response.answers == expected, "a partial response"
        assert response.numeric == form.numeric_vector(expected)
    for draft in db.session.scalars(sa.select(Draft)):
        assert whole_pages(draft.answers), f"a half-written draft: {draft.answers}"


def complete_answers(form: Form, tag: str) -> dict[str, Any]:
    """The stored answers of one respondent, read as the server reads them."""
    answers: dict[str, Any] = {}
    for page, posted in enumerate(pages(tag)):
        raw = {k: v if isinstance(v, list) else [v] for k, v in posted.items()}
        answers = read_section(form, form.sections[page], raw, answers).answers
    return answers


def whole_pages(answers: dict[str, Any]) -> bool:
    """Whether ``answers`` hold the first pages' answers, all of each, and nothing else."""
    prefixes = [set()]
    for posted in pages("x"):
        prefixes.append(prefixes[-1] | {name.split("/")[0] for name in posted})
    return set(answers) in prefixes
