"""The one way a staff file leaves the app: private, never stored, inert if opened."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, request
from werkzeug.wrappers import Response as HttpResponse

#: Every download: private to staff; a policy draft's HTML would run no script and load nothing.
HEADERS = {
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


def attachment(body: bytes | Iterable[bytes], mimetype: str, filename: str) -> Response:
    """``body`` (bytes, or chunks to stream) sent as the attachment ``filename``."""
    # content_type, not mimetype: Werkzeug would add a second "; charset=utf-8" to text/*
    return as_attachment(Response(body, content_type=mimetype), filename)


def as_attachment(response: Response, filename: str) -> Response:
    """``response`` (a file already made, e.g. by ``send_file``) as that attachment."""
    response.headers.update(HEADERS)
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response


#: A chart is private to staff and revalidated every time (its ETag is its content).
SVG_HEADERS = {**HEADERS, "Cache-Control": "private, no-cache"}


def svg_picture(body: bytes) -> HttpResponse:
    """A chart for an ``<img>`` of a staff page, answered 304 when unchanged."""
    response = Response(body, mimetype="image/svg+xml")
    response.headers.update(SVG_HEADERS)
    response.add_etag()
    return response.make_conditional(request)
