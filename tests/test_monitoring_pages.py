"""The monitoring pages, the trend downloads and ``flask series``: who may do what,
what the reader sees (absent as absent, suppressed as nothing), files that parse."""

from __future__ import annotations

import csv
import io
import re

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.monitoring.models import CampaignSeries

from .browser_helpers import submit
from .monitoring_helpers import series, wave
from .test_accessibility import PHONE, SQLITE_ONLY, STAFF, Audit, log_in, no_scripts

EVALUATOR = "e@medan.go.id"
SERIES_PAGE = "/staff/monitoring/series/tna"
TREND = f"{SERIES_PAGE}/trend"


@pytest.fixture
def evaluator(make_user, login, app):
    make_user(EVALUATOR, "evaluator")
    return login(app.test_client(), EVALUATOR)


@pytest.fixture
def waves(app):
    """Three waves: w2 and w3 on version 2 (T.1 dropped, T.9 added); w3 below min cell."""
    found = (
        wave("w1", 40, seed=1),
        wave("w2", 40, version=2, seed=2),
        wave("w3", 3, version=2, seed=3),
    )
    series("tna", *found)
    return found


def rows_of_csv(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_series_page_shows_the_chart_the_table_and_absent_and_suppressed(evaluator, waves):
    html = evaluator.get(f"{SERIES_PAGE}?lang=en").get_data(as_text=True)
    assert '<img src="/staff/monitoring/series/tna/trend.svg" alt="MWDS per wave' in html
    t9 = re.search(r'<span class="code">T\.9</span>.*?</tr>', html, re.S)
    assert t9 and t9.group(0).count(">absent<") == 2  # the w1 cell and the w1 → w2 change
    w3 = re.search(r"W3 <span class=\"hint\">\(w3\)</span>:\s*<strong>fewer than 5", html)
    assert w3, "the suppressed wave says why"
    for code in ("M.1", "T.9"):
        row = re.search(rf'<span class="code">{re.escape(code)}</span>.*?</tr>', html, re.S)
        assert row and row.group(0).split("<td")[-1].startswith(' class="suppressed">suppressed<')
    t1 = re.search(r'<span class="code">T\.1</span>.*?</tr>', html, re.S)
    assert t1 and t1.group(0).split("<td")[-1].startswith(' class="absent">absent<')
    chart = evaluator.get(f"{SERIES_PAGE}/trend.svg?lang=en")
    assert chart.mimetype == "image/svg+xml" and b"M.1" in chart.data


def test_the_csv_and_xlsx_trend_tables(evaluator, waves):
    response = evaluator.get(f"{TREND}?format=csv&lang=en")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "tna-trend.csv" in response.headers["Content-Disposition"]
    rows = {row["Code"]: row for row in rows_of_csv(response.data)}
    assert rows["T.9"]["w1: MWDS"] == "absent" and float(rows["T.9"]["w2: MWDS"]) > -10
    assert rows["T.1"]["w2: n"] == "absent" and rows["T.1"]["w1 → w2: Status"] == "absent"
    shown = [row for code, row in rows.items() if code != "T.1"]
    assert all(row["w3: MWDS"] == "" and row["w3: n"] == "" for row in shown)
    assert all("w3" in row["Note"] for row in shown)
    assert all(row["w2 → w3: Status"] == "" for row in shown)
    assert rows["T.1"]["w3: MWDS"] == "absent" and rows["T.1"]["w2 → w3: Status"] == "absent"

    xlsx = evaluator.client.get(f"{TREND}?format=xlsx&lang=en")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in cells}
    assert by_code["T.9"]["w1: MWDS"] == "absent" and isinstance(by_code["T.9"]["w2: MWDS"], float)
    assert by_code["M.1"]["w3: MWDS"] is None and "w3" in by_code["M.1"]["Note"]
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "export.trend"))
    assert [(e.target_id, e.details["format"]) for e in events] == [("tna", "csv"), ("tna", "xlsx")]


def test_the_indonesian_table_says_absent_in_indonesian(evaluator, waves):
    rows = rows_of_csv(evaluator.get(f"{TREND}?format=csv&lang=id").data)
    t9 = next(row for row in rows if row["Kode"] == "T.9")
    assert t9["w1: MWDS"] == "tidak ditanyakan"


@pytest.mark.parametrize("query", ["format=pdf", "format=csv&lang=fr"])
def test_a_bad_download_request_is_a_400(evaluator, waves, query):
    assert evaluator.get(f"{TREND}?{query}").status_code == 400


def test_an_evaluator_creates_a_series_and_sees_errors_for_a_wrong_one(evaluator, app):
    wave("w1", 10, seed=1)
    wave("w2", 10, seed=2)
    evaluator.get("/staff/monitoring/")
    bad = evaluator.post(
        "/staff/monitoring/?lang=en", {"title": "TNA", "slug": "tna", "campaigns": "w1"}
    )
    assert bad.status_code == 422 and "at least two campaigns" in bad.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CampaignSeries)) == 0
    good = evaluator.client.post(
        "/staff/monitoring/",
        data={
            "title": "TNA",
            "slug": "tna",
            "campaigns": ["w1", "w2"],
            "csrf_token": evaluator.csrf,
        },
    )
    assert good.status_code == 302 and good.location.endswith(SERIES_PAGE)
    listing = evaluator.get("/staff/monitoring/?lang=en").get_data(as_text=True)
    assert "TNA" in listing and "2 waves" in listing


def test_the_create_form_needs_a_csrf_token(evaluator, app):
    wave("w1", 10, seed=1)
    wave("w2", 10, seed=2)
    data = {"title": "TNA", "slug": "tna", "campaigns": ["w1", "w2"]}
    assert evaluator.client.post("/staff/monitoring/", data=data).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CampaignSeries)) == 0


@pytest.mark.parametrize(
    ("roles", "read", "create"),
    [
        (("evaluator",), 200, 422),
        (("drafter",), 200, 403),
        (("admin",), 200, 422),
        (("facilitator",), 403, 403),
    ],
)
def test_who_may_read_and_create(make_user, login, app, waves, roles, read, create):
    make_user("x@medan.go.id", *roles)
    staff = login(app.test_client(), "x@medan.go.id")
    for url in ("/staff/monitoring/", SERIES_PAGE, f"{SERIES_PAGE}/trend.svg", TREND):
        assert staff.get(url).status_code == read, url
    assert staff.post("/staff/monitoring/", {"title": ""}).status_code == create
    menu = staff.get("/staff/").get_data(as_text=True)
    assert ('href="/staff/monitoring/"' in menu) == (read == 200)


def test_anonymous_readers_are_sent_to_log_in(client, waves):
    for url in ("/staff/monitoring/", SERIES_PAGE, f"{SERIES_PAGE}/trend.svg", TREND):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login" in response.location


def test_an_unknown_series_is_a_404(evaluator, app):
    for url in ("/staff/monitoring/series/nope", "/staff/monitoring/series/nope/trend"):
        assert evaluator.get(url).status_code == 404


# --- flask series ------------------------------------------------------------------------


def test_the_command_line_creates_lists_and_writes_the_trend(runner, app, tmp_path):
    wave("w1", 40, seed=1)
    wave("w2", 40, version=2, seed=2)
    args = ["series", "create", "tna", "--title", "TNA", "--campaign", "w2", "--campaign", "w1"]
    created = runner.invoke(args=args)
    assert created.exit_code == 0, created.output
    listed = runner.invoke(args=["series", "list"])
    assert listed.output.strip() == "tna\tTNA\tw1 w2"
    out = tmp_path / "trend.xlsx"
    written = runner.invoke(
        args=["series", "trend", "tna", "--format", "xlsx", "--lang", "en", "--out", str(out)]
    )
    assert written.exit_code == 0, written.output
    header = next(load_workbook(out).active.iter_rows(values_only=True))
    assert header[:3] == ("Code", "Competency", "w1: n")
    csv_out = tmp_path / "trend.csv"
    runner.invoke(args=["series", "trend", "tna", "--lang", "en", "--out", str(csv_out)])
    rows = rows_of_csv(csv_out.read_bytes())
    assert {row["Code"] for row in rows} == {"M.1", "T.1", "T.9"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["create", "tna", "--title", "TNA", "--campaign", "w1"], "dua kampanye"),
        (["create", "tna", "--title", "TNA", "--campaign", "w1", "--campaign", "zz"], "zz"),
        (["trend", "nope", "--out", "x.csv"], "no series nope"),
    ],
)
def test_the_command_line_refuses_clearly_and_writes_nothing(runner, app, tmp_path, args, words):
    wave("w1", 10, seed=1)
    result = runner.invoke(args=["series", *args])
    assert result.exit_code != 0 and words in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CampaignSeries)) == 0


# --- in a real browser --------------------------------------------------------------------


@pytest.mark.slow
@SQLITE_ONLY
def test_the_monitoring_pages_pass_axe_on_a_phone_without_scripts(
    make_user, live_url, browser, waves
):
    make_user(STAFF, "evaluator")
    page = no_scripts(browser, viewport=PHONE)
    audit = Audit(page)
    log_in(page, live_url, audit)
    for path in ("/staff/monitoring/", SERIES_PAGE):
        page.goto(live_url + path)
        assert page.url.endswith(path), page.url
        audit(path)
    assert page.locator("figure.chart img").evaluate("img => img.naturalWidth") > 0
    page.goto(f"{live_url}/staff/monitoring/")
    page.fill("#title", "Tahunan")
    submit(page.locator("form button.primary"))
    assert page.locator(".error-message").count() >= 1  # the short name is missing
    audit("form with errors")
    audit.assert_clean("/staff/monitoring/", SERIES_PAGE, "form with errors")
