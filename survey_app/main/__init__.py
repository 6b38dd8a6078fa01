"""The landing page and small public pages."""

import sqlalchemy as sa
from flask import Blueprint, render_template

from ..campaigns.models import Access, Campaign, Status
from ..extensions import db
from . import readiness

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> str:
    """Open-access campaigns that take answers now; token campaigns are reached by link."""
    campaigns = db.session.scalars(
        sa.select(Campaign)
        .where(Campaign.access == Access.OPEN)
        .order_by(Campaign.created_at.desc())
    )
    open_now = [c for c in campaigns if c.status() is Status.OPEN]
    return render_template("index.html", campaigns=open_now)


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive; touches no database."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz() -> tuple[dict[str, str], int, dict[str, str]]:
    """Ready for traffic: the database answers and its migrations are current; else 503."""
    checks = readiness.checks()
    ready = checks == {"database": "ok", "migrations": "current"}
    body = {"status": "ok" if ready else "unavailable", **checks}
    return body, 200 if ready else 503, {} if ready else {"Retry-After": "30"}
