"""The draft as one printable HTML page: ``templates/policy/draft.html`` and its
stylesheet ``policy/draft.css``, which an administrator may restyle. Charts are inline
SVG and nothing is fetched from elsewhere, so the file works offline and prints as is."""

from __future__ import annotations

import re

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup, escape

from .blocks import Draft, Figure

TEMPLATE = "policy/draft.html"
#: A table of at most this many rows is kept on one page (with its caption and note).
KEEP_ROWS = 25
_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
#: A cell of figures only ("4,27-5,37", "≈ 1.200", "< 0,001"): kept on one line.
_FIGURES = re.compile(r"[\d\s.,%()\[\]/<≈\N{EN DASH}\N{EM DASH}\N{MINUS SIGN}-]+")


def render_html(draft: Draft) -> str:
    with force_locale(draft.language):
        return render_template(
            TEMPLATE,
            draft=draft,
            block_type=block_type,
            inline_svg=inline_svg,
            figures=figures,
            keep_rows=KEEP_ROWS,
        )


def block_type(block: object) -> str:
    """``paragraph``, ``bullets``, ``table``, ``figure``, ``quote`` or ``heading``."""
    return type(block).__name__.lower()


def figures(cell: str) -> bool:
    """Whether a table cell holds only figures (the stylesheet keeps them on one line)."""
    return _FIGURES.fullmatch(cell) is not None


def inline_svg(figure: Figure) -> Markup:
    """The chart's SVG without its XML prolog, labelled for screen readers."""
    svg = _PROLOG.sub("", figure.chart.svg().decode("utf-8"), count=1)
    label = f'<svg role="img" aria-label="{escape(figure.alt)}"'
    return Markup(svg.replace("<svg", label, 1))
