"""A campaign series (waves of one questionnaire form) and the evaluators' decisions.

A series names campaigns, never people. Its waves are ordered when read (by the
campaigns' opening date, else their creation), so adding a wave never renumbers others.
"""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..campaigns.models import Campaign
from ..clock import utcnow
from ..extensions import Base

#: The flag rules a decision answers (section 4 of the monitoring issue).
RULES = ("low_relevance", "no_learning_gain", "need_not_reduced")


class CampaignSeries(Base):
    __tablename__ = "campaign_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The address of its page, /staff/monitoring/series/SLUG.
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    waves: Mapped[list[SeriesWave]] = relationship(
        back_populates="series", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def campaigns(self) -> list[Campaign]:
        """The waves' campaigns, oldest first (:func:`wave_order`)."""
        return sorted((wave.campaign for wave in self.waves), key=wave_order)


def wave_order(campaign: Campaign) -> tuple[dt.datetime, dt.datetime, int]:
    """Opening date, else creation; creation and id break ties."""
    return (campaign.opens_at or campaign.created_at, campaign.created_at, campaign.id)


class SeriesWave(Base):
    __tablename__ = "campaign_series_wave"
    __table_args__ = (sa.UniqueConstraint("series_id", "campaign_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign_series.id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )

    series: Mapped[CampaignSeries] = relationship(back_populates="waves")
    campaign: Mapped[Campaign] = relationship(lazy="joined", innerjoin=True)


class Decision(enum.StrEnum):
    ADJUST = "adjust"
    KEEP = "keep"
    RETIRE = "retire"


class EvaluationDecision(Base):
    """An evaluator's answer to one flag of a training activity (audited by its service)."""

    __tablename__ = "evaluation_decision"
    __table_args__ = (
        sa.CheckConstraint(
            "rule IN ('low_relevance', 'no_learning_gain', 'need_not_reduced')", name="known_rule"
        ),
        sa.CheckConstraint(
            "decision <> 'adjust' OR (what_to_change IS NOT NULL AND what_to_change <> '')",
            name="adjust_says_what",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_activity.id", ondelete="CASCADE"), index=True
    )
    #: One of :data:`RULES`.
    rule: Mapped[str] = mapped_column(sa.String(32))
    #: The competency the flag is about, if it is about one.
    code: Mapped[str | None] = mapped_column(sa.String(32))
    decision: Mapped[Decision] = mapped_column(
        sa.Enum(
            Decision, native_enum=False, length=8, values_callable=lambda e: [m.value for m in e]
        )
    )
    #: Required when the decision is to adjust the material.
    what_to_change: Mapped[str | None] = mapped_column(sa.Text)
    note: Mapped[str | None] = mapped_column(sa.Text)
    decided_by: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_user.id", ondelete="SET NULL"), index=True
    )
    decided_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The evaluation period, e.g. "2027".
    period: Mapped[str | None] = mapped_column(sa.String(16))


class EvaluationComment(Base):
    """An open answer of an evaluation campaign as screened by staff (names removed).

    Only the screened text is ever shown. ``source_digest`` names the original answer
    (:func:`~survey_app.monitoring.comments.answer_digest`), so an answer that changed or
    was deleted since drops out; the table holds no link to a response.
    """

    __tablename__ = "evaluation_comment"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "source_digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"))
    #: SHA-256 of the campaign, the question and the original text.
    source_digest: Mapped[str] = mapped_column(sa.String(64))
    #: At most 500 characters (:data:`~survey_app.monitoring.comments.MAX_TEXT`).
    screened_text: Mapped[str] = mapped_column(sa.String(500))
    screened_by: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_user.id", ondelete="SET NULL"), index=True
    )
    screened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
