"""One commit per request: services flush, this commits; errors roll back."""

from __future__ import annotations

from flask import Flask, Response

from .extensions import db


def init_app(app: Flask) -> None:
    app.after_request(_commit)


def _commit(response: Response) -> Response:
    """Commit what the request flushed. Error handlers roll back before they render."""
    db.session.commit()
    return response


def rollback() -> None:
    db.session.rollback()
