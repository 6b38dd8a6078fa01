"""Shared fixtures of the fast-pages tests: counting bootstraps, a process with an empty
memory of tables, the stored results."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from survey_app.analysis import borich
from survey_app.extensions import db
from survey_app.resultcache.models import StoredResult
from survey_app.results import memo


@pytest.fixture(autouse=True)
def new_process() -> Iterator[None]:
    """Tables this process remembered from earlier tests are not this test's."""
    memo.forget_all()
    yield
    memo.forget_all()


@pytest.fixture
def bootstraps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The respondents of every bootstrap distribution computed in this process (one per
    item of each table computed), in order."""
    sizes: list[int] = []
    real = borich.bootstrap_distribution

    def counted(imp: Any, comp: Any, n_resamples: int, seed: int) -> Any:
        sizes.append(int(imp.size))
        return real(imp, comp, n_resamples, seed)

    monkeypatch.setattr(borich, "bootstrap_distribution", counted)
    return sizes


def stored() -> list[StoredResult]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(StoredResult).order_by(StoredResult.created_at)))
