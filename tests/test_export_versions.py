"""Columns across questionnaire versions: a campaign is pinned to the version it was
created with, so a later version never moves, drops or renames its export columns; and a
choice's 0/1 column is named by its value, so waves on different versions line up by name.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.extensions import db
from survey_app.versions.service import load_text

from .conftest import form_text
from .respondent import MINI_PAGES, THIRD_PAGES, Respondent
from .test_export_formats import SECOND


def version_2() -> str:
    """mini.yaml with ``saran`` and the choice ``izin`` dropped, ``jarak`` added and the
    remaining choices in another order (all allowed by the compatibility rules)."""
    spec = yaml.safe_load(form_text("mini.yaml"))
    spec["version"] = "2"
    spec["choice_lists"]["alasan"] = [
        {"value": "lain", "label": {"id": "Lainnya", "en": "Other"}},
        {"value": "jarak", "label": {"id": "Jarak", "en": "Distance"}},
        {"value": "waktu", "label": {"id": "Tidak ada waktu", "en": "No time"}},
        {"value": "biaya", "label": {"id": "Biaya", "en": "Cost"}},
    ]
    last = spec["sections"][2]["questions"]
    spec["sections"][2]["questions"] = [q for q in last if q["name"] != "saran"]
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)


def answer(slug: str, app, pages: list[dict]) -> None:
    person = Respondent(app.test_client())
    person.start(slug)
    for page, answers in enumerate(pages):
        assert person.page(slug, page, answers).status_code == 302
    person.submit(slug)


def export(runner, tmp_path: Path, slug: str) -> list[dict[str, str]]:
    out = tmp_path / f"{slug}.csv"
    args = ["export", "responses", "--campaign", slug, "--out", str(out)]
    args += ["--unprotected", "--reason", "columns as answered across waves"]
    assert runner.invoke(args=args).exit_code == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def by_status(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["status"]: row for row in rows}


def test_a_later_version_changes_nothing_in_an_earlier_campaigns_export(
    make_campaign, app, runner, tmp_path: Path
):
    make_campaign(slug="wave-1", min_cell_size=3)
    for pages in (MINI_PAGES, SECOND, THIRD_PAGES):
        answer("wave-1", app, pages)
    before = export(runner, tmp_path, "wave-1")
    assert load_text(version_2(), "mini-v2.yaml").version.number == 2
    db.session.commit()
    after = export(runner, tmp_path, "wave-1")
    assert after == before  # same columns, same order, same values
    assert {"saran", "alasan/izin"} <= set(after[0])  # dropped in v2, kept for wave 1
    assert by_status(after)["pns"]["alasan/lain"] == "1.0"


def test_choice_columns_line_up_by_value_across_waves(make_campaign, app, runner, tmp_path: Path):
    make_campaign(slug="wave-1", min_cell_size=3)
    for pages in (MINI_PAGES, SECOND, THIRD_PAGES):
        answer("wave-1", app, pages)
    load_text(version_2(), "mini-v2.yaml")
    create_campaign(CampaignSettings(form_id="mini", slug="wave-2", min_cell_size=3))
    db.session.commit()  # pinned to the latest version, 2
    v2_pages = [dict(page) for page in MINI_PAGES]
    v2_pages[2] = {
        **{k: v for k, v in v2_pages[2].items() if k != "saran"},
        "alasan": ["lain", "jarak"],
        "prioritas/1": "jarak",
        "prioritas/2": "biaya",
    }
    second_v2 = [*SECOND[:2], {"jp": "40", "prioritas/1": "biaya"}]
    for pages in (v2_pages, second_v2, THIRD_PAGES):
        answer("wave-2", app, pages)
    first, second = export(runner, tmp_path, "wave-1"), export(runner, tmp_path, "wave-2")
    assert list(first[0]).index("alasan/lain") != list(second[0]).index("alasan/lain")
    old, new = by_status(first)["pns"], by_status(second)["pns"]
    assert (old["alasan/lain"], old["alasan/waktu"]) == ("1.0", "1.0")
    assert (new["alasan/lain"], new["alasan/jarak"], new["alasan/waktu"]) == ("1.0", "1.0", "0.0")
    assert new["alasan"] == "lain jarak" and new["prioritas"] == "jarak biaya"
    assert "alasan/izin" not in new and "alasan/jarak" not in old
