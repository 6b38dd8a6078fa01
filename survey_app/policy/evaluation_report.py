"""The evaluation report of a campaign series for one period, written by the policy
draft's machinery: facts gathered once, composed into a :class:`~.blocks.Draft` of
sections, written by the same DOCX, HTML and PDF writers (:func:`.render.render_draft`).

Sections: what was trained, whether it was relevant, whether the targeted gaps closed,
the flags and decisions, and the monitoring indicators of the policy draft's section 7.
Only screened comments appear; suppression is the pages'.
"""

from __future__ import annotations

from flask_babel import force_locale, format_date

from ..clock import local_today
from ..monitoring.indicators import indicators
from ..monitoring.models import CampaignSeries
from .blocks import Block, Draft, Paragraph, Section
from .evaluation_report_facts import ReportFacts, gather_report
from .evaluation_report_flags import flags_section
from .evaluation_report_training import relevance, trained
from .evaluation_report_trend import gaps
from .indicator_table import indicator_table
from .render import FORMATS, render_draft
from .words import _

__all__ = ["FORMATS", "build_report", "file_name", "render_report"]


def build_report(series: CampaignSeries, period: str, language: str = "id") -> Draft:
    """Read the series and the period once and write every section in ``language``.

    :raises ~survey_app.monitoring.period.PeriodError: a period that is not a year.
    """
    with force_locale(language):
        return compose(gather_report(series, period, language), language)


def compose(facts: ReportFacts, language: str) -> Draft:
    """Must run under ``force_locale(language)``."""
    sections = [
        trained(facts),
        relevance(facts),
        gaps(facts),
        flags_section(facts),
        _indicators(facts),
    ]
    imprint = _(
        "%(organisation)s · prepared on %(date)s from the evaluation data",
        organisation=facts.organisation,
        date=format_date(local_today(), "long"),
    )
    subtitle = _(
        "Series “%(title)s”, period %(period)s",
        title=facts.series.title,
        period=facts.period.period,
    )
    return Draft(_("Training evaluation report"), subtitle, imprint, language, sections)


def _indicators(facts: ReportFacts) -> Section:
    blocks: list[Block] = [
        Paragraph(
            _(
                "The indicators of the policy draft's section “Monitoring and evaluation”, "
                "with the same values."
            )
        ),
        indicator_table(indicators(facts.period)),
    ]
    return Section(5, _("Monitoring indicators"), blocks)


def render_report(series: CampaignSeries, period: str, fmt: str, language: str) -> bytes:
    """The report as ``docx``, ``html`` or ``pdf``.

    :raises ValueError: an unknown format, or a period that is not a year.
    :raises survey_app.policy.pdf.PdfUnavailable: PDF without WeasyPrint or Pango.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return render_draft(build_report(series, period, language), fmt)


def file_name(series: CampaignSeries, period: str, fmt: str, language: str) -> str:
    return f"laporan-evaluasi-{series.slug}-{period}-{language}.{fmt}"
