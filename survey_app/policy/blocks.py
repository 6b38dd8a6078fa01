"""The policy draft as plain blocks, built once and written as HTML, PDF or DOCX.

Every string is final: translated and with numbers formatted in the draft's language.
The writers only lay the blocks out, so the three formats say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Picture(Protocol):
    """A chart a writer can draw: SVG for HTML and PDF, PNG for Word
    (:class:`~.figures.Chart`, or the evaluation report's trend chart)."""

    def svg(self) -> bytes: ...

    def png(self) -> bytes: ...


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: ``"note"`` (an assumption or a suppression notice) or ``""``.
    kind: str = ""


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    #: Printed under the table: what the figures mean, or why some are hidden.
    note: str = ""
    #: ``"priorities"`` for the ranked table (tests and stylesheets find it by this).
    kind: str = ""


@dataclass(frozen=True)
class Figure:
    chart: Picture
    caption: str
    #: The text alternative: what the chart shows, for readers who cannot see it.
    alt: str


@dataclass(frozen=True)
class Quote:
    text: str
    #: "P2, FGD Medan Kota": a pseudonym and the session, never a name.
    source: str


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section (level 2 under the section's level 1)."""

    text: str


Block = Paragraph | Bullets | Table | Figure | Quote | Heading


@dataclass(frozen=True)
class Section:
    #: ``None`` for the appendix, which follows the numbered sections.
    number: int | None
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.title if self.number is None else f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Draft:
    #: The document's name, the same for every campaign (no colon: the campaign's title
    #: may have its own).
    title: str
    #: Which consultation it comes from: the campaign's title.
    subtitle: str
    #: Who prepared it, and when.
    imprint: str
    language: str
    #: The numbered sections; the last one is the closing section.
    sections: list[Section]
    #: Printed after the closing section, from a new page.
    appendix: Section | None = None

    @property
    def full_title(self) -> str:
        """Title and subtitle on one line (the HTML title, the DOCX properties)."""
        return f"{self.title} \N{EM DASH} {self.subtitle}"

    @property
    def parts(self) -> list[Section]:
        """Every section in reading order, the appendix last."""
        return self.sections + ([self.appendix] if self.appendix else [])
