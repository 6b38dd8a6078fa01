"""Thin handlers: a background export's status page, its file, my exports."""

from __future__ import annotations

import uuid

from flask import abort, render_template, stream_with_context
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from ..attachments import attachment
from ..auth.access import role_required
from ..auth.models import Role
from . import service
from .models import ExportJob


@role_required(Role.DRAFTER, Role.EVALUATOR, Role.ADMIN)
def index() -> str:
    states = [service.state(job) for job in service.my_jobs(current_user)]
    return render_template("jobs/index.html", states=states)


@role_required(Role.DRAFTER, Role.EVALUATOR, Role.ADMIN)
def status(job_id: uuid.UUID) -> str:
    return render_template("jobs/status.html", state=service.state(_job(job_id)))


@role_required(Role.DRAFTER, Role.EVALUATOR, Role.ADMIN)
def download(job_id: uuid.UUID) -> HttpResponse:
    """The stored file, streamed chunk by chunk; audited like a direct download."""
    job = _job(job_id)
    if not service.state(job).downloadable:
        abort(404)
    service.record_download(job, job.campaign.slug)
    assert job.mimetype and job.filename  # set whenever a job is done
    response = attachment(stream_with_context(service.chunks(job.id)), job.mimetype, job.filename)
    response.content_length = job.size or 0  # set whenever a job is done
    return response


def _job(job_id: uuid.UUID) -> ExportJob:
    return service.visible_job(job_id, current_user) or abort(404)
