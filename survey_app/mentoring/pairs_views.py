"""Thin handlers of the matching pages: coordinators and admins only.

Every action is a POST (CSRF-protected by the app) that redirects back to the matching
page with a message: no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from ..auth.access import role_required
from ..auth.models import Role
from . import pairs
from .matching import MatchingError
from .matching_service import pair_rules, run_matching, unmatched_reasons
from .models import MentoringRound, PairStatus, Participant, ParticipantRole, RuleKind
from .pairs_explain import explain, reason_text
from .rounds import participant_of, participants, round_or_404
from .sessions import sessions_of

KEEPERS = (Role.COORDINATOR, Role.ADMIN)


def _back(slug: str) -> HttpResponse:
    return redirect(url_for("mentoring_pairs.pairs_page", slug=slug))


@role_required(*KEEPERS)
def pairs_page(slug: str) -> str:
    round_ = round_or_404(slug)
    people = {p.id: p for p in participants(round_)}
    suggested = pairs.round_pairs(round_, [PairStatus.SUGGESTED])
    accepted = pairs.round_pairs(round_, [PairStatus.ACCEPTED])
    return render_template(
        "mentoring/pairs.html",
        round=round_,
        suggested=[(p, explain(p, round_)) for p in suggested],
        accepted=accepted,
        # before any run nobody is "left over": the list waits for the matching.
        unmatched=_unmatched(round_, people) if suggested or accepted else None,
        rules=[(r, people.get(r.mentor_id), people.get(r.mentee_id)) for r in pair_rules(round_)],
        mentors=[p for p in people.values() if p.role == ParticipantRole.MENTOR],
        mentees=[p for p in people.values() if p.role == ParticipantRole.MENTEE],
    )


def _unmatched(
    round_: MentoringRound, people: dict[int, Participant]
) -> list[tuple[Participant, str]]:
    """Mentees in no suggested or accepted pair, each with the reason in words."""
    statuses = [PairStatus.SUGGESTED, PairStatus.ACCEPTED]
    paired = {p.mentee_id for p in pairs.round_pairs(round_, statuses)}
    left = [p for p in people.values() if p.role == ParticipantRole.MENTEE and p.id not in paired]
    reasons = unmatched_reasons(round_, left)
    return [(person, reason_text(reasons[person.id])) for person in left]


@role_required(*KEEPERS)
def run(slug: str) -> HttpResponse:
    round_ = round_or_404(slug)
    try:
        result = run_matching(round_)
    except MatchingError as exc:
        flash(_("The matching could not run: %(reason)s", reason=str(exc)), "error")
    else:
        flash(
            _(
                "Matching done: %(pairs)d pairs suggested, %(left)d mentees unmatched.",
                pairs=len(result.pairs),
                left=len(result.unmatched),
            )
        )
    return _back(slug)


def _refusable(slug: str, action: Callable[[], object], done: str) -> HttpResponse:
    """Run ``action``; its refusal becomes an error message, success ``done``."""
    try:
        action()
    except pairs.PairRefused as refused:
        flash(refused.message(), "error")
    else:
        flash(done)
    return _back(slug)


@role_required(*KEEPERS)
def accept_all(slug: str) -> HttpResponse:
    count = pairs.accept_all(round_or_404(slug))
    flash(_("%(count)d pairs accepted.", count=count))
    return _back(slug)


@role_required(*KEEPERS)
def accept_one(slug: str, pair_id: int) -> HttpResponse:
    pair = pairs.pair_of(round_or_404(slug), pair_id)
    return _refusable(slug, lambda: pairs.accept(pair), _("Pair accepted."))


@role_required(*KEEPERS)
def dissolve(slug: str, pair_id: int) -> HttpResponse:
    pair = pairs.pair_of(round_or_404(slug), pair_id)
    return _refusable(slug, lambda: pairs.dissolve(pair), _("Pair dissolved."))


@role_required(*KEEPERS)
def swap(slug: str) -> HttpResponse:
    round_ = round_or_404(slug)
    first, second = _int(request.form.get("first")), _int(request.form.get("second"))
    if first is None or second is None or first == second:
        flash(_("Choose two different suggested pairs to swap."), "error")
        return _back(slug)
    a, b = pairs.pair_of(round_, first), pairs.pair_of(round_, second)
    return _refusable(slug, lambda: pairs.swap(round_, a, b), _("Mentors swapped."))


@role_required(*KEEPERS)
def add_rule(slug: str) -> HttpResponse:
    round_ = round_or_404(slug)
    mentor_id, mentee_id = _int(request.form.get("mentor")), _int(request.form.get("mentee"))
    kind = request.form.get("kind", "")
    if mentor_id is None or mentee_id is None or kind not in {k.value for k in RuleKind}:
        flash(_("Choose a mentor, a mentee and pin or forbid."), "error")
        return _back(slug)
    mentor, mentee = participant_of(round_, mentor_id), participant_of(round_, mentee_id)
    done = _("Pair pinned.") if kind == RuleKind.PIN else _("Pair forbidden.")
    return _refusable(slug, lambda: pairs.set_rule(round_, mentor, mentee, RuleKind(kind)), done)


@role_required(*KEEPERS)
def remove_rule(slug: str, rule_id: int) -> HttpResponse:
    pairs.remove_rule(round_or_404(slug), rule_id)
    flash(_("Rule removed."))
    return _back(slug)


@role_required(*KEEPERS)
def pair_page(slug: str, pair_id: int) -> str:
    """One pair's sessions with their notes: the coordinator sees them, as the pair does."""
    round_ = round_or_404(slug)
    pair = pairs.pair_of(round_, pair_id)
    return render_template(
        "mentoring/pairs_detail.html", round=round_, pair=pair, sessions=sessions_of([pair.id])
    )


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None
