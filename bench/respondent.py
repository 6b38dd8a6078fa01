"""Benchmark 1: complete responses through the real HTTP handlers (Flask test client).

A response is: POST start, GET + POST every shown page, GET review, POST submit. The
baseline is the same path with the parsed-questionnaire cache cleared before every
request, i.e. the YAML is parsed again on each request instead of once per version.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from survey_app.demo.seed import fake_answers
from survey_app.extensions import db
from survey_app.questionnaire import Form
from survey_app.versions.service import _cached_form, form_of

from .env import new_campaign, server_version
from .stats import summarize

SLUG = "bench"
BASE = f"/s/{SLUG}"
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
#: Published LimeSurvey 6 figures (measured elsewhere, not in this run).
LIMESURVEY_CPU_MS = 350.0
LIMESURVEY_STATEMENTS_PER_PAGE = 400

#: A page's form fields, by section index.
Pages = dict[int, dict[str, list[str]]]


@dataclass
class SqlCounter:
    """SQL statements (cursor executes), commits and pool checkouts since the last take()."""

    statements: int = 0
    commits: int = 0
    checkouts: int = 0

    def install(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "checkout", self._checkout)

    def _statement(self, *_: Any) -> None:
        self.statements += 1

    def _commit(self, *_: Any) -> None:
        self.commits += 1

    def _checkout(self, *_: Any) -> None:
        self.checkouts += 1

    def take(self) -> tuple[int, int, int]:
        counts = (self.statements, self.commits, self.checkouts)
        self.statements = self.commits = self.checkouts = 0
        return counts


@dataclass(frozen=True)
class Request:
    kind: str  # "start", "page GET", "page POST", "review" or "submit"
    statements: int
    commits: int
    checkouts: int
    cpu: float


@dataclass
class Walker:
    """Sends one respondent's requests and records each one's SQL and CPU cost."""

    client: FlaskClient
    counter: SqlCounter
    before_request: Callable[[], None]
    records: list[Request] = field(default_factory=list)

    def send(self, kind: str, method: str, url: str, data: Any, status: int) -> Any:
        self.before_request()
        self.counter.take()
        start = time.process_time()
        response = self.client.open(url, method=method, data=data)
        cpu = time.process_time() - start
        if response.status_code != status:
            body = response.get_data(as_text=True)[:2000]
            raise RuntimeError(f"{method} {url}: {response.status_code}, not {status}\n{body}")
        self.records.append(Request(kind, *self.counter.take(), cpu))
        return response

    def complete(self, pages: Pages) -> None:
        location = self.send("start", "POST", f"{BASE}/start", None, 302).location
        while "/p/" in location:
            page = int(location.rsplit("/", 1)[1])
            self.send("page GET", "GET", location, None, 200)
            data = {**pages[page], "action": "next"}
            location = self.send("page POST", "POST", location, data, 302).location
        body = self.send("review", "GET", f"{BASE}/review", None, 200).get_data(as_text=True)
        match = SUBMISSION_KEY.search(body)
        if match is None:
            raise RuntimeError("the review page has no submission_key")
        data = {"submission_key": match.group(1)}
        self.send("submit", "POST", f"{BASE}/submit", data, 302)


def form_pages(form: Form, rng: random.Random) -> Pages:
    """Valid form fields for every page, from one set of synthetic answers."""
    answers = fake_answers(form, rng)
    pages: Pages = {}
    for index, section in enumerate(form.sections):
        pages[index] = {}
        for question in section.questions:
            pages[index].update(question.as_form_values(answers.get(question.name)))
    return pages


def no_op() -> None:
    return None


#: The two variants: the app as it is, and the baseline without the form cache.
VARIANTS: dict[str, Callable[[], None]] = {"cached": no_op, "reparse": _cached_form.cache_clear}


@dataclass(frozen=True)
class Batch:
    cpu: float  # seconds per response
    wall: float  # seconds per response
    records: list[Request]


def run_batch(app: Flask, counter: SqlCounter, variant: str, respondents: list[Pages]) -> Batch:
    """Complete one response per item of ``respondents``, each with a fresh client."""
    records: list[Request] = []
    cpu, wall = time.process_time(), time.perf_counter()
    for pages in respondents:
        walker = Walker(app.test_client(), counter, VARIANTS[variant])
        walker.complete(pages)
        records.extend(walker.records)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return Batch(cpu / len(respondents), wall / len(respondents), records)


def prepare(app: Flask) -> tuple[Form, SqlCounter, str]:
    """The campaign, its form, a counter on the engine and the server's version."""
    with app.app_context():
        campaign = new_campaign(SLUG)
        form = form_of(campaign.version)
        counter = SqlCounter()
        counter.install(db.engine)
        return form, counter, server_version()


def respondent_bench(app: Flask, repeats: int, sizes: dict[str, int]) -> dict[str, Any]:
    """Alternate the variants ``repeats`` times; ``sizes``: responses per batch and variant.

    Requests run outside any app context, as in production: each has its own session.
    """
    form, counter, server = prepare(app)
    rng = random.Random(1)
    for variant in VARIANTS:  # warm-up: templates compiled, connections pooled
        run_batch(app, counter, variant, [form_pages(form, rng) for _ in range(2)])
    batches: dict[str, list[Batch]] = {variant: [] for variant in VARIANTS}
    for repeat in range(repeats):
        order = list(VARIANTS) if repeat % 2 == 0 else list(reversed(VARIANTS))
        for variant in order:
            respondents = [form_pages(form, rng) for _ in range(sizes[variant])]
            batches[variant].append(run_batch(app, counter, variant, respondents))
    result = {variant: summarize_batches(found) for variant, found in batches.items()}
    return {"server": server, "sections": len(form.sections), **result}


def summarize_batches(batches: list[Batch]) -> dict[str, Any]:
    records = [r for batch in batches for r in batch.records]
    responses = sum(1 for r in records if r.kind == "submit")
    return {
        "responses": responses,
        "requests_per_response": len(records) / responses,
        "cpu_ms": summarize([b.cpu for b in batches]).scaled(1e3).as_dict(),
        "wall_ms": summarize([b.wall for b in batches]).scaled(1e3).as_dict(),
        "responses_per_s": summarize([1 / b.wall for b in batches]).as_dict(),
        "statements_per_response": statistics.median(per_response(records)),
        "per_request": request_stats(records),
        "by_kind": {kind: request_stats(found) for kind, found in by_kind(records)},
    }


def per_response(records: list[Request]) -> Iterator[int]:
    total = 0
    for record in records:
        total += record.statements
        if record.kind == "submit":
            yield total
            total = 0


def by_kind(records: list[Request]) -> Iterator[tuple[str, list[Request]]]:
    for kind in ("start", "page GET", "page POST", "review", "submit"):
        yield kind, [r for r in records if r.kind == kind]


def request_stats(records: list[Request]) -> dict[str, Any]:
    statements = [r.statements for r in records]
    return {
        "requests": len(records),
        "statements_median": statistics.median(statements),
        "statements_max": max(statements),
        "commits_median": statistics.median(r.commits for r in records),
        "checkouts_median": statistics.median(r.checkouts for r in records),
        "cpu_ms_median": statistics.median(r.cpu for r in records) * 1e3,
    }
