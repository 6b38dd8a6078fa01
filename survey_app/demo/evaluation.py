"""``flask demo seed-evaluation``: a monitoring loop to look at right after ``make run``.

Two yearly waves of the ``tna-asn`` needs survey (2025 and 2026) grouped in a series;
five training activities of 2025 targeting the top five needs of the 2025 wave, each
with an evaluation campaign on the ``training-evaluation`` form (created through the
training service) and synthetic answers. In the 2026 wave four of the five needs shrank;
the fifth did not, although its activity trained many of the people in need. One
activity was judged irrelevant (low relevance, no learning gain). So the flags page
shows a "need not reduced" flag and an irrelevant activity; one decision is recorded.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ..analysis.flags import NEED_NOT_REDUCED
from ..campaigns.asked import campaign_form
from ..campaigns.models import Access, Campaign
from ..campaigns.service import CampaignSettings, create_campaign, get_campaign
from ..monitoring.decisions import DecisionInput, record_decision
from ..monitoring.models import CampaignSeries
from ..monitoring.service import SeriesInput, create_series, get_series
from ..questionnaire import Answers, Form
from ..questionnaire.types.scale import Competency
from ..training.evaluation_service import EvaluationRequest, start_evaluation
from ..training.models import TrainingActivity
from ..training.service import ActivityInput, create_activity
from .seed import Tweak, seed_responses

SERIES = "akpk-tahunan"
WAVES = (("akpk-2025", "Survei AKPK 2025", 2025), ("akpk-2026", "Survei AKPK 2026", 2026))
#: ASN of the city: the population behind each wave's estimated headcount in need.
POPULATION = 2000
RESPONSES = 160
EVALUATION_RESPONSES = 30
#: Title, targeted code, provider, form, JP, participants, months (start, end) of 2025.
ACTIVITIES = (
    ("Pelatihan Perencanaan dan Penganggaran Berbasis Kinerja", "T.1",
     "BPSDM Provinsi Sumatera Utara", "teknis", 40, 420, (4, 5)),
    ("Bimtek Analisis Data untuk Kebijakan", "T.6", "BKPSDM Kota Medan", "bimtek", 24, 60, (5, 5)),
    ("Kursus Daring Pelindungan Data Pribadi dan Keamanan Informasi", "T.7",
     "LAN RI", "e_learning", 20, 80, (6, 7)),
    ("Lokakarya Standar Pelayanan dan Inovasi", "T.9", "BKPSDM Kota Medan", "lokakarya", 16, 45,
     (7, 7)),
    ("Seminar Manajemen Kinerja Pegawai", "T.8", "BKN Kantor Regional VI Medan", "seminar", 8,
     120, (8, 8)),
)  # fmt: skip
#: The competencies trained: the top needs of the 2025 wave (its answers make them so).
CODES = tuple(activity[1] for activity in ACTIVITIES)
#: The first activity's need does not shrink; the last activity is judged irrelevant.
NOT_SHRUNK, IRRELEVANT = 0, 4


class EvaluationDemoError(ValueError):
    """The demo series exists already, or a campaign it needs is taken."""


def seed_evaluation() -> CampaignSeries:
    """Everything above, flushed (the command commits); refuses to run twice."""
    if get_series(SERIES) is not None:
        raise EvaluationDemoError(f"the demo series '{SERIES}' exists already: nothing was added")
    slugs = [slug for slug, _, _ in WAVES] + [_evaluation_slug(i) for i in range(len(ACTIVITIES))]
    taken = [slug for slug in slugs if get_campaign(slug) is not None]
    if taken:
        raise EvaluationDemoError(f"campaign '{taken[0]}' exists already: nothing was added")
    first = _wave(*WAVES[0], seed=2025, change=_widening)
    second = _wave(*WAVES[1], seed=2026, change=_closing)
    series = create_series(SeriesInput(SERIES, "Survei AKPK tahunan", (first.slug, second.slug)))
    activities = [_activity(i, first) for i in range(len(ACTIVITIES))]
    for index, activity in enumerate(activities):
        _evaluate(activity, index, irrelevant=index == IRRELEVANT)
    record_decision(activities[NOT_SHRUNK], _decision(CODES[NOT_SHRUNK]), None)
    return series


def _wave(slug: str, title: str, year: int, seed: int, change: Change) -> Campaign:
    settings = CampaignSettings(
        "tna-asn",
        slug,
        title,
        opens_at=dt.datetime(year, 2, 1),
        closes_at=dt.datetime(year, 3, 1),
        population=POPULATION,
    )
    campaign = create_campaign(settings)
    form = campaign_form(campaign)
    seed_responses(campaign, form, RESPONSES, seed, _shifting(form, change))
    return campaign


Change = Callable[[str, random.Random], int]


def _widening(code: str, rng: random.Random) -> int:
    """The first wave: the trained competencies are the least mastered (the top needs)."""
    return -1 if code in CODES and rng.random() < 0.8 else 0


def _closing(code: str, rng: random.Random) -> int:
    """The second wave: mastery of the trained needs rose, but for the one not shrunk,
    where it fell a little."""
    if code == CODES[NOT_SHRUNK]:
        return -1 if rng.random() < 0.3 else 0
    return rng.choice((1, 2, 2)) if code in CODES else 0


def _shifting(form: Form, change: Change) -> Tweak:
    """Mastery of each competency moved by ``change``, kept between the scale's lowest
    point and the importance."""
    codes = {q.name: q.code for q in form.questions.values() if isinstance(q, Competency)}

    def tweak(answers: Answers, rng: random.Random) -> None:
        for name, value in list(answers.items()):
            if name in codes and isinstance(value, dict):
                delta = change(codes[name], rng)
                if delta:
                    moved = max(1, min(value["importance"], value["competence"] + delta))
                    answers[name] = {**value, "competence": moved}

    return tweak


def _activity(index: int, campaign: Campaign) -> TrainingActivity:
    title, code, provider, form, jp, participants, (start, end) = ACTIVITIES[index]
    data = ActivityInput(
        title=title,
        provider=provider,
        form=form,
        codes=(code,),
        starts_on=dt.date(2025, start, 3),
        ends_on=dt.date(2025, end, 28),
        jp=jp,
        participants=participants,
        campaign=campaign.slug,
    )
    return create_activity(data)


def _evaluate(activity: TrainingActivity, index: int, *, irrelevant: bool) -> None:
    start = dt.datetime(2025, ACTIVITIES[index][6][1] + 3, 1)
    request = EvaluationRequest(
        slug=_evaluation_slug(index),
        title=f"Evaluasi: {activity.title}",
        opens_at=start,
        closes_at=start + dt.timedelta(days=30),
        access=Access.OPEN,
    )
    campaign, _ = start_evaluation(activity, request)
    tweak = _irrelevant if irrelevant else None
    seed_responses(campaign, campaign_form(campaign), EVALUATION_RESPONSES, 100 + index, tweak)


def _evaluation_slug(index: int) -> str:
    return f"evaluasi-2025-{index + 1}"


def _irrelevant(answers: Answers, rng: random.Random) -> None:
    """Relevance 1-2 of 5, and "now" no better than "before" (give or take a point)."""
    answers["relevansi_materi"] = rng.choice((1, 1, 2, 2, 3))
    for name, value in list(answers.items()):
        if isinstance(value, dict) and "before" in value:
            before = value["before"]
            now = min(5, max(1, before + rng.choice((-1, 0, 0, 1))))
            answers[name] = {"before": before, "now": now}


def _decision(code: str) -> DecisionInput:
    return DecisionInput(
        rule=NEED_NOT_REDUCED,
        code=code,
        decision="adjust",
        what_to_change="Tambahkan praktik dengan dokumen anggaran OPD sendiri; kurangi ceramah.",
        note="Dibahas dengan BPSDM Provinsi.",
    )
