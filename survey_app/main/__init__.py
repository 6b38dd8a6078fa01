"""The landing page and small public pages."""

import sqlalchemy as sa
from flask import Blueprint, render_template

from ..campaigns.models import Access, Campaign, Status
from ..extensions import db

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
    return {"status": "ok"}
