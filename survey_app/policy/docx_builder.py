"""The draft as an editable Word document (python-docx).

Styles come from a reference document when one is given (``reference.docx``: restyle
its Title, Subtitle, Heading 1-3, Normal, List Bullet, Quote, Caption and Table Grid
styles in Word, see docs/policy-draft.md); its body is replaced, its page setup,
headers and footers kept. A style the reference lacks falls back to Normal.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

from .blocks import Bullets, Draft, Figure, Heading, Paragraph, Quote, Table

#: The page (width, height) and its margins when no reference document sets them.
A4 = (Mm(210), Mm(297))
MARGIN = Cm(2.5)
#: Width of a chart on the page (A4 less the margins: 16 cm).
FIGURE_WIDTH = Cm(15)
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(draft: Draft, reference: Path | None = None) -> bytes:
    document = Document(str(reference)) if reference is not None else Document()
    if reference is None:
        _a4(document.sections[0])
    _clear_body(document)
    document.core_properties.title = draft.full_title
    document.core_properties.language = draft.language
    _paragraph(document, draft.title, "Title")
    _paragraph(document, draft.subtitle, "Subtitle")
    _paragraph(document, draft.imprint)
    for section in draft.parts:
        if section is draft.appendix:
            document.add_page_break()  # type: ignore[no-untyped-call]
        _paragraph(document, section.heading, "Heading 1")
        for block in section.blocks:
            WRITERS[type(block)](document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _a4(section: Any) -> None:
    """python-docx's own template is US Letter; without a reference the draft is A4 with
    2.5 cm margins (a reference document keeps its own page setup)."""
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN


def _clear_body(document: Any) -> None:
    """Remove the reference's content but keep its section settings (the last sectPr)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _style(document: Any, name: str) -> str | None:
    """``name`` if the document defines it, else None (python-docx then uses Normal)."""
    return name if name in {style.name for style in document.styles} else None


def _paragraph(document: Any, text: str, style: str | None = None) -> Any:
    return document.add_paragraph(text, style=_style(document, style) if style else None)


def _write_paragraph(document: Any, block: Paragraph) -> None:
    paragraph = _paragraph(document, block.text)
    if block.kind == "note":
        for run in paragraph.runs:
            run.italic = True


def _write_heading(document: Any, block: Heading) -> None:
    _paragraph(document, block.text, "Heading 2")


def _write_bullets(document: Any, block: Bullets) -> None:
    for item in block.items:
        _paragraph(document, item, "List Bullet")


def _write_quote(document: Any, block: Quote) -> None:
    _paragraph(document, f"“{block.text}”", "Quote")
    _paragraph(document, f"— {block.source}", "Quote")


def _write_figure(document: Any, block: Figure) -> None:
    document.add_picture(io.BytesIO(block.chart.png()), width=FIGURE_WIDTH)
    picture = document.inline_shapes[-1]
    picture._inline.docPr.set("descr", block.alt)  # the text alternative
    _paragraph(document, block.caption, "Caption")


def _write_table(document: Any, block: Table) -> None:
    _paragraph(document, block.caption, "Caption")
    table = document.add_table(rows=1, cols=len(block.header))
    if (style := _style(document, "Table Grid")) is not None:
        table.style = style
    _title(table, block.caption, block.kind)
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for values in block.rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    if block.note:
        _write_paragraph(document, Paragraph(block.note, "note"))


def _title(table: Any, caption: str, kind: str) -> None:
    """The table's accessible title and description (Word: Table Properties, Alt Text)."""
    properties = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", kind or caption)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)


def _repeat_header(row: Any) -> None:
    """Repeat the header row on every page the table spans."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


WRITERS: dict[type, Callable[[Any, Any], None]] = {
    Paragraph: _write_paragraph,
    Heading: _write_heading,
    Bullets: _write_bullets,
    Quote: _write_quote,
    Figure: _write_figure,
    Table: _write_table,
}
