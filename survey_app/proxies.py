"""Trust ``X-Forwarded-For`` only from the configured number of reverse proxies.

Without this, behind nginx every respondent shares the proxy's address, and one
person's wrong codes would lock everyone out of a campaign.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    proxies = int(app.config.get("SURVEY_APP_PROXIES", 0))
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
