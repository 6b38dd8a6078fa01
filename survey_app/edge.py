"""Control characters are refused at the edge, with a 400, before any view or query runs.

PostgreSQL cannot store a NUL byte in text (``psycopg.DataError``), and no address,
field name or code legitimately holds a control character. So every request is checked
once, first among the ``before_request`` hooks, on both backends alike:

- the path, the query's names and values, form field names, upload names and file
  names, and the session cookie: no C0 control character (U+0000 to U+001F) nor DEL;
- form values: the same, except tab, carriage return and line feed, which long text
  typed or pasted into a text area legitimately holds.

File contents are the business of their readers (YAML refuses control characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from .errors import render_error

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MESSAGE = _l(
    "The address or the form contains invisible control characters, which cannot be "
    "accepted. Type the text again instead of pasting it, or open the link you were given."
)


def init_app(app: Flask) -> None:
    """Register the check; call it before any other ``before_request`` hook is added."""
    app.before_request(_refuse_control_characters)


def has_control(texts: Iterable[str], allow_line_breaks: bool = False) -> bool:
    """Whether any text holds a refused control character (tab, CR and LF allowed in
    form text when ``allow_line_breaks``)."""
    pattern = _CONTROL_IN_TEXT if allow_line_breaks else _CONTROL
    return any(pattern.search(text) for text in texts)


def _refuse_control_characters() -> tuple[str, int] | None:
    form_values = [value for _name, value in request.form.items(multi=True)]
    if has_control(_names()) or has_control(form_values, allow_line_breaks=True):
        return render_error(400, str(MESSAGE))
    return None


def _names() -> list[str]:
    """Everything but form values: the path, query, field and file names, the session cookie."""
    query = [text for pair in request.args.items(multi=True) for text in pair]
    uploads = [name for pair in request.files.items(multi=True) for name in _upload_names(*pair)]
    session_cookie = request.cookies.get(current_app.config["SESSION_COOKIE_NAME"], "")
    return [request.path, *query, *request.form.keys(), *uploads, session_cookie]


def _upload_names(field: str, upload: FileStorage) -> tuple[str, str]:
    return field, upload.filename or ""
