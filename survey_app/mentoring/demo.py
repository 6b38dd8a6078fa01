"""A demo mentoring round: open for enrolment today, 20 mentors and 60 mentees.

Plausible Medan names, OPDs, bands and competency codes, so that the matching has
choices: mentors are senior (golongan III-IV, 16+ years), mentees junior; a few mentees
want a competency no mentor offers, so some stay unmatched with a reason.
"""

from __future__ import annotations

import datetime as dt
import random

from ..clock import local_today
from .enrolment import EnrolmentInput, competency_choices, enrol
from .enrolment_fields import DAYS, OPDS, TIMES
from .models import MentoringRound, Participant
from .notice import NOTICE_VERSION
from .rounds import get_round
from .service import RoundInput, create_round

FIRST = [
    "Andi",
    "Budi",
    "Citra",
    "Dewi",
    "Eka",
    "Fajar",
    "Gita",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Maya",
    "Nanda",
    "Putri",
    "Rizky",
    "Sari",
    "Taufik",
    "Utami",
    "Wahyu",
    "Yusuf",
    "Zainal",
    "Rina",
    "Agus",
    "Fitri",
    "Hotma",
    "Ruth",
    "Bonar",
]
LAST = [
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Pohan",
    "Tanjung",
    "Hasibuan",
    "Ginting",
    "Sembiring",
    "Tarigan",
    "Manurung",
    "Pardede",
    "Saragih",
    "Purba",
    "Situmorang",
    "Rangkuti",
    "Daulay",
    "Batubara",
]
#: A handful of OPDs, so that same-OPD pairs are possible.
DEMO_OPDS = OPDS[:8] + OPDS[30:34]
MENTORS, MENTEES = 20, 60


class DemoError(ValueError):
    """The demo round cannot be made (say why)."""


def seed_round(slug: str = "mentoring-demo", seed: int = 7) -> MentoringRound:
    """Create the round ``slug`` and its enrolments; refuse an existing slug."""
    if get_round(slug) is not None:
        raise DemoError(f"round {slug} exists already")
    codes = [code for code, _label in competency_choices("id")]
    if len(codes) < 4:
        raise DemoError("no competency codes: load the questionnaires first")
    round = create_round(_settings(slug, local_today()))
    rng = random.Random(seed)
    names = _names(rng, MENTORS + MENTEES)
    offered, rare = codes[:-1], codes[-1]
    mentors = [_mentor(round, names[i], offered, rng) for i in range(MENTORS)]
    for i in range(MENTEES):
        _mentee(round, names[MENTORS + i], codes if i % 20 else [rare], mentors, rng)
    return round


def _settings(slug: str, today: dt.date) -> RoundInput:
    return RoundInput(
        title="Demo: Mentoring ASN Baru",
        slug=slug,
        enrol_opens_on=today,
        enrol_closes_on=today + dt.timedelta(days=14),
        starts_on=today + dt.timedelta(days=21),
        ends_on=today + dt.timedelta(days=21 + 180),
    )


def _names(rng: random.Random, count: int) -> list[str]:
    pool = [f"{first} {last}" for first in FIRST for last in LAST]
    return rng.sample(pool, count)


def _slots(rng: random.Random) -> tuple[str, ...]:
    days = rng.sample([f"{d}_{t}" for d in DAYS for t in TIMES], rng.randint(2, 5))
    return (*days, *rng.sample(["online", "in_person"], rng.randint(1, 2)))


def _mentor(round: MentoringRound, name: str, codes: list[str], rng: random.Random) -> Participant:
    entry = EnrolmentInput(
        role="mentor",
        name=name,
        contact=_contact(name),
        opd=rng.choice(DEMO_OPDS),
        position_type=rng.choice(["manajerial", "fungsional"]),
        grade_band=rng.choice(["III", "IV", "IV"]),
        service_band=rng.choice(["16-25", "26+"]),
        codes=tuple(rng.sample(codes, min(len(codes), rng.randint(3, 5)))),
        availability=_slots(rng),
    )
    return enrol(round, entry, NOTICE_VERSION)


def _mentee(
    round: MentoringRound,
    name: str,
    codes: list[str],
    mentors: list[Participant],
    rng: random.Random,
) -> None:
    boss = rng.choice(mentors) if rng.random() < 0.15 else None
    entry = EnrolmentInput(
        role="mentee",
        name=name,
        contact=_contact(name),
        opd=boss.opd if boss else rng.choice(DEMO_OPDS),
        position_type=rng.choice(["fungsional", "pelaksana", "pelaksana"]),
        grade_band=rng.choice(["I-II", "III", "III"]),
        service_band="0-5",
        codes=tuple(rng.sample(codes, min(len(codes), rng.randint(1, 3)))),
        availability=_slots(rng),
        supervisor=boss.name if boss else "",
    )
    enrol(round, entry, NOTICE_VERSION)


def _contact(name: str) -> str:
    return name.lower().replace(" ", ".") + "@pemkomedan.go.id"
