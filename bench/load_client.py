"""A lean closed-loop load generator: threads, ``http.client``, one cookie jar each.

A simulated respondent opens the intro, starts, GETs and POSTs every page the server
sends it to, opens the review, submits and opens the thank-you page, with no think
time; then the thread starts the next respondent with a fresh cookie jar. Every POST
carries the CSRF token of the page before it. A response counts as *acknowledged*
when ``/submit`` redirects to ``/thanks``.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
TIMEOUT = 60.0

#: A respondent's answers: form fields by section index (``pages`` of the bare app).
Answers = dict[int, dict[str, list[str]]]


class Unexpected(Exception):
    """A status, a redirect or a page the flow did not expect."""


@dataclass
class Record:
    """What the threads saw; appended under the GIL (list.append is atomic)."""

    latencies: list[tuple[float, float]] = field(default_factory=list)  # (end, seconds)
    completions: list[float] = field(default_factory=list)  # times /submit acknowledged
    errors: list[tuple[float, str]] = field(default_factory=list)


class Browser:
    """One respondent's cookie jar and CSRF token against ``address``."""

    def __init__(self, address: tuple[str, int], record: Record) -> None:
        self.address, self.record = address, record
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, fields: dict[str, list[str]] | None = None) -> str:
        """Send; return the Location of a redirect, or the body of a 200."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode({**fields, "csrf_token": [self.csrf]}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        connection = http.client.HTTPConnection(*self.address, timeout=TIMEOUT)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        end = time.perf_counter()
        self.record.latencies.append((end, end - start))
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return self._outcome(method, path, response, text)

    def _keep_cookies(self, headers: Sequence[str]) -> None:
        for header in headers:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and not morsel["expires"].startswith("Thu, 01 Jan 1970"):
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)

    def _outcome(
        self, method: str, path: str, response: http.client.HTTPResponse, text: str
    ) -> str:
        if response.status in (302, 303):
            return urlsplit(response.headers["Location"]).path
        if response.status != 200:
            raise Unexpected(f"{method} {path}: {response.status} {text[:300]!r}")
        if match := CSRF.search(text):
            self.csrf = match.group(1)
        return text


def respond(browser: Browser, slug: str, answers: Answers, pages: int) -> None:
    """One complete response; ``pages`` is posted to ``/start`` (only the bare app reads it)."""
    base = f"/s/{slug}"
    browser.request("GET", f"{base}/")
    location = browser.request("POST", f"{base}/start", {"pages": [str(pages)]})
    if not location.startswith(base):
        raise Unexpected(f"start did not redirect: {location[:300]!r}")
    while "/p/" in location:
        browser.request("GET", location)
        fields = answers.get(int(location.rsplit("/", 1)[1]), {})
        location = browser.request("POST", location, {**fields, "action": ["next"]})
        if not location.startswith(base):
            raise Unexpected(f"a page was shown again instead of the next: {location[:300]!r}")
    if not location.endswith("/review"):
        raise Unexpected(f"after the pages: {location}")
    match = SUBMISSION_KEY.search(browser.request("GET", location))
    if match is None:
        raise Unexpected("the review page has no submission_key")
    thanks = browser.request("POST", f"{base}/submit", {"submission_key": [match.group(1)]})
    if not thanks.endswith("/thanks"):
        raise Unexpected(f"submit redirected to {thanks}")
    browser.record.completions.append(time.perf_counter())
    browser.request("GET", thanks)


@dataclass
class Loop:
    """``concurrency`` threads, each completing respondents until ``stop`` is set."""

    address: tuple[str, int]
    slug: str
    pool: Sequence[tuple[Answers, int]]  # answers and the pages they fill, cycled
    concurrency: int
    bare: bool = False
    record: Record = field(default_factory=Record)
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        for index in range(self.concurrency):
            thread = threading.Thread(target=self._run, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def _run(self, index: int) -> None:
        n = index
        while not self.stop.is_set():
            answers, pages = self.pool[n % len(self.pool)]
            if self.bare:  # the bare app numbers the shown pages 0, 1, 2, ...
                answers = {i: answers[k] for i, k in enumerate(sorted(answers))}
            try:
                respond(Browser(self.address, self.record), self.slug, answers, pages)
            except (Unexpected, OSError, http.client.HTTPException) as exc:
                self.record.errors.append((time.perf_counter(), f"{type(exc).__name__}: {exc}"))
            n += self.concurrency

    def finish(self) -> None:
        """Let every thread end the response it is in (so none is left half done)."""
        self.stop.set()
        for thread in self.threads:
            thread.join(TIMEOUT * 20)
