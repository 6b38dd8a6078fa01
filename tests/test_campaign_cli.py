"""`campaign create|list|close`: a campaign pins a version; codes are written once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sqlalchemy as sa

from survey_app.campaigns.models import Campaign, Invitation, Status
from survey_app.codes import code_hash
from survey_app.extensions import db


@pytest.fixture
def loaded(runner):
    assert runner.invoke(args=["questionnaire", "load", "tests/forms/mini.yaml"]).exit_code == 0


def test_create_pins_the_latest_version_and_writes_codes(runner, loaded, tmp_path: Path):
    out = tmp_path / "codes.csv"
    result = runner.invoke(
        args=[
            "campaign",
            "create",
            "--form",
            "mini",
            "--slug",
            "w1",
            "--title",
            "Gelombang 1",
            "--access",
            "token",
            "--tokens",
            "5",
            "--tokens-out",
            str(out),
            "--population",
            "13000",
            "--opens",
            "2026-01-01",
            "--closes",
            "2099-01-01",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "created campaign 'w1' on mini v1" in result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 5 and rows[0]["link"].endswith(f"/s/w1/?code={rows[0]['code']}")
    stored = set(db.session.scalars(sa.select(Invitation.code_hash)))
    assert stored == {code_hash(row["code"]) for row in rows}
    campaign = db.session.scalar(sa.select(Campaign))
    assert campaign.population == 13000 and campaign.min_cell_size == 5
    assert campaign.status() is Status.OPEN


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--form", "nope", "--slug", "x"], "no survey questionnaire 'nope' is loaded"),
        (
            ["--form", "mini", "--slug", "x", "--opens", "2026-02-01", "--closes", "2026-01-01"],
            "--closes must be after --opens",
        ),
        (
            ["--form", "mini", "--slug", "x", "--tokens", "3"],
            "--tokens and --tokens-out go together",
        ),
        (
            ["--form", "mini", "--slug", "x", "--tokens", "3", "--tokens-out", "/tmp/x.csv"],
            "takes no invitations",
        ),
        (["--form", "mini", "--slug", "x", "--min-cell-size", "0"], "0 is not in the range x>=3"),
    ],
)
def test_create_refuses_bad_requests_with_a_clear_message(runner, loaded, args, message):
    result = runner.invoke(args=["campaign", "create", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0


def test_duplicate_slugs_are_refused(runner, loaded):
    assert (
        runner.invoke(args=["campaign", "create", "--form", "mini", "--slug", "x"]).exit_code == 0
    )
    result = runner.invoke(args=["campaign", "create", "--form", "mini", "--slug", "x"])
    assert result.exit_code != 0 and "already exists" in result.output


def test_list_and_close(runner, loaded):
    runner.invoke(args=["campaign", "create", "--form", "mini", "--slug", "x", "--title", "X"])
    assert "x\topen\topen\t0 responses\tX" in runner.invoke(args=["campaign", "list"]).output
    assert runner.invoke(args=["campaign", "close", "x"]).exit_code == 0
    assert "x\tclosed" in runner.invoke(args=["campaign", "list"]).output
    result = runner.invoke(args=["campaign", "close", "nope"])
    assert result.exit_code != 0 and "no campaign with slug 'nope'" in result.output


def test_demo_setup_is_idempotent(runner):
    for _ in range(2):
        result = runner.invoke(args=["demo", "setup"])
        assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/s/demo/" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 1


def _create(runner, tmp_path: Path, *extra: str):
    out = tmp_path / "codes.csv"
    args = ["campaign", "create", "--form", "mini", "--slug", "w1", "--access", "token"]
    result = runner.invoke(args=[*args, "--tokens", "2", "--tokens-out", str(out), *extra])
    return result, out


def test_links_use_the_base_url_setting(app, runner, loaded, tmp_path: Path):
    app.config["SURVEY_APP_BASE_URL"] = "https://survei.medan.go.id/"
    result, out = _create(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert "https://survei.medan.go.id/s/w1/" in result.stdout
    assert "SURVEY_APP_BASE_URL" in result.stderr  # says where the address came from
    links = [row["link"] for row in csv.DictReader(out.read_text(encoding="utf-8").splitlines())]
    assert all(link.startswith("https://survei.medan.go.id/s/w1/?code=") for link in links)


def test_base_url_option_wins_and_is_checked(runner, loaded, tmp_path: Path):
    result, _out = _create(runner, tmp_path, "--base-url", "http://10.0.0.5:8080")
    assert result.exit_code == 0 and "http://10.0.0.5:8080/s/w1/" in result.stdout
    bad, _ = _create(runner, tmp_path, "--base-url", "survei.medan.go.id")
    assert bad.exit_code != 0 and "is not an http(s) address" in bad.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 1


@pytest.mark.parametrize("size", ["1", "2"])
def test_a_cell_size_below_three_is_refused(runner, loaded, size):
    args = ["campaign", "create", "--form", "mini", "--slug", "w1", "--min-cell-size", size]
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and "x>=3" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0
