"""The coordinator's overview, the JP statements and the export of pairs and JP.

Downloads carry the same headers as every other export (private, not stored, nothing
loaded by the file); they are audited. ``jobs.downloads.deliver`` is not used: it
serves campaigns, and the jobs package sits above this one (tests/test_architecture.py).
A round's export is a few hundred rows, built in the request.
"""

from __future__ import annotations

from flask import abort, render_template, request
from werkzeug.wrappers import Response as HttpResponse

from .. import audit
from ..attachments import attachment
from ..auth.access import role_required
from ..auth.models import Role
from ..clock import local_today
from . import exports
from .models import Participant
from .overview import overview
from .rounds import participant_of, round_or_404
from .statements import month_label, statement_for
from .statements_pdf import PdfUnavailable, html_to_pdf

KEEPERS = (Role.COORDINATOR, Role.ADMIN)
FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.csv_bytes),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.xlsx_bytes,
    ),
}


@role_required(*KEEPERS)
def overview_page(slug: str) -> str:
    round_ = round_or_404(slug)
    return render_template(
        "mentoring/overview.html", round=round_, overview=overview(round_, local_today())
    )


@role_required(*KEEPERS)
def export(slug: str) -> HttpResponse:
    round_ = round_or_404(slug)
    fmt = request.args.get("format", "csv")
    if fmt not in FORMATS:
        abort(400)
    mimetype, build = FORMATS[fmt]
    body = build(round_)
    audit.record("mentoring.export", "mentoring_round", round_.slug, format=fmt)
    return attachment(body, mimetype, f"mentoring-{round_.slug}-jp.{fmt}")


@role_required(*KEEPERS)
def statement(slug: str, participant_id: int) -> HttpResponse | str:
    round_ = round_or_404(slug)
    participant = participant_of(round_, participant_id)
    fmt = request.args.get("format", "html")
    if fmt not in ("html", "pdf"):
        abort(400)
    if fmt == "html":
        return render_statement(participant, standalone=False)
    audit.record("mentoring.statement", "mentoring_participant", participant.id, format=fmt)
    return statement_pdf(participant, f"jp-{round_.slug}-{participant.id}.pdf")


def render_statement(participant: Participant, standalone: bool, **links: object) -> str:
    """The statement page; ``standalone`` is the printable document (for the PDF)."""
    return render_template(
        "mentoring/statement.html",
        statement=statement_for(participant),
        month_label=month_label,
        standalone=standalone,
        **links,
    )


def statement_pdf(participant: Participant, filename: str) -> HttpResponse:
    try:
        body = html_to_pdf(render_statement(participant, standalone=True))
    except PdfUnavailable:
        abort(503)
    return attachment(body, "application/pdf", filename)
