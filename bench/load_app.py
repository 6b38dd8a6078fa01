"""The app as production runs it, for the load benchmark: ``gunicorn bench.load_app:app``.

``ProductionConfig`` except that the benchmark talks plain http on loopback, so the
cookies may not be ``Secure`` (a browser would refuse them over http, a load generator
would have to ignore the flag). ``DATABASE_URL`` and ``SECRET_KEY`` come from the
environment the benchmark gives gunicorn.
"""

from __future__ import annotations

from config import ProductionConfig
from survey_app import create_app


class LoadConfig(ProductionConfig):
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"


app = create_app("bench.load_app.LoadConfig")
