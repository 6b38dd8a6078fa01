"""A campaign of 5,000 responses: the analysis pages within their targets (issue 10, #14:
under 3 s cold and 1 s warm; they took 4 to 7 s).

Work is counted: each view computes the bootstraps of the tables it shows, once, with
the counted bootstrap (never scipy's), and nothing when it is shown again, in this
process or another. Time is this process's CPU time, which other processes on a shared
machine inflate less than wall time, with bounds above the targets, 4 s cold and 2 s
warm (measured 1.8-2.3 s and 0.2-0.8 s, up to 1.1 s warm while the machine was loaded;
the code before took 3.7-4.4 s cold; a warm view recomputing is caught by the counts); one
wall-clock bound on a view another process has computed (0.4 s; before: its 7 tables
again, over 3.7 s).
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from survey_app.analysis import borich, complete_pairs
from survey_app.results import memo
from survey_app.results.dataset import Dataset, load_dataset
from survey_app.results.priorities import MAX_BOOTSTRAP_N, competencies, hidden_groups
from survey_app.versions.service import form_of

from .pages_helpers import bootstraps, new_process

__all__ = ["bootstraps", "new_process"]

pytestmark = pytest.mark.slow

PAGE = "/staff/analysis/akpk"
CHARTS = ("mwds", "ipa", "groups")
FULL_PAGE = [f"{PAGE}", *(f"{PAGE}/charts/{c}.svg" for c in CHARTS)]
SUBGROUP = [
    f"{PAGE}?subgroup=golongan=III",
    *(f"{PAGE}/charts/{c}.svg?subgroup=golongan=III" for c in CHARTS),
]
COMPARISON = [f"{PAGE}?by=klaster_opd", f"{PAGE}/charts/groups.svg?by=klaster_opd"]
COLD_CPU, WARM_CPU, STORED_WALL = 4.0, 2.0, 3.0


def view(client, urls: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of this process to serve ``urls`` in turn."""
    wall, cpu = time.perf_counter(), time.process_time()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    return time.perf_counter() - wall, time.process_time() - cpu


def bootstrapped_items(data: Dataset, question: str, seen: set[bytes]) -> int:
    """Bootstraps of one table per shown group of ``question``: its items with 2 to
    ``MAX_BOOTSTRAP_N`` respondents (fewer: no interval; more: the delta method). A group
    of the same respondents as one ``seen`` before has that table already (every PPPK
    has golongan "tidak berlaku")."""
    hidden = hidden_groups(data, question, 5).hidden
    count = 0
    for value in sorted(set(data.groups[question]) - hidden - {""}):
        mask = data.groups[question] == value
        if mask.tobytes() in seen:
            continue
        seen.add(mask.tobytes())
        group = data.subset(mask)
        for item in competencies(data.form):
            imp, _ = complete_pairs(*_pair(group, item.name))
            count += 2 <= imp.size <= MAX_BOOTSTRAP_N
    return count


def _pair(data: Dataset, name: str) -> tuple[np.ndarray, np.ndarray]:
    return data.column(f"{name}/importance"), data.column(f"{name}/competence")


def test_the_pages_of_5000_responses_are_fast(seed_survey, drafter, bootstraps, monkeypatch):
    campaign = seed_survey(5_000, seed=1)
    scipy_calls: list[int] = []
    real = borich.stats.bootstrap
    monkeypatch.setattr(
        borich.stats, "bootstrap", lambda *a, **k: scipy_calls.append(1) or real(*a, **k)
    )
    data = load_dataset(campaign.id, form_of(campaign.version))
    client, seen = drafter.client, set[bytes]()

    _wall, cpu = view(client, COMPARISON)  # cold: seven group tables
    assert len(bootstraps) == bootstrapped_items(data, "klaster_opd", seen) > 100
    assert cpu < COLD_CPU
    computed = len(bootstraps)
    _wall, cpu = view(client, COMPARISON)
    assert len(bootstraps) == computed and cpu < WARM_CPU

    _wall, cpu = view(client, FULL_PAGE)  # all 5,000: delta method; groups by status
    assert len(bootstraps) - computed == bootstrapped_items(data, "status", seen)
    assert cpu < COLD_CPU
    computed = len(bootstraps)
    _wall, cpu = view(client, FULL_PAGE)
    assert len(bootstraps) == computed and cpu < WARM_CPU

    _wall, cpu = view(client, SUBGROUP)  # its table is one of the groups chart's
    assert len(bootstraps) - computed == bootstrapped_items(data, "golongan", seen)
    assert cpu < COLD_CPU

    memo.forget_all()  # another process: everything comes from the stored results
    computed = len(bootstraps)
    wall, _cpu = view(client, COMPARISON)
    assert len(bootstraps) == computed and wall < STORED_WALL
    assert scipy_calls == []  # integer ratings: the counted bootstrap only
