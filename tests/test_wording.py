"""Indonesian throughout: the analysis page and the policy draft show no internal codes or
English, role names and WTForms' own messages come from the catalogue."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from docx import Document

from .test_dashboard import cli_rows, finalized_session
from .test_policy import docx_text_of, export

#: What a reader of the Indonesian pages must never see: snake_case identifiers (method,
#: group and quadrant codes), method codes, "SK" for a confidence interval (it reads as
#: *Surat Keputusan* next to competency SK.1), and English the catalogue should translate.
FORBIDDEN = [
    r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b",
    r"\bholm\b",
    r"\bbca\b",
    r"\bpercentile\b",
    r"(?i)\bpairwise\b",
    r"(?i)\blistwise\b",
    r"\bSK \d",
    r"\bCI\b",
    r"(?i)confidence interval",
    r"(?i)importance",
    r"(?i)performance",
    r"(?i)\brespondents?\b",
    r"(?i)\bsuppressed\b",
    r"(?i)random seed",
    r"(?i)\bp-values\b",
    r"(?i)unrounded",
    r"(?i)\bthe\b",
]
#: Codes that once stood alone in a table cell: competency groups and report-group values.
CODES = {"manajerial", "sosial_kultural", "teknis", "pns", "pppk", "cpns", "fungsional"}


def visible_text(page: str) -> str:
    """What a browser shows in the page: no head, tags, scripts, styles or attributes."""
    page = re.sub(r"<(head|script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def leaks(text: str) -> list[str]:
    return sorted({m.group(0) for pattern in FORBIDDEN for m in re.finditer(pattern, text)})


@pytest.fixture
def consulted(seed_survey, make_user, runner):
    """A campaign with answers and one finalized focus group of two participants."""
    campaign = seed_survey(60, seed=4)
    codes = [row["code"] for row in cli_rows(runner)]
    facilitator = make_user("fasilitator@medan.go.id", "facilitator")
    ranking = {"P1": codes[:5], "P2": codes[1:6]}
    finalized_session(campaign, facilitator, "FGD Medan Kota", ranking)
    return campaign


def test_the_indonesian_analysis_page_names_its_methods_in_words(consulted, drafter):
    response = drafter.get("/staff/analysis/akpk?lang=id")
    assert response.status_code == 200
    text = visible_text(response.get_data(as_text=True))
    assert "metode Holm" in text and "bootstrap" in text  # the method box, in words
    assert not leaks(text)


def test_the_indonesian_policy_draft_has_no_codes_or_english(consulted, runner, tmp_path):
    html = export(runner, tmp_path, fmt="html").read_text(encoding="utf-8")
    document = Document(str(export(runner, tmp_path)))
    for text in (visible_text(html), docx_text_of(document)):
        assert "Manajerial" in text and "IK 95%" in text and "Penutup" in text
        assert not leaks(text)
    cells = {c.text.strip() for t in document.tables for row in t.rows for c in row.cells}
    assert not cells & CODES


def test_the_english_draft_stays_english(consulted, runner, tmp_path):
    text = docx_text_of(Document(str(export(runner, tmp_path, lang="en"))))
    assert "Managerial" in text and "95% CI" in text and "Holm's method" in text
    assert not re.search(r"mwds_then_fgd|\bholm\b|sosial_kultural", text)


def test_wtforms_messages_and_existing_users_are_told_in_indonesian(app, make_user, login, client):
    make_user("admin@medan.go.id", "admin")
    make_user("ada@medan.go.id", "drafter")
    staff = login(client, "admin@medan.go.id")
    empty = staff.post("/staff/admin/users?lang=id", data={"email": "", "roles": []})
    page = empty.get_data(as_text=True)
    assert empty.status_code == 422 and "Bagian ini wajib diisi." in page
    assert "This field is required." not in page
    taken = staff.post("/staff/admin/users", data={"email": "Ada@medan.go.id", "roles": "drafter"})
    page = taken.get_data(as_text=True)
    assert taken.status_code == 422
    assert "Pengguna dengan alamat email ada@medan.go.id sudah ada." in page
    assert "already exists" not in page
    english = staff.post("/staff/admin/users?lang=en", data={"email": "", "roles": []})
    assert "This field is required." in english.get_data(as_text=True)


def test_role_names_are_words_in_the_readers_language(app, make_user, login, client):
    make_user("admin@medan.go.id", "admin", "drafter")
    staff = login(client, "admin@medan.go.id")
    listing = visible_text(staff.get("/staff/admin/users?lang=id").get_data(as_text=True))
    assert "Administrator, Perumus kebijakan" in listing and "admin, drafter" not in listing
    home = visible_text(staff.get("/staff/?lang=en").get_data(as_text=True))
    assert "with the roles: Administrator, Policy drafter." in home
