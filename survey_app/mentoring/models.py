"""The mentoring programme's named data: rounds, participants, pairs, session logs.

Not anonymous, by design: people enrol by name with consent. These tables have no
foreign key to anything on the anonymous side (campaigns, invitations, drafts,
responses), and nothing there points here; ``tests/test_mentoring_schema.py`` proves it.
Withdrawal deletes the participant; their pairs lose that side (``SET NULL``) and the
pair's notes are blanked by the service, so the partner's credited JP survive.
"""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import Base


def _enum(cls: type[enum.StrEnum], length: int) -> sa.Enum:
    return sa.Enum(
        cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class OpdPreference(enum.StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    ANY = "any"


class ParticipantRole(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class PairStatus(enum.StrEnum):
    #: Proposed by the matching, not yet accepted by the coordinator.
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    #: Ended early by the coordinator or by a withdrawal.
    DISSOLVED = "dissolved"


class RuleKind(enum.StrEnum):
    PIN = "pin"
    FORBID = "forbid"


class MentoringRound(Base):
    __tablename__ = "mentoring_round"
    __table_args__ = (
        sa.CheckConstraint("enrol_closes_on >= enrol_opens_on", name="enrolment_period_ordered"),
        sa.CheckConstraint("ends_on >= starts_on", name="round_period_ordered"),
        sa.CheckConstraint("jp_per_session > 0", name="jp_per_session_positive"),
        sa.CheckConstraint("max_sessions_per_month > 0", name="monthly_cap_positive"),
        sa.CheckConstraint("mentees_per_mentor > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    enrol_opens_on: Mapped[dt.date]
    enrol_closes_on: Mapped[dt.date]
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    #: JP credited per logged session (a common conversion: 1 session = 2 JP).
    jp_per_session: Mapped[int] = mapped_column(default=2)
    #: Sessions per pair and calendar month that earn JP.
    max_sessions_per_month: Mapped[int] = mapped_column(default=2)
    mentees_per_mentor: Mapped[int] = mapped_column(default=3)
    opd_preference: Mapped[OpdPreference] = mapped_column(
        _enum(OpdPreference, 12), default=OpdPreference.ANY
    )
    #: The matching score's weights by part name (documented in docs/mentoring.md).
    weights: Mapped[dict[str, float]] = mapped_column(sa.JSON, default=dict)
    #: Pairs without a logged session for this many weeks are flagged as silent.
    silent_after_weeks: Mapped[int] = mapped_column(default=4)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[dt.datetime | None]


class Participant(Base):
    """One enrolment: a mentor or a mentee of one round, by name, with consent."""

    __tablename__ = "mentoring_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mentoring_round.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ParticipantRole] = mapped_column(_enum(ParticipantRole, 8))
    name: Mapped[str] = mapped_column(sa.String(120))
    #: Where the coordinator sends the personal link (e-mail or phone).
    contact: Mapped[str] = mapped_column(sa.String(254), default="")
    opd: Mapped[str] = mapped_column(sa.String(120))
    #: manajerial / fungsional / pelaksana.
    position_type: Mapped[str] = mapped_column(sa.String(16))
    #: Grade band, ordered: "I-II" < "III" < "IV".
    grade_band: Mapped[str] = mapped_column(sa.String(8))
    #: Years-of-service band, ordered (the bands of the needs survey).
    service_band: Mapped[str] = mapped_column(sa.String(8))
    #: Competency codes: a mentor's strengths, a mentee's wanted development.
    competency_codes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: Availability slots such as "mon_am", "online", "in_person".
    availability: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: A mentee's direct supervisor (a mentor of that name in that OPD is never matched).
    supervisor_name: Mapped[str] = mapped_column(sa.String(120), default="")
    #: When consent was given, and to which version of the privacy notice.
    consented_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    notice_version: Mapped[str] = mapped_column(sa.String(16))
    #: SHA-256 of the personal link's token; ``None`` when revoked or never issued.
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    token_expires_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    round: Mapped[MentoringRound] = relationship()


class PairRule(Base):
    """A coordinator's pin (always pair) or forbid (never pair)."""

    __tablename__ = "mentoring_pair_rule"
    __table_args__ = (sa.UniqueConstraint("mentor_id", "mentee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mentoring_round.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mentoring_participant.id", ondelete="CASCADE")
    )
    mentee_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mentoring_participant.id", ondelete="CASCADE")
    )
    kind: Mapped[RuleKind] = mapped_column(_enum(RuleKind, 8))


class Pair(Base):
    __tablename__ = "mentoring_pair"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mentoring_round.id", ondelete="CASCADE"), index=True
    )
    #: ``None`` once that participant has withdrawn.
    mentor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("mentoring_participant.id", ondelete="SET NULL"), index=True
    )
    mentee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("mentoring_participant.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[PairStatus] = mapped_column(_enum(PairStatus, 12), default=PairStatus.SUGGESTED)
    score: Mapped[float]
    #: The score's parts by name (they sum to ``score``): why the pair was made.
    parts: Mapped[dict[str, float]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[dt.datetime | None]

    mentor: Mapped[Participant | None] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Participant | None] = relationship(foreign_keys=[mentee_id])


class SessionLog(Base):
    """A mentoring session as the pair logged it; seen by the pair and the coordinator."""

    __tablename__ = "mentoring_session"
    __table_args__ = (sa.CheckConstraint("minutes > 0", name="minutes_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mentoring_pair.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[dt.date]
    minutes: Mapped[int]
    #: Competency codes the session worked on.
    topics: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    note: Mapped[str] = mapped_column(sa.String(1000), default="")
    #: Which side logged it: "mentor" or "mentee".
    logged_by: Mapped[ParticipantRole] = mapped_column(_enum(ParticipantRole, 8))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
