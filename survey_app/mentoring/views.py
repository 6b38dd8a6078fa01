"""Thin handlers of the coordinator's round pages: coordinators and admins only."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from . import csvimport, rounds, service, tokens
from .enrolment import is_open
from .enrolment_fields import slot_label
from .forms import ActionForm, ImportForm, RoundForm
from .models import MentoringRound, ParticipantRole
from .withdrawal import withdraw

View = HttpResponse | str | tuple[str, int]
COORDINATORS = (Role.COORDINATOR, Role.ADMIN)


@role_required(*COORDINATORS)
def index() -> str:
    return render_template("mentoring/index.html", rounds=rounds.all_rounds(), is_open=is_open)


@role_required(*COORDINATORS)
def create() -> View:
    return _edit_page(None)


@role_required(*COORDINATORS)
def edit(slug: str) -> View:
    return _edit_page(rounds.round_or_404(slug))


def _edit_page(round: MentoringRound | None) -> View:
    form = RoundForm()
    if form.is_submitted():
        return _save(form, round)
    if round is not None:
        form.fill(service.as_input(round))
    return render_template("mentoring/edit.html", form=form, round=round)


def _save(form: RoundForm, round: MentoringRound | None) -> View:
    if form.validate():
        try:
            if round is None:
                round = service.create_round(form.entry())
            else:
                service.update_round(round, form.entry())
        except service.RoundError as exc:
            form.add_errors(exc.errors)
        else:
            flash(_("Mentoring round saved."))
            return redirect(url_for(".round_page", slug=round.slug))
    return render_template("mentoring/edit.html", form=form, round=round), 422


@role_required(*COORDINATORS)
def round_page(slug: str) -> View:
    return _round_page(rounds.round_or_404(slug))


def _round_page(round: MentoringRound, status: int = 200, **extra: Any) -> str | tuple[str, int]:
    page = render_template(
        "mentoring/round.html",
        round=round,
        mentors=rounds.participants(round, ParticipantRole.MENTOR),
        mentees=rounds.participants(round, ParticipantRole.MENTEE),
        is_open=is_open(round),
        action=ActionForm(),
        import_form=extra.pop("import_form", None) or ImportForm(),
        enrol_url=url_for("enrol.form", slug=round.slug, _external=True),
        slot_label=slot_label,
        **extra,
    )
    return (page, status) if status != 200 else page


@role_required(*COORDINATORS)
def issue_link(slug: str, participant_id: int) -> View:
    """Shows the new link once, on this response only; it is not stored anywhere
    (CSRF is checked app-wide for every POST)."""
    round = rounds.round_or_404(slug)
    participant = rounds.participant_of(round, participant_id)
    token = tokens.issue_token(participant)
    return _round_page(round, issued=(participant, tokens.link_url(token)))


@role_required(*COORDINATORS)
def revoke_link(slug: str, participant_id: int) -> View:
    round = rounds.round_or_404(slug)
    participant = rounds.participant_of(round, participant_id)
    tokens.revoke_token(participant)
    flash(_("The personal link of %(name)s no longer works.", name=participant.name))
    return redirect(url_for(".round_page", slug=slug))


@role_required(*COORDINATORS)
def withdraw_participant(slug: str, participant_id: int) -> View:
    round = rounds.round_or_404(slug)
    participant = rounds.participant_of(round, participant_id)
    withdraw(participant, by="coordinator")
    flash(_("The participant was withdrawn and their data deleted."))
    return redirect(url_for(".round_page", slug=slug))


@role_required(*COORDINATORS)
def import_page(slug: str) -> View:
    round = rounds.round_or_404(slug)
    form = ImportForm()
    if not form.validate():
        return _round_page(round, 422, import_form=form)
    try:
        added = csvimport.import_csv(round, form.file.data.read())
    except csvimport.ImportFailed as exc:
        return _round_page(round, 422, import_form=form, import_errors=exc.errors)
    flash(_("Imported %(count)d enrolments.", count=len(added)))
    return redirect(url_for(".round_page", slug=slug))
