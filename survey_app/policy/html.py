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
_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)


def render_html(draft: Draft) -> str:
    with force_locale(draft.language):
        return render_template(TEMPLATE, draft=draft, block_type=block_type, inline_svg=inline_svg)


def block_type(block: object) -> str:
    """``paragraph``, ``bullets``, ``table``, ``figure``, ``quote`` or ``heading``."""
    return type(block).__name__.lower()


def inline_svg(figure: Figure) -> Markup:
    """The chart's SVG without its XML prolog, labelled for screen readers."""
    svg = _PROLOG.sub("", figure.chart.svg().decode("utf-8"), count=1)
    label = f'<svg role="img" aria-label="{escape(figure.alt)}"'
    return Markup(svg.replace("<svg", label, 1))
