"""The drafter's analysis dashboard: priority table, subgroups, charts, waves, Kendall's W."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from typing import Any

import pytest
import sqlalchemy as sa

from survey_app.analysis import kendall_w_from_rankings
from survey_app.dashboard.table import Sort, sort_rows
from survey_app.extensions import db
from survey_app.fgd.service import create_session, finalize
from survey_app.respond.models import Response
from survey_app.results.tables import ItemResult, PriorityTable
from survey_app.versions.service import form_of, load_text

from .conftest import form_text
from .test_fgd import DETAILS

CODES = re.compile(r'<th scope="row"><span class="code">([^<]+)</span></th>')
SUPPRESSED = "Suppressed to protect anonymity."


def seed(runner, slug: str, responses: int, seed: int = 2) -> None:
    args = ["demo", "seed", "--campaign", slug, "--responses", str(responses), "--seed", str(seed)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output


@pytest.fixture
def seeded(seed_survey):
    return seed_survey(300, seed=2)


def page(staff, url: str) -> str:
    response = staff.get(url, query_string={"lang": "en"} if "?" not in url else None)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def cli_rows(runner) -> list[dict[str, Any]]:
    result = runner.invoke(args=["analyze", "priorities", "--campaign", "akpk", "--lang", "en"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_table_shows_every_item_in_rank_order_as_the_cli_does(seeded, drafter, runner):
    html = page(drafter, "/staff/analysis/akpk")
    rows = cli_rows(runner)
    assert CODES.findall(html) == [row["code"] for row in rows] and len(rows) == 19
    first = rows[0]
    low, high = first["mwds_ci"]
    assert f"<strong>{first['mwds']:.2f}</strong>" in html
    assert f"{low:.2f}\N{EN DASH}{high:.2f}" in html
    assert 'aria-sort="ascending"' in html and "20260101" in html
    assert "Holm&#39;s method" in html and "bootstrap (BCa)" in html  # the method, in words
    assert "mwds_then_fgd" not in html and "<code>holm</code>" not in html
    assert f"{first['estimated_headcount']:,.0f}" in html  # the campaign has a population


def test_numbers_follow_the_language(seeded, drafter, runner):
    html = page(drafter, "/staff/analysis/akpk?lang=id")
    mwds = cli_rows(runner)[0]["mwds"]
    assert f"<strong>{mwds:.2f}</strong>".replace(".", ",") in html


def test_sorting_by_code_reorders_the_rows(seeded, drafter):
    ascending = page(drafter, "/staff/analysis/akpk?sort=code&dir=asc&lang=en")
    codes = CODES.findall(ascending)
    assert codes == sorted(codes, key=str.casefold) and len(codes) == 19
    assert re.search(r'<th scope="col" aria-sort="ascending">\s*<a href="[^"]*sort=code', ascending)
    descending = page(drafter, "/staff/analysis/akpk?sort=code&dir=desc&lang=en")
    assert CODES.findall(descending) == codes[::-1]
    assert "dir=desc" in ascending  # the sorted header's link reverses the order


def item(rank: int, code: str, n: int, mwds: float | None) -> ItemResult:
    """A priority row with only what sorting looks at; every other figure undefined."""
    blank = {f.name: None for f in dataclasses.fields(ItemResult)}
    return ItemResult(**{**blank, "rank": rank, "code": code, "n": n, "mwds": mwds})


def test_sorting_puts_missing_values_and_small_items_last():
    table = PriorityTable(
        [item(1, "B", 9, 2.0), item(2, "A", 9, None), item(3, "C", 3, 1.0), item(4, "D", 9, 0.5)],
        {},
        30,
    )
    ascending = sort_rows(table, Sort("mwds", "asc"), min_cell=5)
    assert [row.code for row in ascending] == ["D", "B", "A", "C"]
    descending = sort_rows(table, Sort("mwds", "desc"), min_cell=5)
    assert [row.code for row in descending] == ["B", "D", "A", "C"]


def test_a_subgroup_gets_its_own_table(seeded, drafter, runner):
    html = page(drafter, "/staff/analysis/akpk?subgroup=status%3Dpns&lang=en")
    assert "Priorities of one group" in html and "Employment status: PNS" in html
    assert len(CODES.findall(html)) == 19 and SUPPRESSED not in html
    grouped = runner.invoke(
        args=["analyze", "priorities", "--campaign", "akpk", "--group", "status"]
    )
    pns = next(g for g in json.loads(grouped.stdout)["groups"] if g["value"] == "pns")
    assert f"n = {pns['n']} respondents" in html
    assert f"<strong>{pns['priorities'][0]['mwds']:.2f}</strong>" in html


def test_small_groups_are_suppressed_never_shown(make_campaign, runner, drafter):
    make_campaign(form="tna-asn.yaml", slug="kecil")
    seed(runner, "kecil", 6)
    whole = page(drafter, "/staff/analysis/kecil?lang=en")
    assert len(CODES.findall(whole)) == 19  # 6 responses: the campaign itself may be shown
    assert "(suppressed)" in whole  # every status group has fewer than 5
    small = page(drafter, "/staff/analysis/kecil?subgroup=status%3Dpns&lang=en")
    assert SUPPRESSED in small and not CODES.findall(small) and 'class="priorities"' not in small
    assert "charts/mwds.svg" not in small
    for chart in ("mwds.svg?subgroup=status%3Dpns", "groups.svg?by=status"):
        response = drafter.get(f"/staff/analysis/kecil/charts/{chart}")
        assert response.mimetype == "image/svg+xml" and b"M.1" not in response.data


def test_a_campaign_below_the_threshold_shows_only_the_message(make_campaign, runner, drafter):
    make_campaign(form="tna-asn.yaml", slug="sedikit", min_cell_size=10)
    seed(runner, "sedikit", 6)
    html = page(drafter, "/staff/analysis/sedikit?lang=en")
    assert SUPPRESSED in html and "fewer than 10 responses" in html
    assert not CODES.findall(html) and "<select" not in html and "<img" not in html


@pytest.mark.parametrize("name", ["mwds", "ipa", "groups"])
def test_each_chart_is_svg_naming_the_items(seeded, drafter, name):
    url = f"/staff/analysis/akpk/charts/{name}.svg?by=status"
    response = drafter.get(url)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    body = response.get_data(as_text=True)
    assert "<svg" in body and "<script" not in body
    assert re.search(r">\s*[MST]\.\d+\s*<", body)  # an item code, as text
    again = drafter.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304  # deterministic bytes: the ETag holds


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("by", ["klaster_opd", "golongan", "pendidikan"])
def test_the_groups_chart_draws_long_group_names(seeded, drafter, lang, by):
    """Many long names in the legend (the OPD clusters in English) once collapsed the axes:
    matplotlib's warning, an error under test, was a 500 in the chart route."""
    response = drafter.get(f"/staff/analysis/akpk/charts/groups.svg?by={by}&lang={lang}")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"


def test_a_query_the_form_does_not_have_is_refused(seeded, drafter):
    assert drafter.get("/staff/analysis/akpk?subgroup=nip%3D123").status_code == 400
    assert drafter.get("/staff/analysis/akpk?by=komentar").status_code == 400
    assert drafter.get("/staff/analysis/akpk/charts/pie.svg").status_code == 404


def reduce_gap(campaign, name: str) -> None:
    """Every respondent of ``campaign`` now masters ``name`` as well as it matters."""
    form = form_of(campaign.version)
    for response in db.session.scalars(
        sa.select(Response).where(Response.campaign_id == campaign.id)
    ):
        answers = dict(response.answers)
        answers[name] = {**answers[name], "competence": answers[name]["importance"]}
        response.answers, response.numeric = answers, form.numeric_vector(answers)
    db.session.commit()


def test_waves_flag_a_reduced_need(seeded, make_campaign, runner, drafter):
    after = make_campaign(form="tna-asn.yaml", slug="akpk-2", title="AKPK 2027")
    seed(runner, "akpk-2", 300, seed=3)
    reduce_gap(after, "m1_integritas")
    html = page(drafter, "/staff/analysis/akpk-2/waves?before=akpk&lang=en")
    row = re.search(r'<span class="code">M\.1</span>.*?</tr>', html, re.S)
    assert row and "Need reduced" in row.group(0)
    assert html.count('<th scope="row">') == 19 and '<option value="akpk" selected>' in html
    assert drafter.get("/staff/analysis/akpk-2/waves?before=nope").status_code == 400


def test_waves_are_suppressed_when_a_wave_is_small(seeded, make_campaign, runner, drafter):
    make_campaign(form="tna-asn.yaml", slug="akpk-2")
    seed(runner, "akpk-2", 3, seed=3)
    html = page(drafter, "/staff/analysis/akpk-2/waves?before=akpk&lang=en")
    assert SUPPRESSED in html and "Need reduced" not in html and "<tbody>" not in html


def finalized_session(campaign, facilitator, title: str, ranking: dict[str, list[str]]) -> None:
    version = load_text(form_text("fgd-karier.yaml"), "fgd-karier.yaml").version
    session = create_session(campaign, version, facilitator, title)
    raw = {k: v if isinstance(v, list) else [v] for k, v in DETAILS.items()}
    for participant, needs in ranking.items():
        raw.update({f"ranking/{participant}/{k}": [need] for k, need in enumerate(needs, 1)})
    assert not finalize(session, raw).errors
    db.session.commit()


def test_fgd_page_shows_kendalls_w_and_where_the_sources_disagree(
    seeded, make_user, drafter, runner
):
    ranks = [row["code"] for row in cli_rows(runner)]
    top, middle, bottom = ranks[0], ranks[9], ranks[-1]
    fill = ranks[7:9]  # a finalized ranking fills all five places
    facilitator = make_user("f@x.id", "facilitator")
    agreeing = {
        "P1": [bottom, middle, *fill, top],
        "P2": [bottom, middle, *fill, top],
        "P3": [bottom, fill[0], middle, fill[1], top],
    }
    finalized_session(seeded, facilitator, "Sesi 1", agreeing)
    finalized_session(seeded, facilitator, "Sesi 2", {"P1": [middle, *fill, bottom, top]})
    html = page(drafter, "/staff/fgd/campaigns/akpk")
    w = kendall_w_from_rankings(agreeing, [bottom, middle, *fill, top], 5)
    assert w is not None and f"<i>W</i> = {w.w:.3f}, χ²({w.df}) = {w.chi2:.2f}" in html
    assert "(3 participants, 5 needs)" in html
    assert re.search(r"Sesi 2</strong>: W = —</li>", html)  # one participant: W undefined
    assert html.count("Agreement on the rankings") == 1 and "All sessions" in html
    assert "High in the focus groups, low in the survey" in html
    assert "High in the survey, low in the focus groups" in html


def test_titles_are_escaped(make_campaign, runner, drafter):
    make_campaign(form="tna-asn.yaml", slug="xss", title="<script>alert(1)</script>")
    seed(runner, "xss", 10)
    for url in ("/staff/analysis/", "/staff/analysis/xss", "/staff/analysis/xss/waves"):
        html = page(drafter, url)
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_menu_leads_drafters_to_the_analysis(seeded, drafter):
    assert 'href="/staff/analysis/"' in page(drafter, "/staff/")
    listing = page(drafter, "/staff/analysis/")
    assert 'href="/staff/analysis/akpk"' in listing and "<td>300</td>" in listing


@pytest.mark.parametrize(
    "module", ["survey_app.results.evidence", "survey_app.results.service", "survey_app.fgd"]
)
def test_any_module_can_be_imported_first(module):
    """The focus-group page uses the dashboard, which reads focus groups: no import cycle."""
    code = f"import {module}; from survey_app import create_app; create_app()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
