"""One friendly error page for people, JSON for API clients; never a traceback.

A database that cannot be reached, is locked, full or read-only is not a bug: the
request gets a 503 with ``Retry-After`` (:mod:`.outages` says which case), its
transaction is rolled back, and the next request tries again.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, current_app, g, jsonify, render_template, request, session
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .outages import Outage, outage
from .transactions import rollback

MESSAGES = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("You do not have access to this page."),
    404: _l("This page does not exist. Check the address you were given."),
    405: _l("This page cannot be opened this way. Please use the links in the survey."),
    413: _l("What you sent is too large."),
    422: _l("Some answers need attention."),
    429: _l("Too many attempts. Please wait a few minutes and try again."),
    500: _l("Something went wrong on our side. Your answers so far are kept; please try again."),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(sa.exc.DBAPIError, _database_error)
    app.register_error_handler(Exception, _unexpected_error)


def render_error(status: int, message: str | None = None) -> tuple[str, int]:
    rollback()
    text = message or str(MESSAGES.get(status, MESSAGES[400]))
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=text, status=status), status  # type: ignore[return-value]
    return render_template("errors.html", status=status, message=text), status


def _csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_error(
        400,
        str(
            _l(
                "This form has expired or was not sent from this site. Go back, reload the "
                "page and send it again; answers you already saved are kept."
            )
        ),
    )


def _http_error(error: HTTPException) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    """An error raised after the view (the request's commit) reaches Flask as a 500
    wrapping the original: a database outage there is a 503 too."""
    original = getattr(error, "original_exception", None)
    if isinstance(original, sa.exc.DBAPIError) and (kind := outage(original)) is not None:
        return _unavailable(kind, original)
    return render_error(error.code or 500)


def _database_error(error: sa.exc.DBAPIError) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    kind = outage(error)
    return _unexpected_error(error) if kind is None else _unavailable(kind, error)


def _unavailable(kind: Outage, error: sa.exc.DBAPIError) -> tuple[str, int, dict[str, str]]:
    """503 with a retry hint; the page shows no staff menu (that would need the database).

    Nothing of the request is kept: its transaction is rolled back, and the session
    goes back to what the browser sent (a submit that popped its draft must not lose
    it from the cookie, or the browser's retry would find no draft)."""
    current_app.logger.error("database %s: %s", kind.name.lower().replace("_", " "), error.orig)
    _safe_rollback()
    _forget_session_changes()
    g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
    body, status = render_error(503, str(kind.message))
    return body, status, {"Retry-After": str(kind.retry_after)}


def _forget_session_changes() -> None:
    sent = current_app.session_interface.open_session(current_app, request)
    session.clear()
    session.update(sent or {})
    session.modified = False  # no Set-Cookie: the browser keeps its cookie


def _safe_rollback() -> None:
    """Roll back; a connection already gone is discarded by the pool instead."""
    try:
        rollback()
    except sa.exc.DBAPIError:
        current_app.logger.warning("rollback failed; the connection is discarded")


def _unexpected_error(error: Exception) -> tuple[str, int]:
    current_app.logger.exception("unexpected error", exc_info=error)
    return render_error(InternalServerError.code)
