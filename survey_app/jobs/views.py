"""Thin handlers: start a background export, its status page, its file, my exports."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, redirect, render_template, stream_with_context, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from ..campaigns.models import Campaign
from . import service
from .models import ExportJob

#: Private to staff; a policy draft's HTML would run no script and load nothing.
DOWNLOAD_HEADERS = {
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


def background(campaign: Campaign, kind: str, options: dict[str, Any]) -> HttpResponse | None:
    """For a large campaign, the redirect to a (new or running) job's page; else None.

    Called by the download views before they build a file in the request.
    """
    return in_background(campaign, kind, options) if service.wanted(campaign) else None


def in_background(campaign: Campaign, kind: str, options: dict[str, Any]) -> HttpResponse:
    """The redirect to the user's running job for this export, or to a new one."""
    from . import runner  # here: the runner imports every export, some import this module

    job, new = service.request_job(campaign, kind, options, current_user)
    if new:
        runner.launch(job)
    return redirect(url_for("jobs.status", job_id=job.id))


@role_required(Role.DRAFTER, Role.ADMIN)
def index() -> str:
    states = [service.state(job) for job in service.my_jobs(current_user)]
    return render_template("jobs/index.html", states=states)


@role_required(Role.DRAFTER, Role.ADMIN)
def status(job_id: uuid.UUID) -> str:
    return render_template("jobs/status.html", state=service.state(_job(job_id)))


@role_required(Role.DRAFTER, Role.ADMIN)
def download(job_id: uuid.UUID) -> HttpResponse:
    """The stored file, streamed chunk by chunk; audited like a direct download."""
    job = _job(job_id)
    if not service.state(job).downloadable:
        abort(404)
    service.record_download(job, job.campaign.slug)
    response = HttpResponse(stream_with_context(service.chunks(job.id)), content_type=job.mimetype)
    response.content_length = job.size or 0  # set whenever a job is done
    response.headers.update(DOWNLOAD_HEADERS)
    response.headers.set("Content-Disposition", "attachment", filename=job.filename)
    return response


def _job(job_id: uuid.UUID) -> ExportJob:
    return service.visible_job(job_id, current_user) or abort(404)
