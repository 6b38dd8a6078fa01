"""A training activity: what was delivered, to how many, against which competencies.

No link to responses or drafts: an activity names competency codes, never people. The
needs campaign that motivated it is optional.
"""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import Base


class DevelopmentForm(enum.StrEnum):
    """The forms of competency development of Peraturan LAN 10/2018."""

    LEADERSHIP = "kepemimpinan"
    MANAGERIAL = "manajerial"
    TECHNICAL = "teknis"
    FUNCTIONAL = "fungsional"
    SOCIOCULTURAL = "sosial_kultural"
    SEMINAR = "seminar"
    WORKSHOP = "lokakarya"
    COURSE = "kursus"
    BIMTEK = "bimtek"
    SOSIALISASI = "sosialisasi"
    COACHING = "coaching"
    MENTORING = "mentoring"
    E_LEARNING = "e_learning"
    DISTANCE = "jarak_jauh"
    SECONDMENT = "detasering"
    BENCHMARKING = "patok_banding"
    EXCHANGE = "pertukaran"
    SELF_STUDY = "belajar_mandiri"
    COMMUNITY = "komunitas_belajar"
    ON_THE_JOB = "bimbingan_kerja"
    INTERNSHIP = "magang"


KLASIKAL = frozenset(list(DevelopmentForm)[:10])

FORM_LABELS = {
    DevelopmentForm.LEADERSHIP: _l("Leadership training"),
    DevelopmentForm.MANAGERIAL: _l("Managerial training"),
    DevelopmentForm.TECHNICAL: _l("Technical training"),
    DevelopmentForm.FUNCTIONAL: _l("Functional training"),
    DevelopmentForm.SOCIOCULTURAL: _l("Socio-cultural training"),
    DevelopmentForm.SEMINAR: _l("Seminar"),
    DevelopmentForm.WORKSHOP: _l("Workshop"),
    DevelopmentForm.COURSE: _l("Course"),
    DevelopmentForm.BIMTEK: _l("Technical guidance (bimtek)"),
    DevelopmentForm.SOSIALISASI: _l("Socialization"),
    DevelopmentForm.COACHING: _l("Coaching"),
    DevelopmentForm.MENTORING: _l("Mentoring"),
    DevelopmentForm.E_LEARNING: _l("E-learning"),
    DevelopmentForm.DISTANCE: _l("Distance learning"),
    DevelopmentForm.SECONDMENT: _l("Secondment (detasering)"),
    DevelopmentForm.BENCHMARKING: _l("Benchmarking"),
    DevelopmentForm.EXCHANGE: _l("Exchange with a private firm or state enterprise"),
    DevelopmentForm.SELF_STUDY: _l("Self-study"),
    DevelopmentForm.COMMUNITY: _l("Community of practice"),
    DevelopmentForm.ON_THE_JOB: _l("On-the-job guidance"),
    DevelopmentForm.INTERNSHIP: _l("Internship (magang)"),
}


def form_label(form: DevelopmentForm) -> str:
    """``"Klasikal: Seminar"``: the kind and the form, in the reader's language."""
    kind = _l("Classical") if form in KLASIKAL else _l("Non-classical")
    return f"{kind}: {FORM_LABELS[form]}"


class TrainingActivity(Base):
    __tablename__ = "training_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    provider: Mapped[str] = mapped_column(sa.String(200))
    form: Mapped[DevelopmentForm] = mapped_column(
        sa.Enum(
            DevelopmentForm,
            native_enum=False,
            length=24,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    #: The competency codes it targets (codes of loaded questionnaire versions).
    competency_codes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    #: Jam pelajaran delivered (1 JP = 45 minutes).
    jp: Mapped[int]
    participants: Mapped[int]
    #: The needs survey whose priorities motivated it, if any.
    campaign_id: Mapped[int | None] = mapped_column(sa.ForeignKey("campaign.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    campaign: Mapped[Campaign | None] = relationship()


class TrainingEvaluation(Base):
    """Which activity a campaign evaluates; says nothing about who answered."""

    __tablename__ = "training_evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), unique=True
    )
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_activity.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    campaign: Mapped[Campaign] = relationship(lazy="joined", innerjoin=True)
    activity: Mapped[TrainingActivity] = relationship()
