"""One friendly error page for people, JSON for API clients; never a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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


def _http_error(error: HTTPException) -> tuple[str, int]:
    return render_error(error.code or 500)


def _unexpected_error(error: Exception) -> tuple[str, int]:
    from flask import current_app

    current_app.logger.exception("unexpected error", exc_info=error)
    return render_error(InternalServerError.code)
