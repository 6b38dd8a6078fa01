"""The evaluation report (``flask export evaluation-report``): its sections in every
format and language, the trend chart, the flags and decisions, only screened comments,
suppression, and the indicators it shares with the policy draft's section 7."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from survey_app.campaigns.asked import campaign_form
from survey_app.campaigns.service import get_campaign
from survey_app.demo.seed import seed_responses
from survey_app.extensions import db
from survey_app.monitoring.comments import Choice, open_answers, save_screening
from survey_app.monitoring.service import get_series
from survey_app.policy.blocks import Draft, Heading, Paragraph, Table
from survey_app.policy.draft import build_draft
from survey_app.policy.evaluation_report import build_report
from survey_app.training.evaluation_service import EvaluationRequest, start_evaluation
from survey_app.training.service import ActivityInput, create_activity

from .evaluation_report_helpers import (
    PERIOD,
    SERIES,
    demo,
    docx_pictures,
    export,
    html_text,
    text_of,
    write_open_answer,
)
from .monitoring_helpers import series, wave

__all__ = ["demo"]

DECISION = "Tambahkan praktik dengan dokumen anggaran OPD sendiri"
IRRELEVANT = "Seminar Manajemen Kinerja Pegawai"


def headings(lang: str) -> list[str]:
    series_ = get_series(SERIES)
    assert series_ is not None
    return [section.heading for section in build_report(series_, PERIOD, lang).sections]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_format_has_the_sections_the_chart_the_flags_and_decisions(
    demo, runner, tmp_path, lang
):
    names = headings(lang)
    assert len(names) == 5 and names != headings("id" if lang == "en" else "en")
    for fmt in ("docx", "html"):
        content = export(runner, tmp_path, fmt, lang).read_bytes()
        text = text_of(fmt)(content)
        assert all(name in text for name in names), fmt
        assert IRRELEVANT in text and DECISION in text and "T.8" in text
        assert "0.387" in text or "0,387" in text  # the learning test's p (Holm) of T.8
    docx = export(runner, tmp_path, "docx", lang).read_bytes()
    assert docx_pictures(docx) == 1  # the trend chart, as PNG
    html = export(runner, tmp_path, "html", lang).read_text(encoding="utf-8")
    assert '<figure><svg role="img"' in html
    pdf = export(runner, tmp_path, "pdf", lang).read_bytes()
    assert pdf.startswith(b"%PDF")
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert DECISION.split()[0] in pdf_text and names[3].split()[-1] in pdf_text


def test_only_screened_comments_appear(demo, runner, tmp_path, make_user):
    write_open_answer("evaluasi-2025-5", "Materinya tidak nyambung, kata Pak Rahmat dari Dinas X")
    write_open_answer("evaluasi-2025-1", "Kurang praktik anggaran, Bu Sari setuju")
    campaign = get_campaign("evaluasi-2025-1")
    assert campaign is not None
    raw = next(a for a in open_answers(campaign, "id") if a.text.startswith("Kurang praktik"))
    user = make_user("screener@medan.go.id", "evaluator")
    save_screening(campaign, {raw.digest: Choice(True, "Kurang praktik anggaran.")}, user)
    db.session.commit()
    for fmt in ("docx", "html"):
        text = text_of(fmt)(export(runner, tmp_path, fmt).read_bytes())
        assert "Kurang praktik anggaran." in text
        assert "Pak Rahmat" not in text and "Bu Sari" not in text and "tidak nyambung" not in text


def test_a_wave_below_its_minimum_shows_no_figure(app):
    first, small = wave("mini-2025", 40, seed=1), wave("mini-2026", 3, seed=2)
    series("mini-series", first, small)
    found = get_series("mini-series")
    assert found is not None
    report = build_report(found, "2025", "en")
    gaps = report.sections[2]
    assert any("fewer than 5 responses" in b.text for b in gaps.blocks if isinstance(b, Paragraph))
    table = next(b for b in gaps.blocks if isinstance(b, Table) and b.kind == "trend")
    assert table.rows and all(row[4] == "suppressed" for row in table.rows)
    assert all(row[3] != "suppressed" for row in table.rows[:3])


def test_an_evaluation_below_its_minimum_shows_no_figure(demo):
    activity = create_activity(
        ActivityInput(
            "Coaching Kearsipan", "BKPSDM", "coaching", ("T.10",),
            dt.date(2025, 9, 1), dt.date(2025, 9, 30), 4, 12,
        )
    )  # fmt: skip
    campaign, _ = start_evaluation(activity, EvaluationRequest("evaluasi-kecil"))
    seed_responses(campaign, campaign_form(campaign), 3, seed=1)
    db.session.commit()
    series_ = get_series(SERIES)
    assert series_ is not None
    blocks = build_report(series_, PERIOD, "en").sections[1].blocks
    start = blocks.index(Heading("Coaching Kearsipan"))
    after = blocks[start + 1 :]
    assert after[0] == Paragraph("Fewer than 5 responses: suppressed to protect anonymity.", "note")
    assert all(not isinstance(block, Table) for block in after)  # it is the last activity


def indicator_rows(document: Draft) -> list[list[str]]:
    tables = [
        block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Table) and block.kind == "indicators"
    ]
    assert len(tables) == 1
    return tables[0].rows


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_policy_draft_and_the_report_print_the_same_indicators(demo, lang):
    latest = get_campaign("akpk-2026")
    series_ = get_series(SERIES)
    assert latest is not None and series_ is not None
    in_draft = indicator_rows(build_draft(latest, lang))
    in_report = indicator_rows(build_report(series_, PERIOD, lang))
    assert in_draft == in_report
    values = [row[1] for row in in_report]
    assert len(values) == 7 and not any("no data" in v or "belum ada" in v for v in values)


def test_a_draft_outside_any_series_says_no_data_yet(demo):
    first = get_campaign("akpk-2025")  # in the series, but not its latest wave
    assert first is not None
    rows = indicator_rows(build_draft(first, "en"))
    assert [row[1] for row in rows[1:]] == ["no data yet"] * 6


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"series": "no-such-series"}, "no campaign series with slug 'no-such-series'"),
        ({"period": "tahun lalu"}, "the period must be a year such as 2027"),
        ({"period": "25"}, "the period must be a year such as 2027"),
    ],
)
def test_a_bad_series_or_period_is_a_clear_error(demo, runner, tmp_path, options, message):
    out = tmp_path / "report.docx"
    args = ["--series", options.get("series", SERIES), "--period", options.get("period", PERIOD)]
    result = runner.invoke(args=["export", "evaluation-report", *args, "--out", str(out)])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_a_period_without_training_says_so(demo, runner, tmp_path):
    text = html_text(export(runner, tmp_path, "html", period="2019").read_bytes())
    assert "No training activity ended in 2019." in text
