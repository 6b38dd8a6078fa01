"""The one place that decides how an export reaches its reader, and sends it.

:func:`deliver`: every download (the exports page, the unprotected file, the policy
draft) is either a background job (always for the policy draft; for a file that is only
valid once complete, XLSX or SAV, of a campaign above
``SURVEY_APP_EXPORT_BACKGROUND_ABOVE`` responses), or built in the request and sent:
streamed text, or a finished file from a temporary file.

CSV and JSON are generated while they are sent, so the first bytes leave at once and
memory stays flat. The server reads the body after the request has ended and its
database session has closed: ``stream_with_context`` gives the generator a new session,
and the text chunks carry no ORM object from the request, only plain values (ids, the
parsed form), so they read what they need through that session. XLSX and SAV are
complete files only at the end (a ZIP directory, SPSS headers), so they are built into an
anonymous temporary file, which is sent and closed: nothing stays on disk and no state is
shared between app processes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from flask import abort, redirect, render_template, send_file, stream_with_context, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from .. import audit
from ..attachments import as_attachment, attachment
from ..campaigns.models import Campaign
from ..reports.outputs import Output
from ..reports.priority_export import UnknownGroup
from ..reports.responses import ExportRefused
from . import runner, service

#: Files complete only at the end: built in the background for a large campaign.
BUILT_FORMATS = ("xlsx", "sav")
View = HttpResponse | str | tuple[str, int]


def deliver(
    campaign: Campaign,
    kind: str,
    options: dict[str, Any],
    make: Callable[[], Output] | None,
    record: Callable[[], None] | None = None,
    *,
    record_queued: bool = False,
    small: bool = False,
) -> View:
    """The job page, or ``make()``'s file sent after ``record()`` audits it (by default
    as ``export.<kind>`` with the options; a job's file is audited so when downloaded).

    ``make`` is ``None`` for an export never built in the request: the policy draft takes
    seconds at any size (its PDF alone several), so its reader always gets a job's page.

    A queued job is audited when its file is downloaded, and also when it is asked for
    if ``record_queued`` (the unprotected file). A campaign below its minimum cell size
    gets a page saying so (409); a report group the form does not have, 400. A ``small``
    file (a few rows whatever the campaign's size, a series' trend table) is never queued.
    """
    audit_it = record or (
        lambda: audit.record(f"export.{kind}", "campaign", campaign.slug, **options)
    )
    if make is None or (not small and _wanted(campaign, options["format"])):
        if record_queued:
            audit_it()
        return in_background(campaign, kind, options)
    try:
        output = make()
    except ExportRefused as refused:
        page = render_template("dashboard/export_refused.html", campaign=campaign, refused=refused)
        return page, 409
    except UnknownGroup:
        abort(400)
    audit_it()
    return download(output)


def _wanted(campaign: Campaign, fmt: str) -> bool:
    return fmt in BUILT_FORMATS and service.wanted(campaign)


def in_background(campaign: Campaign, kind: str, options: dict[str, Any]) -> HttpResponse:
    """The redirect to the user's running job for this export, or to a new one."""
    job, new = service.request_job(campaign, kind, options, current_user)
    if new:
        runner.launch(job)
    return redirect(url_for("jobs.status", job_id=job.id))


def download(output: Output) -> HttpResponse:
    """The response that sends ``output`` as an attachment named ``output.filename``."""
    if output.text is None:
        return _file(output)
    body = stream_with_context(_encoded(output.text))
    return attachment(body, output.mimetype, output.filename)


def _encoded(chunks: Iterator[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8")


def _file(output: Output) -> HttpResponse:
    assert output.build is not None
    handle, name = tempfile.mkstemp(prefix="survey-export-", suffix=Path(output.filename).suffix)
    os.close(handle)
    try:
        output.build(Path(name))
        built = open(name, "rb")  # noqa: SIM115  (closed by the WSGI server after sending)
    finally:
        os.unlink(name)  # the open handle keeps the data until it is closed
    response = send_file(built, mimetype=output.mimetype, etag=False, max_age=0)
    response.content_length = os.fstat(built.fileno()).st_size  # a browser shows progress
    return as_attachment(response, output.filename)
