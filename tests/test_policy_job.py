"""The policy draft from the web is always prepared in the background, whatever the
campaign's size: the request answers with the job's page at once, the page names the
step being done, and the draft finds every table computed by those steps."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.auth.models import User
from survey_app.extensions import db
from survey_app.jobs import draft_steps
from survey_app.jobs import runner as job_runner
from survey_app.jobs.models import ExportJob
from survey_app.versions.service import form_of

from .conftest import DRAFTER_EMAIL
from .jobs_helpers import finished, job_file, started
from .pages_helpers import bootstraps, new_process, stored

__all__ = ["bootstraps", "new_process"]

DRAFT = "/staff/policy/akpk/draft?format=docx&language=en"


def test_the_draft_names_its_steps_and_computes_nothing_after_them(
    seed_survey, drafter, bootstraps, monkeypatch
):
    campaign = seed_survey(60, seed=3)
    steps: list[tuple[int, int, str | None, int]] = []
    save = job_runner._save_progress

    def spy(job_id, done, total, step=None):
        save(job_id, done, total, step)
        steps.append((done, total, step, len(bootstraps)))

    monkeypatch.setattr(job_runner, "_save_progress", spy)
    response = job_file(drafter.client, DRAFT)
    assert response.mimetype.endswith("wordprocessingml.document")
    groups = len(form_of(campaign.version).report_groups)
    names = [draft_steps.ALL, *[draft_steps.GROUPS] * groups]
    assert [s[2] for s in steps] == [*names, draft_steps.WRITING, draft_steps.LAYOUT]
    assert [s[:2] for s in steps] == [(done, groups + 3) for done in range(groups + 3)]
    writing = steps[-2][3]
    assert 0 < writing == len(bootstraps)  # the draft itself computed no table
    assert len(stored()) > groups  # the job's thread stored them for every process


def test_even_a_small_campaign_gets_the_job_page_at_once(seed_survey, drafter):
    """12 responses: still seconds of work (PDF), so the same page with its progress."""
    seed_survey(12, seed=4)
    page = started(drafter.client, "/staff/policy/akpk/draft?format=html")
    assert "Draf kebijakan" in drafter.get(page).get_data(as_text=True)
    finished(drafter.client, page)
    assert drafter.client.get(f"{page}/file").status_code == 200
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert [a for a in actions if a.startswith("export")] == ["export_job.request", "export.policy"]


def test_the_job_page_names_the_step_in_the_readers_language(seed_survey, drafter):
    """A job running at step 3 of 9 (made by hand: a real one runs too fast to catch)."""
    campaign = seed_survey(12, seed=4)
    job = ExportJob(
        campaign_id=campaign.id,
        kind="policy",
        options={"format": "pdf", "lang": "id"},
        requested_by=db.session.scalars(
            sa.select(User.id).where(User.email == DRAFTER_EMAIL)
        ).one(),
        status="running",
        progress_done=2,
        progress_total=9,
        progress_step=draft_steps.GROUPS,
    )
    db.session.add(job)
    db.session.commit()
    indonesian = drafter.get(f"/staff/jobs/{job.id}?lang=id").get_data(as_text=True)
    assert "Langkah 3 dari 9: Menyusun peringkat prioritas tiap kelompok" in indonesian
    english = drafter.get(f"/staff/jobs/{job.id}?lang=en").get_data(as_text=True)
    assert "Step 3 of 9: Ranking the priorities within each group" in english
    assert '<progress id="job-progress" max="9" value="2"' in english
