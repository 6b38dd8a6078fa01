"""Logs must not record respondents: no client addresses, no query strings.

The development server (Werkzeug) logs ``ADDRESS - - [date] "GET /path?query"``; this
filter blanks the address and the query string before any handler sees the record.
"""

from __future__ import annotations

import logging
import re

from flask import Flask

_ADDRESS = re.compile(r"^\S+ - - \[")
_QUERY = re.compile(r"\?[^\s\"]*")
#: A mentoring participant's personal link carries its token in the path.
_PERSONAL_LINK = re.compile(r"/m/p/[^/\s\"?]+")


class PrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        message = _ADDRESS.sub("- - - [", message)
        record.msg = _PERSONAL_LINK.sub("/m/p/…", _QUERY.sub("?…", message))
        record.args = ()
        return True


def init_app(app: Flask) -> None:
    privacy = PrivacyFilter()
    for name in ("werkzeug", "gunicorn.access", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, PrivacyFilter) for f in logger.filters):
            logger.addFilter(privacy)
