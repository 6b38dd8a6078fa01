"""What a response export releases: protected by default, or unprotected on request.

:func:`release` turns the export's table and codebook into the released ones and the
risk report that goes with them; :func:`campaign_report` is the same report for the
downloads page, remembered by the quasi-identifiers it came from (like the dashboard's
priority tables, ``dashboard/memo.py``), so a page view costs one columnar read.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from ..analysis.anonymize import protect
from ..campaigns.models import Campaign
from ..questionnaire import Form
from .codebook import Codebook, Labels, build_codebook
from .protection import (
    MAX_SHARE_BELOW_K,
    Assessment,
    Plan,
    Tally,
    assess,
    protect_rows,
    protected_codebook,
    text_columns,
    withheld_text,
)
from .quasi_data import read_quasi
from .responses import Cell, Table
from .risk_report import RiskReport, build_report, note_lines

Sheet = tuple[str, list[list[Cell]]]


@dataclass(frozen=True)
class Release:
    table: Table
    codebook: Codebook
    report: RiskReport
    #: Filled while the rows are written; the file's report states it.
    tally: Tally

    def sidecar(self) -> str:
        """The risk report as JSON, for ``FILE.risk.json`` (after the file is written)."""
        return self.report.json_text(self.tally)

    def sheets(self) -> list[Sheet]:
        return [("risk_report", self.report.sheet(self.tally))]

    def notes(self, language: str) -> list[str]:
        return note_lines(self.report, language)


def release(
    campaign: Campaign,
    form: Form,
    table: Table,
    codebook: Codebook,
    language: str,
    unprotected_reason: str | None = None,
) -> Release:
    """The protected table, or with ``unprotected_reason`` the table as answered."""
    assessment = assess(campaign, form)
    texts = text_columns(form)
    if unprotected_reason is not None:
        report = build_report(assessment, texts, protected=False, reason=unprotected_reason)
        return Release(table, codebook, report, Tally())
    plan = Plan.of(assessment)
    note = withheld_text(campaign.min_cell_size)[language]
    return Release(
        protect_rows(table, assessment, texts, note, plan),
        protected_codebook(codebook, assessment, texts),
        build_report(assessment, texts),
        plan.tally,
    )


SIZE = 16
_reports: OrderedDict[Hashable, RiskReport] = OrderedDict()
_lock = threading.Lock()


def campaign_report(campaign: Campaign, form: Form) -> RiskReport:
    """The risk report of a protected export of ``campaign`` as it is now."""
    quasi = read_quasi(campaign.id, form)
    digest = hashlib.sha256()
    for part in quasi.digest_parts():
        digest.update(part)
    key = (form.content_hash, campaign.min_cell_size, digest.hexdigest())
    with _lock:
        if (found := _reports.get(key)) is not None:
            _reports.move_to_end(key)
            return found
    hierarchies = [column.hierarchy for column in quasi.columns]
    protection = protect(quasi.codes, hierarchies, campaign.min_cell_size, MAX_SHARE_BELOW_K)
    report = build_report(Assessment(quasi, protection), text_columns(form))
    with _lock:
        _reports[key] = report
        while len(_reports) > SIZE:
            _reports.popitem(last=False)
    return report


def variable_labels(form: Form) -> dict[str, Labels]:
    """Each export column's label in every language (the risk report names columns)."""
    return {entry.variable: entry.label for entry in build_codebook(form).entries}
