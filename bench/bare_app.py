"""The baseline of the load benchmark: a bare Flask app with the same requests.

It answers the respondent's URLs (``/s/<slug>/``, ``/start``, ``/p/<n>``, ``/review``,
``/submit``, ``/thanks``) with tiny pages: Flask-WTF CSRF on every form, the posted
fields kept in the (cookie) session, and one INSERT of them at submit. The number of
pages comes with ``/start`` (``pages``), so each simulated respondent makes exactly as
many requests as on the real app. ``gunicorn bench.bare_app:app``; ``DATABASE_URL``.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

import sqlalchemy as sa
from flask import Flask, redirect, render_template_string, request, session, url_for
from flask_wtf import CSRFProtect
from werkzeug.wrappers import Response as HttpResponse

METADATA = sa.MetaData()
TABLE = sa.Table(
    "bare_response",
    METADATA,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("slug", sa.String(100), index=True),
    sa.Column("submitted_on", sa.Date),
    sa.Column("answers", sa.JSON),
)
PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><h1>{{ title }}</h1><form method="post" action="{{ action }}">
<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
{% if key %}<input type="hidden" name="submission_key" value="{{ key }}">{% endif %}
<button type="submit" name="action" value="next">Lanjut</button></form></body></html>"""

app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ.get("SECRET_KEY", "bare-" + "x" * 32))
CSRFProtect(app)
engine = sa.create_engine(os.environ.get("DATABASE_URL", "sqlite://"), pool_pre_ping=True)


def _page(title: str, action: str, key: str = "") -> str:
    return render_template_string(PAGE, title=title, action=action, key=key)


@app.get("/s/<slug>/")
def intro(slug: str) -> str:
    return _page("Survei", url_for("start", slug=slug))


@app.post("/s/<slug>/start")
def start(slug: str) -> HttpResponse:
    session["pages"] = int(request.form.get("pages", "1"))
    session["answers"] = {}
    return redirect(url_for("page", slug=slug, page=0))


@app.route("/s/<slug>/p/<int:page>", methods=["GET", "POST"])
def page(slug: str, page: int) -> str | HttpResponse:
    if request.method == "GET":
        return _page(f"Bagian {page + 1}", url_for("page", slug=slug, page=page))
    fields = request.form.to_dict(flat=False)
    session["answers"] = {**session.get("answers", {}), **fields}
    if page + 1 < session.get("pages", 1):
        return redirect(url_for("page", slug=slug, page=page + 1))
    return redirect(url_for("review", slug=slug))


@app.get("/s/<slug>/review")
def review(slug: str) -> str:
    session.setdefault("key", str(uuid.uuid4()))
    return _page("Periksa", url_for("submit", slug=slug), session["key"])


@app.post("/s/<slug>/submit")
def submit(slug: str) -> HttpResponse:
    with engine.begin() as connection:
        connection.execute(
            sa.insert(TABLE).values(
                id=uuid.uuid4(),
                slug=slug,
                submitted_on=dt.date.today(),
                answers=session.get("answers", {}),
            )
        )
    session.clear()
    return redirect(url_for("thanks", slug=slug))


@app.get("/s/<slug>/thanks")
def thanks(slug: str) -> str:
    return render_template_string("<!doctype html><p>Terima kasih</p>")


def create_table(url: str) -> None:
    """The baseline's one table, made by the benchmark before gunicorn starts."""
    setup = sa.create_engine(url)
    METADATA.create_all(setup)
    setup.dispose()
