"""The policy draft: DOCX, HTML and PDF that say what the analysis says, in Indonesian by
default and in English, with charts, and never a free-text answer or an unscreened quote."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from docx import Document

from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.respond.models import Response
from survey_app.results.service import choice_label
from survey_app.versions.service import form_of

from .test_dashboard import seed

HEADINGS = {
    "id": [
        "1. Pendahuluan",
        "2. Metode",
        "3. Kebutuhan prioritas",
        "4. Temuan FGD",
        "5. Rekomendasi bentuk pengembangan",
        "6. Program mentoring",
        "7. Pemantauan dan evaluasi",
        "8. Penutup",
        "Lampiran",
    ],
    "en": [
        "1. Introduction",
        "2. Method",
        "3. Priority needs",
        "4. Focus-group findings",
        "5. Recommended forms of development",
        "6. Mentoring programme",
        "7. Monitoring and evaluation",
        "8. Closing",
        "Appendix",
    ],
}
FREE_TEXT = "FREETEXT-MARKER-91c2"
#: The choices of ``bentuk_pengembangan`` in questionnaires/tna-asn.yaml.
FORMS = ["klasikal", "seminar", "bimtek", "coaching", "mentoring", "elearning", "detasering"]
FORMS += ["patok_banding", "magang", "komunitas", "mandiri"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REPORT_GROUPS = ("status", "jenis_jabatan", "golongan", "masa_kerja", "pendidikan", "klaster_opd")


@pytest.fixture
def seeded(seed_survey):
    return seed_survey(120, seed=2)


def export(runner, tmp_path: Path, fmt: str = "docx", lang: str | None = None, slug: str = "akpk"):
    out = tmp_path / f"draft.{fmt}"
    args = ["export", "policy-draft", "--campaign", slug, "--format", fmt, "--out", str(out)]
    result = runner.invoke(args=args + (["--lang", lang] if lang else []))
    assert result.exit_code == 0, result.output
    return out


def docx_text(path: Path) -> str:
    return docx_text_of(Document(str(path)))


def table_titled(document: Any, description: str) -> Any:
    """The table whose accessible description (Word: Alt Text) is ``description``."""
    found = tables_of(document, description)
    assert found, f"no table {description!r}"
    return found[0]


def tables_of(document: Any, description: str) -> list[Any]:
    """The tables whose accessible description (Word: Alt Text) is ``description``."""
    return [t for t in document.tables if _description(t) == description]


def _description(table: Any) -> str | None:
    found = table._tbl.tblPr.find(f"{{{W}}}tblDescription")
    return None if found is None else found.get(f"{{{W}}}val")


def docx_text_of(document: Any) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def campaign_form(slug: str) -> Any:
    campaign = db.session.scalars(sa.select(Campaign).where(Campaign.slug == slug)).one()
    return form_of(campaign.version)


def analysis_rows(runner, lang: str) -> list[dict[str, Any]]:
    args = ["analyze", "priorities", "--campaign", "akpk", "--lang", lang]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("lang", "decimal"), [(None, ","), ("en", ".")])
def test_docx_headings_and_priority_table_match_the_analysis(
    seeded, runner, tmp_path, lang, decimal
):
    document = Document(str(export(runner, tmp_path, lang=lang)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS[lang or "id"]
    table = table_titled(document, "priorities")
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    rows = analysis_rows(runner, lang or "id")
    assert [cells[1] for cells in body] == [row["code"] for row in rows]
    assert [cells[0] for cells in body] == [str(row["rank"]) for row in rows]
    assert [cells[2] for cells in body] == [row["label"] for row in rows]
    assert [cells[4] for cells in body] == [
        f"{row['mwds']:.2f}".replace(".", decimal) for row in rows
    ]
    low, high = rows[0]["mwds_ci"]
    assert body[0][5] == f"{low:.2f}\N{EN DASH}{high:.2f}".replace(".", decimal)
    assert body[0][7].startswith("≈ ")  # the campaign has a population: a headcount


def test_docx_embeds_both_charts_as_images_with_text_alternatives(seeded, runner, tmp_path):
    document = Document(str(export(runner, tmp_path)))
    pictures = document.inline_shapes
    assert len(pictures) == 2
    for picture in pictures:
        assert picture._inline.docPr.get("descr")
        blob = document.part.related_parts[
            picture._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].blob
        assert blob.startswith(b"\x89PNG")


def test_html_is_self_contained_with_inline_svg_charts(seeded, runner, tmp_path):
    html = export(runner, tmp_path, fmt="html", lang="en").read_text(encoding="utf-8")
    assert html.count('<svg role="img" aria-label=') == 2 and '<html lang="en">' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no CDN, nothing fetched
    for heading in HEADINGS["en"]:
        assert f"<h2>{heading}</h2>" in html
    assert "@page" in html  # the print stylesheet travels with the page


def test_recommendations_count_preferred_forms_among_those_in_need(seeded, runner, tmp_path):
    """The top need's forms are counted among the respondents whose gap is at least 1."""
    top = analysis_rows(runner, "en")[0]
    name = top["name"]
    answers = db.session.scalars(sa.select(Response.answers)).all()
    in_need = [
        a
        for a in answers
        if isinstance(a.get(name), dict)
        and a[name]["importance"] - a[name]["competence"] >= 1
        and a.get("bentuk_pengembangan")
    ]
    base = len(in_need)
    counts = [sum(form in a["bentuk_pengembangan"] for a in in_need) for form in FORMS]
    shown = sorted((c for c in counts if min(c, base - c) >= 8), reverse=True)[:3]
    document = Document(str(export(runner, tmp_path, lang="en")))
    text = docx_text(tmp_path / "draft.docx")
    assert f"Among the {base} respondents in need of this competency." in text
    first = next(t for t in document.tables if t.rows[0].cells[0].text == "Form")
    cells = [row.cells[2].text for row in first.rows[1:]]
    assert cells == [f"{c} ({round(100 * c / base)}%)" for c in shown]
    headcount = round(top["estimated_headcount"])
    assert f"about {headcount:,} civil servants in need" in text
    assert f"about {round(top['estimated_headcount'] * 20):,} JP in total" in text


def test_free_text_answers_never_appear(seeded, runner, tmp_path):
    response = db.session.scalars(sa.select(Response).limit(1)).one()
    response.answers = {**response.answers, "saran_kebijakan": FREE_TEXT}
    db.session.commit()
    assert FREE_TEXT not in docx_text(export(runner, tmp_path))
    assert FREE_TEXT not in export(runner, tmp_path, fmt="html").read_text(encoding="utf-8")


def test_a_small_campaign_is_suppressed_everywhere(make_campaign, runner, tmp_path):
    make_campaign(form="tna-asn.yaml", slug="kecil")
    seed(runner, "kecil", 4)
    path = export(runner, tmp_path, slug="kecil", lang="en")
    text = docx_text(path)
    assert "the campaign has fewer than 5 responses" in text
    assert "Ranked competency needs" not in text and not Document(str(path)).inline_shapes
    assert "Cronbach" not in text and "Baseline:" not in text
    assert "suppressed to protect anonymity (fewer than 8 answers)" in text  # mentoring


def test_the_appendix_shows_only_groups_the_analysis_may_show(make_campaign, runner, tmp_path):
    make_campaign(form="tna-asn.yaml", slug="akpk", population=13000)
    seed(runner, "akpk", 30)
    document = Document(str(export(runner, tmp_path, lang="en")))
    headers = [cell.text for t in tables_of(document, "appendix-group") for cell in t.rows[0].cells]
    sizes = sorted(int(m.group(1)) for h in headers if (m := re.search(r"\(n\xa0=\xa0(\d+)\)$", h)))
    notes = "\n".join(p.text for p in document.paragraphs if "not shown to protect" in p.text)
    hidden, shown = [], []
    for question in REPORT_GROUPS:
        args = ["analyze", "priorities", "--campaign", "akpk", "--group", question]
        groups = json.loads(runner.invoke(args=args).stdout)["groups"]
        hidden += [(question, g["value"]) for g in groups if g["suppressed"]]
        shown += [g["n"] for g in groups if not g["suppressed"]]
    assert hidden and shown  # 30 answers: some groups are too small, some are not
    assert sizes == sorted(shown) and min(sizes) >= 5
    form = campaign_form("akpk")
    for question, value in hidden:  # named, by label, in the note under its question
        assert choice_label(form, question, value, "en") in notes
    codes = r"\b(pns|pppk|cpns|mk_\d|le_d3|s1_d4|kewilayahan)\b"
    assert not re.search(codes, docx_text_of(document))  # groups by label, never by code


def test_pdf_is_rendered_from_the_html(make_campaign, runner, tmp_path):
    make_campaign(form="tna-asn.yaml", slug="kecil")
    seed(runner, "kecil", 4)
    pdf = export(runner, tmp_path, fmt="pdf", slug="kecil").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000


def test_pdf_without_weasyprint_fails_with_a_clear_message(
    make_campaign, runner, tmp_path, monkeypatch
):
    make_campaign(form="tna-asn.yaml", slug="kecil")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it could not be imported
    out = tmp_path / "draft.pdf"
    args = ["export", "policy-draft", "--campaign", "kecil", "--format", "pdf", "--out", str(out)]
    result = runner.invoke(args=args)
    assert result.exit_code == 1 and "PDF output needs WeasyPrint and the Pango library" in (
        result.output
    )
    assert not out.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--campaign", "nope", "--format", "docx"], "no campaign with slug 'nope'"),
        (["--campaign", "kecil", "--format", "odt"], "Invalid value for '--format'"),
        (["--campaign", "kecil", "--lang", "fr"], "Invalid value for '--lang'"),
    ],
)
def test_the_cli_refuses_unknown_campaigns_formats_and_languages(
    make_campaign, runner, tmp_path, args, message
):
    make_campaign(form="tna-asn.yaml", slug="kecil")
    out = tmp_path / "old.docx"
    out.write_bytes(b"the previous draft")
    result = runner.invoke(args=["export", "policy-draft", *args, "--out", str(out)])
    assert result.exit_code != 0 and message in result.output
    assert out.read_bytes() == b"the previous draft"


def test_a_failed_write_leaves_no_partial_file(make_campaign, runner, tmp_path, monkeypatch):
    make_campaign(form="tna-asn.yaml", slug="kecil")

    def fail(*_args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("survey_app.reports.outputs.os.replace", fail)
    out = tmp_path / "draft.html"
    args = ["export", "policy-draft", "--campaign", "kecil", "--format", "html", "--out", str(out)]
    result = runner.invoke(args=args)
    assert result.exit_code == 1 and not list(tmp_path.iterdir())
    assert f"Error: cannot write {out}: disk full" in result.output


def test_a_reference_docx_restyles_the_draft(make_campaign, runner, tmp_path, app):
    make_campaign(form="tna-asn.yaml", slug="kecil")
    reference = Document()
    reference.styles["Heading 1"].font.name = "Marker Serif"
    reference.add_paragraph("This text of the reference is replaced.")
    reference.save(str(tmp_path / "reference.docx"))
    app.config["SURVEY_APP_POLICY_DOCX_REFERENCE"] = str(tmp_path / "reference.docx")
    document = Document(io.BytesIO(export(runner, tmp_path, slug="kecil").read_bytes()))
    assert document.styles["Heading 1"].font.name == "Marker Serif"
    assert "This text of the reference is replaced." not in docx_text(tmp_path / "draft.docx")
    assert document.paragraphs[0].style.name == "Title"
