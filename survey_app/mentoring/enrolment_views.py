"""The public enrolment pages (``/m/<round>``): privacy notice, consent, the form.

No account and no JavaScript. New enrolments are counted per client address like new
survey drafts; a wrong personal link past the limit is answered 429 here too.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response as HttpResponse

from ..i18n import current_language
from . import enrolment
from .forms import EnrolmentForm
from .models import MentoringRound
from .notice import NOTICE_VERSION, RETENTION_MONTHS
from .rounds import round_or_404
from .tokens import LinkLocked

View = HttpResponse | str | tuple[str, int]

bp = Blueprint("enrol", __name__, url_prefix="/m")


@bp.route("/<slug>", methods=["GET", "POST"])
def form(slug: str) -> View:
    round = round_or_404(slug)
    if not enrolment.is_open(round):
        return render_template("mentoring/enrol_closed.html", round=round)
    page = EnrolmentForm()
    codes = enrolment.competency_choices(current_language())
    page.set_choices(codes)
    if page.is_submitted():
        return _submit(round, page, {code for code, _label in codes})
    return _page(round, page)


def _submit(round: MentoringRound, page: EnrolmentForm, codes: set[str]) -> View:
    valid = page.validate()
    page.add_errors(enrolment.check(page.entry(), codes))
    if not valid or any(field.errors for field in page):
        return _page(round, page, 422)
    try:
        enrolment.count_new_enrolment()
    except enrolment.TooManyEnrolments:
        return render_template("mentoring/enrol_busy.html", round=round), 429
    enrolment.enrol(round, page.entry(), NOTICE_VERSION)
    return redirect(url_for(".thanks", slug=round.slug))


def _page(round: MentoringRound, page: EnrolmentForm, status: int = 200) -> View:
    html = render_template(
        "mentoring/enrol.html", round=round, form=page, retention_months=RETENTION_MONTHS
    )
    return (html, status) if status != 200 else html


@bp.route("/<slug>/thanks", methods=["GET"])
def thanks(slug: str) -> str:
    return render_template("mentoring/enrol_thanks.html", round=round_or_404(slug))


@bp.app_errorhandler(LinkLocked)
def link_locked(_error: LinkLocked) -> tuple[str, int]:
    """Too many wrong personal links from this address (see :mod:`.tokens`)."""
    return render_template("mentoring/link_locked.html"), 429
