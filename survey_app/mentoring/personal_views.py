"""Thin handlers of the personal-link pages (``/m/p/<token>``): no login, CSRF on posts.

The token is in the path: these pages send ``Referrer-Policy: no-referrer`` (a link
clicked on them does not carry it away), are never cached, and the server log blanks
the token (``privacy_logging``).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from ..clock import local_today
from ..i18n import current_language
from .enrolment import competency_choices
from .models import Participant
from .overview_views import render_statement, statement_pdf
from .personal import own_pair, pair_views, participant_or_404
from .sessions import SessionEntry, SessionRejected, log_session
from .withdrawal import withdraw as withdraw_participant

View = HttpResponse | str | tuple[str, int]


def home(token: str) -> str:
    return _home(token, participant_or_404(token))


def _home(
    token: str,
    participant: Participant,
    errors: dict[str, str] | None = None,
    failed_pair: int | None = None,
) -> str:
    return render_template(
        "mentoring/personal.html",
        token=token,
        participant=participant,
        pairs=pair_views(participant),
        labels=dict(competency_choices(current_language())),
        today=local_today(),
        errors=errors or {},
        failed_pair=failed_pair,
        form=request.form if errors else {},
    )


def log(token: str, pair_id: int) -> View:
    participant = participant_or_404(token)
    pair = own_pair(participant, pair_id)
    entry = SessionEntry(
        held_on=request.form.get("held_on", ""),
        minutes=request.form.get("minutes", ""),
        topics=tuple(request.form.getlist("topics")),
        note=request.form.get("note", ""),
    )
    try:
        log_session(pair, participant, entry, local_today())
    except SessionRejected as rejected:
        return _home(token, participant, rejected.messages(), pair.id), 422
    flash(_("Session logged."))
    return redirect(url_for(".home", token=token))


def statement(token: str) -> HttpResponse | str:
    participant = participant_or_404(token)
    fmt = request.args.get("format", "html")
    if fmt == "pdf":
        return statement_pdf(participant, f"jp-{participant.round.slug}.pdf")
    if fmt != "html":
        abort(400)
    return render_statement(participant, standalone=False, token=token)


def withdraw(token: str) -> View:
    participant = participant_or_404(token)
    if request.method == "GET":
        return render_template(
            "mentoring/personal_withdraw.html", token=token, participant=participant
        )
    withdraw_participant(participant, by="participant")
    return render_template("mentoring/personal_withdrawn.html")
