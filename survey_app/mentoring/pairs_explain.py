"""Why a pair was suggested, and why a mentee was left unmatched, in words.

The score's parts come from :mod:`.matching` (stored on the pair); here each part gets
its name, its value out of its weight, and the facts behind it (the shared codes and
times, the two grade bands, the OPDs), so the coordinator can judge the suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .matching import PARTS, weights_from
from .models import MentoringRound, Pair, Participant

PART_LABELS = {
    "fit": _l("Competency fit"),
    "seniority": _l("Seniority"),
    "opd": _l("OPD preference"),
    "availability": _l("Shared availability"),
}
REASON_TEXT = {
    "no_mentors": _l("The round has no mentors."),
    "no_competency": _l("No mentor offers any of the competencies this mentee wants."),
    "seniority": _l("No mentor with a wanted competency outranks this mentee."),
    "availability": _l("No such mentor shares any available time with this mentee."),
    "excluded": _l("Every such mentor is the direct supervisor or a forbidden pair."),
    "capacity": _l("Every possible mentor's places went to other mentees."),
}


@dataclass(frozen=True)
class Part:
    label: str
    value: float
    weight: float
    detail: str


def reason_text(reason: str) -> str:
    return str(REASON_TEXT.get(reason, reason))


def explain(pair: Pair, round_: MentoringRound) -> list[Part]:
    """The pair's stored parts, in the matching's order, with their facts."""
    weights = weights_from(round_.weights)
    mentor, mentee = pair.mentor, pair.mentee
    return [
        Part(
            str(PART_LABELS[name]),
            float(pair.parts.get(name, 0.0)),
            float(getattr(weights, name)),
            _detail(name, mentor, mentee) if mentor and mentee else "",
        )
        for name in PARTS
    ]


def _detail(name: str, mentor: Participant, mentee: Participant) -> str:
    if name == "fit":
        shared = sorted(set(mentor.competency_codes) & set(mentee.competency_codes))
        return str(
            _(
                "%(shared)s of the %(wanted)d wanted",
                shared=", ".join(shared) or "-",
                wanted=len(mentee.competency_codes),
            )
        )
    if name == "seniority":
        return str(
            _(
                "grade %(mentor)s / %(mentee)s, service %(ms)s / %(es)s",
                mentor=mentor.grade_band,
                mentee=mentee.grade_band,
                ms=mentor.service_band,
                es=mentee.service_band,
            )
        )
    if name == "opd":
        same = mentor.opd.strip().casefold() == mentee.opd.strip().casefold()
        return str(_("same OPD") if same else _("different OPDs"))
    shared = sorted(set(mentor.availability) & set(mentee.availability))
    return ", ".join(shared) or str(_("no common time given"))
