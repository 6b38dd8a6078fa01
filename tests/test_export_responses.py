"""`export responses` as CSV: stable columns, formula-safe, refused below the cell size."""

from __future__ import annotations

import csv
from pathlib import Path

from .respondent import MINI_PAGES, Respondent, complete_mini


def test_csv_has_the_stable_columns_and_neutralises_formulas(
    make_campaign, app, runner, tmp_path: Path
):
    make_campaign(min_cell_size=3)
    suggestions = ('=HYPERLINK("http://x")', "Lebih banyak e-learning", "@SUM(1)")
    for saran in suggestions:  # three alike: a class of 3, so protection withholds nothing
        person = Respondent(app.test_client())
        person.start("c1")
        pages = [dict(p) for p in MINI_PAGES]
        pages[2]["saran"] = saran
        for page, answers in enumerate(pages):
            person.page("c1", page, answers)
        person.submit("c1")
    out = tmp_path / "r.csv"
    result = runner.invoke(args=["export", "responses", "--campaign", "c1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 3
    header = list(rows[0])
    assert header[:4] == ["response_id", "submitted_on", "status", "jabatan"]
    assert "integritas/importance" in header and "alasan/waktu" in header
    assert {row["saran"] for row in rows} == {
        '\'=HYPERLINK("http://x")',
        "Lebih banyak e-learning",
        "'@SUM(1)",
    }
    assert {row["alasan"] for row in rows} == {"waktu lain"} and {
        row["alasan/izin"] for row in rows
    } == {"0.0"}
    assert not any("code" in column or "token" in column for column in header)


def test_a_campaign_below_the_cell_size_is_not_exported(make_campaign, app, runner, tmp_path: Path):
    make_campaign()
    complete_mini(Respondent(app.test_client()), "c1")
    out = tmp_path / "r.csv"
    result = runner.invoke(args=["export", "responses", "--campaign", "c1", "--out", str(out)])
    assert result.exit_code != 0 and "fewer than its minimum cell size (5)" in result.output
    assert not out.exists()


def test_an_export_in_progress_does_not_block_respondents(make_campaign, app, runner, monkeypatch):
    """A download can take minutes; SQLite would refuse every submit while one read
    statement stays open, so exports read page by page (PostgreSQL readers block nobody)."""
    from survey_app.reports import responses
    from survey_app.reports.responses import response_table
    from survey_app.versions.service import form_of

    campaign = make_campaign(min_cell_size=3)
    seeded = runner.invoke(args=["demo", "seed", "--campaign", "c1", "--responses", "30"])
    assert seeded.exit_code == 0, seeded.output
    monkeypatch.setattr(responses, "BATCH", 7)
    rows = response_table(campaign, form_of(campaign.version)).rows
    first = [next(rows) for _ in range(3)]  # the export has started, mid-page
    assert len(first) == 3
    submitted = complete_mini(Respondent(app.test_client()), "c1")
    assert submitted.status_code == 302, submitted.get_data(as_text=True)
    assert len(first) + sum(1 for _ in rows) in (30, 31)  # every row once; the new one maybe
