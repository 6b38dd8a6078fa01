"""One entry point for every format: build the draft once, write it as DOCX, HTML or PDF."""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app

from ..campaigns.models import Campaign
from .blocks import Draft
from .docx_builder import MIME as DOCX_MIME
from .docx_builder import render_docx
from .draft import build_draft
from .html import render_html
from .pdf import html_to_pdf

FORMATS = ("docx", "html", "pdf")
MIMETYPES = {"docx": DOCX_MIME, "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
#: Config key of the reference .docx whose styles the DOCX uses.
REFERENCE_SETTING = "SURVEY_APP_POLICY_DOCX_REFERENCE"


def render(campaign: Campaign, fmt: str, language: str) -> bytes:
    """The campaign's policy draft in ``fmt`` (``docx``, ``html`` or ``pdf``).

    :raises ValueError: an unknown format.
    :raises survey_app.policy.pdf.PdfUnavailable: PDF without WeasyPrint or Pango.
    :raises ReferenceMissing: the configured reference .docx does not exist.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return render_draft(build_draft(campaign, language), fmt)


def render_draft(draft: Draft, fmt: str) -> bytes:
    """A draft already built (the slow part, reading the campaign) written as ``fmt``."""
    if fmt == "docx":
        return render_docx(draft, reference_docx())
    html = render_html(draft)
    return html_to_pdf(html) if fmt == "pdf" else html.encode("utf-8")


class ReferenceMissing(ValueError):
    """``SURVEY_APP_POLICY_DOCX_REFERENCE`` names a file that does not exist."""


def reference_docx() -> Path | None:
    """The reference .docx: the setting (app config or environment), else
    ``instance/policy-reference.docx`` if it exists, else None (python-docx's styles)."""
    configured = current_app.config.get(REFERENCE_SETTING) or os.environ.get(REFERENCE_SETTING)
    if configured:
        if not Path(configured).is_file():
            raise ReferenceMissing(f"{REFERENCE_SETTING}: no such file: {configured}")
        return Path(configured)
    default = Path(current_app.instance_path) / "policy-reference.docx"
    return default if default.is_file() else None


def file_name(campaign: Campaign, fmt: str, language: str) -> str:
    return f"draf-kebijakan-{campaign.slug}-{language}.{fmt}"
