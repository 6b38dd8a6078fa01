"""Security headers on every response (Flask-Talisman), and no caching of staff pages.

- A strict Content-Security-Policy: scripts, styles and images from this site only, no
  inline script or style (the templates have none; ``tests/test_security_headers.py``
  fails on any), no plugins, no ``<base>``, forms post only here, never framed.
- ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff`` and
  ``Referrer-Policy: same-origin``: a respondent's ``?code=`` never leaves the site.
- HSTS only where ``SURVEY_APP_HSTS_SECONDS`` is set (``ProductionConfig``), and only on
  requests that came over https (directly or ``X-Forwarded-Proto: https`` from nginx).
  The app never redirects to https itself: nginx terminates TLS and does that, and the
  session cookie's ``Secure`` flag stays as ``config.py`` sets it.
- A response that states its own Content-Security-Policy keeps it: the downloaded policy
  draft (a self-contained document with embedded CSS) and the chart SVGs (matplotlib
  writes ``style`` attributes) allow inline style but nothing else.
- Every response under ``/staff`` and ``/s/`` is ``Cache-Control: no-store``: no staff
  page (a new one-time password, results, focus-group records) and no respondent page
  (answers given so far, a resume code) stays in a shared browser's cache.
"""

from __future__ import annotations

from typing import Any

from flask import Config, Flask, Response, request
from flask_talisman import DENY, Talisman

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}
#: Browser features no page of the app uses.
PERMISSIONS = dict.fromkeys(("browsing-topics", "camera", "geolocation", "microphone"), "()")
#: Pages that show what must not outlive the visit: staff pages, a respondent's answers.
PRIVATE_PREFIXES = ("/staff", "/s")


class _Talisman(Talisman):  # type: ignore[misc]
    """Talisman, except that a response with its own Content-Security-Policy keeps it."""

    def _set_response_headers(self, response: Response) -> Response:
        own = response.headers.get("Content-Security-Policy")
        own_referrer = response.headers.get("Referrer-Policy")  # stricter: personal links
        super()._set_response_headers(response)
        if own is not None:
            response.headers["Content-Security-Policy"] = own
        if own_referrer is not None:
            response.headers["Referrer-Policy"] = own_referrer
        return response


def init_app(app: Flask) -> None:
    _Talisman(app, **talisman_options(app.config))
    app.after_request(_no_store_for_private_pages)


def talisman_options(config: Config) -> dict[str, Any]:
    """Talisman's settings; it must not touch the cookie flags that ``config.py`` sets."""
    hsts_seconds = int(config.get("SURVEY_APP_HSTS_SECONDS", 0))
    return {
        "force_https": False,
        "strict_transport_security": hsts_seconds > 0,
        "strict_transport_security_max_age": hsts_seconds,
        "strict_transport_security_include_subdomains": False,
        "content_security_policy": CSP,
        "frame_options": DENY,
        "referrer_policy": "same-origin",
        "permissions_policy": PERMISSIONS,
        "session_cookie_secure": False,
        "session_cookie_samesite": config.get("SESSION_COOKIE_SAMESITE"),
        "session_cookie_http_only": bool(config.get("SESSION_COOKIE_HTTPONLY", True)),
    }


def _no_store_for_private_pages(response: Response) -> Response:
    """``no-store`` unless the response says so already (downloads: ``private, no-store``)."""
    private = any(
        request.path == prefix or request.path.startswith(prefix + "/")
        for prefix in PRIVATE_PREFIXES
    )
    if private and "no-store" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "no-store"
    return response
