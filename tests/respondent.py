"""A test respondent: a client that keeps the CSRF token and walks the survey pages."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')


class Respondent:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.csrf = ""

    def get(self, url: str, **kwargs: Any) -> TestResponse:
        response = self.client.get(url, **kwargs)
        if match := CSRF.search(response.get_data(as_text=True)):
            self.csrf = match.group(1)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, csrf: bool = True) -> TestResponse:
        payload = dict(data or {})
        if csrf:
            payload.setdefault("csrf_token", self.csrf)
        response = self.client.post(url, data=payload)
        if match := CSRF.search(response.get_data(as_text=True)):
            self.csrf = match.group(1)
        return response

    def start(self, slug: str, code: str | None = None) -> TestResponse:
        self.get(f"/s/{slug}/")
        return self.post(f"/s/{slug}/start", {"code": code} if code else {})

    def page(
        self, slug: str, page: int, answers: dict[str, Any], action: str = "next"
    ) -> TestResponse:
        self.get(f"/s/{slug}/p/{page}")
        return self.post(f"/s/{slug}/p/{page}", {**answers, "action": action})

    def submission_key(self, slug: str) -> str:
        body = self.get(f"/s/{slug}/review").get_data(as_text=True)
        match = SUBMISSION_KEY.search(body)
        assert match, "the review page has no submit form"
        return match.group(1)

    def submit(self, slug: str, key: str | None = None) -> TestResponse:
        key = key or self.submission_key(slug)
        return self.post(f"/s/{slug}/submit", {"submission_key": key})


#: Valid answers for every page of tests/forms/mini.yaml, for a PNS respondent.
MINI_PAGES: list[dict[str, Any]] = [
    {"status": "pns", "jabatan": "pelaksana"},
    {"integritas/importance": "5", "integritas/competence": "2", "puas": "4"},
    {
        "jp": "10",
        "alasan": ["waktu", "lain"],
        "alasan_lain": "Jauh",
        "prioritas/1": "biaya",
        "prioritas/2": "waktu",
        "nilai": "7,5",
        "tanggal": "2026-01-15",
        "saran": "Lebih banyak e-learning",
    },
]


#: A third respondent for exports that need the smallest allowed cell size (3): PPPK,
#: no SPBE rating, enough hours (no reasons), no suggestion.
THIRD_PAGES: list[dict[str, Any]] = [
    {"status": "pppk", "jabatan": "pelaksana"},
    {"integritas/importance": "3", "integritas/competence": "3", "puas": "3"},
    {"jp": "25", "prioritas/1": "waktu"},
]


def complete_mini(respondent: Respondent, slug: str, code: str | None = None) -> TestResponse:
    """Answer every page of the mini form and submit; returns the submit response."""
    respondent.start(slug, code)
    for page, answers in enumerate(MINI_PAGES):
        response = respondent.page(slug, page, answers)
        assert response.status_code == 302, response.get_data(as_text=True)
    return respondent.submit(slug)
