"""WSGI entry point for production servers: ``gunicorn -c gunicorn.conf.py wsgi:app``.

``ProductionConfig``: Secure cookies, HSTS on https, a real ``SECRET_KEY``. With
``SURVEY_APP_INSECURE_LOCALHOST=1`` (what ``make serve`` sets) and a loopback bind, it
also works over plain http on this machine (``survey_app/serving.py``); elsewhere the
flag is refused with one line.
"""

from __future__ import annotations

import os

from flask import Flask

from survey_app import create_app, serving


def build() -> Flask:
    insecure = serving.insecure_localhost(os.environ)  # gunicorn prints "Error: …" and exits
    app = create_app("config.ProductionConfig")
    if insecure:
        serving.allow_plain_http(app)
    return app


app = build()
