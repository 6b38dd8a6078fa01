"""The policy draft reads like a document: A4 in every format, every column of every table
on the page, a title without a double colon, a closing section before the appendix, and
charts, labels and thresholds a reader can trust."""

from __future__ import annotations

import html as html_lib
import io
import re
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm
from pypdf import PdfReader

from survey_app.results import charts

from .test_policy import export

#: A4 in PostScript points, and the tolerance of a rounded page box.
A4 = (595.3, 841.9)
TITLE = "AKPK: Gelombang 1"
TH = re.compile(r'<th scope="col">(.*?)</th>', re.S)
H2 = re.compile(r"<h2>(.*?)</h2>")


@pytest.fixture
def drafted(seed_survey):
    """A campaign whose title has a colon of its own, with groups shown and hidden."""
    return seed_survey(60, seed=4, title=TITLE)


def squeeze(text: str) -> str:
    """Text without white space: a header wrapped over lines in the PDF still matches."""
    return re.sub(r"\s+", "", text)


def pdf_runs(reader: PdfReader) -> list[tuple[int, float, str]]:
    """``(page, x, text)`` of every text run: where each piece of text starts."""
    runs: list[tuple[int, float, str]] = []
    for number, page in enumerate(reader.pages):

        def visit(text: str, cm: Any, tm: Any, *_args: Any, page: int = number) -> None:
            if text.strip():
                runs.append((page, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

        page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.slow
def test_the_pdf_is_a4_and_shows_every_column_of_every_table(drafted, runner, tmp_path):
    html = export(runner, tmp_path, fmt="html").read_text(encoding="utf-8")
    headers = {html_lib.unescape(re.sub(r"<[^>]+>", "", h)) for h in TH.findall(html)}
    assert "Kuadran LFF" in headers and len(headers) > 20
    reader = PdfReader(io.BytesIO(export(runner, tmp_path, fmt="pdf").read_bytes()))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.5
        )
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    missing = [header for header in headers if squeeze(header) not in text]
    assert not missing
    # Text drawn past the right margin is cut off on paper (PDF text extraction still
    # finds it): every run must start well inside the page.
    outside = [(page + 1, text) for page, x, text in pdf_runs(reader) if not 0 < x < A4[0] - 40]
    assert not outside


def test_the_docx_is_a4(drafted, runner, tmp_path):
    section = Document(str(export(runner, tmp_path))).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    text_width = section.page_width - section.left_margin - section.right_margin
    assert text_width >= Mm(150)  # the 15 cm charts fit


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_title_has_no_double_colon_and_names_the_consultation(drafted, runner, tmp_path, lang):
    document = Document(str(export(runner, tmp_path, lang=lang)))
    title, subtitle = document.paragraphs[0], document.paragraphs[1]
    assert title.style.name == "Title" and ":" not in title.text
    assert TITLE in subtitle.text and subtitle.text.count(":") == TITLE.count(":")
    html = export(runner, tmp_path, fmt="html", lang=lang).read_text(encoding="utf-8")
    h1 = re.search(r"<h1>(.*?)</h1>", html)
    assert h1 and ":" not in h1.group(1)


@pytest.mark.parametrize(("lang", "closing", "appendix"), [("id", "8. Penutup", "Lampiran")])
def test_the_body_ends_with_a_closing_section_and_the_appendix_follows(
    drafted, runner, tmp_path, lang, closing, appendix
):
    html = export(runner, tmp_path, fmt="html", lang=lang).read_text(encoding="utf-8")
    headings = H2.findall(html)
    assert headings[-2:] == [closing, appendix]
    numbered = [h for h in headings if re.match(r"\d+\. ", h)]
    assert numbered[-1] == closing  # the last numbered section closes the body
    body = html.split(f"<h2>{closing}</h2>")[1].split(f"<h2>{appendix}</h2>")[0]
    assert "<table" not in body and body.count("<li>") >= 3  # next steps, in words
    assert 'class="draft-section appendix"' in html  # printed from a new page
    document = Document(str(export(runner, tmp_path, lang=lang)))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles[-2:] == [closing, appendix]


def test_the_appendix_has_two_full_tables_and_one_compact_table_per_group(
    drafted, runner, tmp_path
):
    document = Document(str(export(runner, tmp_path, lang="en")))
    widths = {len(t.columns) for t in document.tables}
    assert max(widths) <= 9  # nothing wider than fits a portrait A4 page
    groups = [t for t in document.tables if t.rows[0].cells[0].text == "Competency"]
    first = [row.cells[0].text for row in groups[0].rows[1:]]
    assert all(re.match(r"[A-Z]+\.\d+ \w", cell) for cell in first)  # code and name
    assert len(document.tables) < 40


def test_distributions_use_the_campaigns_threshold_or_the_stricter_rule(
    seed_survey, runner, tmp_path
):
    """One threshold per campaign; distributions derive theirs from it, and say so."""
    seed_survey(40, seed=4, min_cell_size=10)
    text = "\n".join(p.text for p in Document(str(export(runner, tmp_path, lang="en"))).paragraphs)
    assert "No group of fewer than 10 respondents" in text
    assert "shown only when at least 10 respondents answered" in text
    notes = re.findall(r"Answers given by fewer than (\d+) respondents are hidden", text)
    assert notes and set(notes) == {"10"}  # mentoring: the campaign's 10, not a fixed 8


def test_the_stricter_distribution_rule_is_stated_where_it_applies(drafted, runner, tmp_path):
    text = "\n".join(p.text for p in Document(str(export(runner, tmp_path, lang="en"))).paragraphs)
    assert "No group of fewer than 5 respondents" in text
    assert "shown only when at least 8 respondents answered" in text
    assert set(re.findall(r"Answers given by fewer than (\d+) respondents", text)) == {"8"}


def text_boxes(svg: str, size: str) -> list[tuple[float, float, float, float, str]]:
    """Approximate boxes of the ``size`` text elements (DejaVu Sans: about 0.62 em wide)."""
    boxes = []
    pattern = (
        rf'<text style="font-size: {size}px[^"]*"[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)<'
    )
    for x, y, text in re.findall(pattern, svg):
        width, height = 0.62 * float(size) * len(text), float(size)
        boxes.append((float(x), float(y) - height, float(x) + width, float(y), text))
    return boxes


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_ipa_labels_do_not_overlap_even_when_points_crowd():
    """Sixteen items within a hair of each other, two far away: every code stays legible."""
    codes = [f"M.{i}" for i in range(1, 9)] + [f"T.{i}" for i in range(1, 11)]
    competence = [3.0 + 0.0005 * (i % 4) for i in range(16)] + [2.0, 4.0]
    importance = [4.0 + 0.0005 * (i // 4) for i in range(16)] + [3.0, 5.0]
    names = {"x": "x", "y": "y"} | {key: key for key in charts.QUADRANT_CORNERS}
    args = (codes, competence, importance, (3.0, 4.0), names, "id")
    svg = charts.render("svg", charts.ipa_scatter, *args).decode()
    boxes = text_boxes(svg, "8")
    assert sorted(box[4] for box in boxes) == sorted(codes)
    clashes = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlap(a, b)]
    assert not clashes
    assert charts.render("svg", charts.ipa_scatter, *args).decode() == svg  # same bytes


@pytest.fixture
def seeded_for_charts(seed_survey):
    return seed_survey(60, seed=4)


@pytest.mark.parametrize("name", ["mwds", "ipa", "groups"])
def test_chart_numbers_follow_the_language(seeded_for_charts, drafter, name):
    """Decimal commas in Indonesian charts, as in the tables; points in English."""
    numbers = {}
    for lang in ("id", "en"):
        url = f"/staff/analysis/akpk/charts/{name}.svg?by=status&lang={lang}"
        svg = drafter.get(url).get_data(as_text=True)
        numbers[lang] = re.findall(r">\s*[\u2212-]?(\d+(?:[.,]\d+)?)\s*</text>", svg)
    assert numbers["id"] and not [n for n in numbers["id"] if "." in n]
    assert numbers["en"] and not [n for n in numbers["en"] if "," in n]
    if name == "ipa":  # means: two decimals on both axes
        assert [n for n in numbers["id"] if "," in n] and [n for n in numbers["en"] if "." in n]
