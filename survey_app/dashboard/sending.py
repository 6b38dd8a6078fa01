"""An export as an HTTP response: streamed text, or a finished file from a temporary file.

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
from collections.abc import Iterator
from pathlib import Path

from flask import send_file, stream_with_context
from werkzeug.wrappers import Response as HttpResponse

from ..reports.outputs import Output

HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def download(output: Output) -> HttpResponse:
    """The response that sends ``output`` as an attachment named ``output.filename``."""
    if output.text is not None:
        # content_type, not mimetype: Werkzeug would add a second "; charset=utf-8" to text/*
        response = HttpResponse(
            stream_with_context(_encoded(output.text)), content_type=output.mimetype
        )
    else:
        response = _file(output)
    response.headers.update(HEADERS)
    response.headers.set("Content-Disposition", "attachment", filename=output.filename)
    return response


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
    return response
