"""Offline analysis needs only the columns it uses: an analyst's own Borich data set works."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import ROOT

FORM = str(ROOT / "questionnaires/tna-asn.yaml")


@pytest.fixture
def export(seed_survey, runner, tmp_path: Path) -> Path:
    seed_survey(300)
    out = tmp_path / "akpk.csv"
    args = ["export", "responses", "--campaign", "akpk", "--out", str(out)]
    # as answered: an analyst's own data set (protected groups: test_export_protected.py)
    result = runner.invoke(args=[*args, "--unprotected", "--reason", "the analyst's own data"])
    assert result.exit_code == 0, result.output
    return out


def _keep_columns(source: Path, target: Path, keep) -> list[str]:
    """Copy ``source`` with only the columns for which ``keep(name)`` is true."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = [c for c in rows[0] if keep(c)]
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return columns


def _offline(runner, responses: Path, *extra: str):
    return runner.invoke(
        args=["analyze", "priorities", "--form", FORM, "--responses", str(responses), *extra]
    )


def _is_rating(column: str) -> bool:
    return column.endswith(("/importance", "/competence"))


def test_only_the_competency_columns_are_needed(export, runner, tmp_path: Path):
    slim = tmp_path / "borich.csv"
    columns = _keep_columns(export, slim, _is_rating)
    assert columns and all(_is_rating(c) for c in columns)
    full, reduced = _offline(runner, export), _offline(runner, slim)
    assert full.exit_code == 0 and reduced.exit_code == 0, reduced.output
    assert json.loads(reduced.stdout) == json.loads(full.stdout)


def test_the_group_column_is_required_only_when_asked_for(export, runner, tmp_path: Path):
    slim = tmp_path / "borich.csv"
    _keep_columns(export, slim, lambda c: _is_rating(c) or c == "status")
    grouped = _offline(runner, slim, "--group", "status")
    assert grouped.exit_code == 0, grouped.output
    assert {g["value"] for g in json.loads(grouped.stdout)["groups"]} >= {"pns"}
    missing = _offline(runner, slim, "--group", "golongan")
    assert missing.exit_code != 0
    assert "missing column(s): golongan" in missing.output


def test_a_missing_competency_column_is_named(export, runner, tmp_path: Path):
    slim = tmp_path / "borich.csv"
    _keep_columns(export, slim, lambda c: _is_rating(c) and not c.startswith("m1_"))
    result = _offline(runner, slim)
    assert result.exit_code != 0
    assert "missing column(s):" in result.output and "/importance" in result.output
