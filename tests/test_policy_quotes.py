"""Quotes in the policy draft: only those a drafter ticked, in the text they screened."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from docx import Document

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.fgd.models import FgdSession
from survey_app.fgd.service import amend, create_session, finalize
from survey_app.policy.models import QuoteSelection
from survey_app.versions.service import load_text

from .conftest import DRAFTER_EMAIL, form_text
from .jobs_helpers import job_file
from .test_dashboard import seed
from .test_fgd import DETAILS, PROMPT
from .test_policy import docx_text, export

RAW_QUOTE = "QUOTE-MARKER-7f3a Pak Budi di bagian umum tidak pernah memberi izin pelatihan."
SCREENED = "SCREENED-MARKER-2b8e Atasan tidak pernah memberi izin pelatihan."
KEY_FIELD = f"{PROMPT}/0"


def record(quote: str) -> dict[str, list[str]]:
    raw = {k: v if isinstance(v, list) else [v] for k, v in DETAILS.items()}
    raw.update({f"{PROMPT}/quote/1/speaker": ["P2"], f"{PROMPT}/quote/1/text": [quote]})
    return raw


@pytest.fixture
def session(make_campaign, make_user, runner):
    campaign = make_campaign(form="tna-asn.yaml", slug="akpk", population=13000)
    seed(runner, "akpk", 12)
    facilitator = make_user("f@x.id", "facilitator")
    version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    found = create_session(campaign, version, facilitator, "FGD Medan Kota")
    assert not finalize(found, record(RAW_QUOTE)).errors
    db.session.commit()
    return found


def choose(staff, session: FgdSession, text: str, include: bool = True):
    key = f"{session.id}/{KEY_FIELD}"
    staff.get("/staff/policy/akpk/quotes")
    data = {f"text/{key}": text, **({f"include/{key}": "1"} if include else {})}
    return staff.post("/staff/policy/akpk/quotes", data)


def test_only_a_selected_and_screened_quote_reaches_the_draft(session, drafter, runner, tmp_path):
    before = docx_text(export(runner, tmp_path, lang="en"))
    assert "QUOTE-MARKER" not in before and "No quote has been selected" in before
    page = drafter.get("/staff/policy/akpk/quotes?lang=en").get_data(as_text=True)
    assert "QUOTE-MARKER-7f3a" in page and "Include in the draft" in page
    assert choose(drafter, session, SCREENED).status_code == 302
    after = docx_text(export(runner, tmp_path, lang="en"))
    assert f"“{SCREENED}”" in after and "— P2, FGD Medan Kota" in after
    assert "QUOTE-MARKER" not in after and "Pak Budi" not in after
    html = export(runner, tmp_path, fmt="html").read_text(encoding="utf-8")
    assert SCREENED in html and "QUOTE-MARKER" not in html


def test_the_selection_is_audited(session, drafter):
    choose(drafter, session, SCREENED)
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "policy.quotes")
    ).one()
    assert event.actor == DRAFTER_EMAIL
    assert event.details["selected"] == [f"{session.id}/{KEY_FIELD}"]
    choose(drafter, session, SCREENED, include=False)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuoteSelection)) == 0
    removed = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "policy.quotes").order_by(AuditEvent.id)
    ).all()[-1]
    assert removed.details["removed"] == [f"{session.id}/{KEY_FIELD}"]


def test_a_ticked_quote_needs_screened_text(session, drafter):
    response = choose(drafter, session, "   ")
    assert response.status_code == 422
    assert "Kutipan yang dicentang memerlukan teks tersaring" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuoteSelection)) == 0


def test_a_quote_corrected_after_screening_is_left_out_until_screened_again(
    session, drafter, runner, tmp_path, make_user
):
    choose(drafter, session, SCREENED)
    facilitator = db.session.get(FgdSession, session.id).facilitator
    result = amend(
        db.session.get(FgdSession, session.id), record("Teks baru."), "typo", facilitator
    )
    assert not result.errors
    db.session.commit()
    assert SCREENED not in docx_text(export(runner, tmp_path))
    page = drafter.get("/staff/policy/akpk/quotes?lang=en").get_data(as_text=True)
    assert "corrected after you screened it" in page and "Teks baru." in page


@pytest.mark.parametrize("role", ["drafter", "admin"])
def test_drafters_and_admins_download_the_draft(session, make_user, login, app, role):
    make_user(f"{role}2@x.id", role)
    staff = login(app.test_client(), f"{role}2@x.id")
    # the default language first: polling the job's page (?lang=en) switches it
    html = job_file(staff.client, "/staff/policy/akpk/draft?format=html")
    assert html.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "<h2>1. Pendahuluan</h2>" in html.get_data(as_text=True)
    response = job_file(staff.client, "/staff/policy/akpk/draft?format=docx&language=en")
    assert response.mimetype.endswith("wordprocessingml.document")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert docx_text_of(response.data).startswith("Draft career-development policy")
    assert staff.get("/staff/policy/akpk/draft?format=odt").status_code == 400
    downloads = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "export.policy")
    ).all()
    assert [(e.actor, e.details["format"]) for e in downloads] == [
        (f"{role}2@x.id", "html"),
        (f"{role}2@x.id", "docx"),
    ]


def test_the_analysis_page_offers_the_draft(session, drafter):
    html = drafter.get("/staff/analysis/akpk?lang=en").get_data(as_text=True)
    assert 'action="/staff/policy/akpk/draft"' in html and "Download the policy draft" in html
    assert 'href="/staff/policy/akpk/quotes"' in html


def docx_text_of(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
