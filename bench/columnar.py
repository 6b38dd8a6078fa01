"""Benchmark 3: a campaign's numeric answers as one float32 matrix, for analysis.

``numeric_answers`` reads the packed per-response float32 vectors in one SELECT; the
baseline reads the same responses' ``answers`` JSON through the ORM and builds the same
matrix in Python, question by question (the naive way).
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np
import sqlalchemy as sa
from flask import Flask

from survey_app.demo.seed import seed_responses
from survey_app.extensions import db
from survey_app.questionnaire import Form
from survey_app.respond.models import Response
from survey_app.results.dataset import load_dataset
from survey_app.versions.service import form_of

from .env import new_campaign
from .stats import time_calls


def naive_matrix(campaign_id: int, form: Form) -> np.ndarray:
    """The same matrix from the JSON answers: decode every row, walk every question."""
    questions = list(form.questions.values())
    rows = db.session.execute(
        sa.select(Response.answers).where(Response.campaign_id == campaign_id)
    ).scalars()
    matrix = np.array(
        [[v for q in questions for v in q.numeric_values(a.get(q.name))] for a in rows],
        dtype=np.float32,
    )
    return matrix.reshape(-1, len(form.numeric_columns))


def same_matrix(fast: np.ndarray, naive: np.ndarray) -> bool:
    """Equal up to row order: shapes, NaN counts and column sums (the two SELECTs may differ)."""
    if fast.shape != naive.shape:
        return False
    nan_counts = np.isnan(fast).sum(axis=0), np.isnan(naive).sum(axis=0)
    sums = np.nansum(fast, axis=0, dtype=np.float64), np.nansum(naive, axis=0, dtype=np.float64)
    return bool(np.array_equal(*nan_counts) and np.allclose(*sums, rtol=1e-9))


def database_bytes() -> int:
    """SQLite: the file's size. PostgreSQL: the response table with its indexes and TOAST."""
    if db.engine.dialect.name == "sqlite":
        path = db.engine.url.database
        assert path, "the columnar benchmark needs a SQLite file, not :memory:"
        return os.path.getsize(path)
    return int(db.session.scalar(sa.text("SELECT pg_total_relation_size('response')")) or 0)


def seed(n: int) -> tuple[int, Form, dict[str, Any]]:
    """A new campaign with ``n`` synthetic responses: its id, form, throughput and size."""
    campaign = new_campaign(f"columnar-{n}")
    form = form_of(campaign.version)
    before = database_bytes()
    start = time.perf_counter()
    seed_responses(campaign, form, n, seed=1)
    db.session.commit()
    seconds = time.perf_counter() - start
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE response"))  # what autovacuum would do
        db.session.commit()
    sizes = {**stored_sizes(campaign.id), **sqlite_pages(n)}
    growth = {"bytes_per_response": (database_bytes() - before) / n, **sizes}
    return campaign.id, form, {"seed_s": seconds, "seed_per_s": n / seconds, **growth}


def stored_sizes(campaign_id: int) -> dict[str, float]:
    """Average stored bytes of the JSON answers and of the packed numeric vector."""
    row = db.session.execute(
        sa.select(
            sa.func.avg(sa.func.length(sa.cast(Response.answers, sa.Text))),
            sa.func.avg(sa.func.length(Response.numeric)),
        ).where(Response.campaign_id == campaign_id)
    ).one()
    return {"answers_json_bytes": float(row[0]), "numeric_bytes": float(row[1])}


def sqlite_pages(n: int) -> dict[str, float]:
    """SQLite only, when it has the dbstat table: pages (and overflow pages) per response."""
    if db.engine.dialect.name != "sqlite":
        return {}
    query = "SELECT count(*), sum(pagetype = 'overflow') FROM dbstat WHERE name = 'response'"
    try:
        pages, overflow = db.session.execute(sa.text(query)).one()
    except sa.exc.OperationalError:  # built without SQLITE_ENABLE_DBSTAT_VTAB
        db.session.rollback()
        return {}
    return {"pages_per_response": pages / n, "overflow_pages_per_response": overflow / n}


def columnar_bench(app: Flask, n: int, repeats: int, naive_repeats: int) -> dict[str, Any]:
    with app.app_context():
        campaign_id, form, seeding = seed(n)
        fast = load_dataset(campaign_id, form).values
        if not same_matrix(fast, naive_matrix(campaign_id, form)):
            raise RuntimeError("numeric_answers and the JSON baseline disagree")
        # the check above was the warm-up of both
        columnar = time_calls(lambda: load_dataset(campaign_id, form), repeats, warm_up=False)
        naive = time_calls(lambda: naive_matrix(campaign_id, form), naive_repeats, warm_up=False)
        db.session.rollback()
    return {
        "responses": n,
        "shape": list(fast.shape),
        **seeding,
        "columnar_ms": columnar.scaled(1e3).as_dict(),
        "naive_json_ms": naive.scaled(1e3).as_dict(),
        "columnar_rows_per_s": n / columnar.median,
        "naive_rows_per_s": n / naive.median,
        "speedup": naive.median / columnar.median,
    }
