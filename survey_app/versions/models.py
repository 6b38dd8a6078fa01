"""A questionnaire (one ``form_id``) and its immutable versions."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..extensions import Base


class Questionnaire(Base):
    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The ``form_id`` of the YAML file; one row per form, many versions.
    form_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: ``survey`` or ``focus_group``; fixed for the form's life.
    kind: Mapped[str] = mapped_column(sa.String(16), default="survey", server_default="survey")
    versions: Mapped[list[QuestionnaireVersion]] = relationship(
        back_populates="questionnaire", order_by="QuestionnaireVersion.number"
    )


class QuestionnaireVersion(Base):
    __tablename__ = "questionnaire_version"
    __table_args__ = (
        sa.UniqueConstraint("questionnaire_id", "number"),
        sa.UniqueConstraint("questionnaire_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire.id"))
    #: 1, 2, 3 ... within the questionnaire, in load order.
    number: Mapped[int]
    #: The author's own ``version`` label from the file.
    label: Mapped[str] = mapped_column(sa.String(32))
    #: SHA-256 of the parsed content; identifies the version.
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    #: The YAML text as loaded; parsed again only when a process first needs it.
    source: Mapped[str] = deferred(mapped_column(sa.Text))
    source_name: Mapped[str] = mapped_column(sa.String(255))
    loaded_at: Mapped[dt.datetime] = mapped_column(default=lambda: dt.datetime.now(dt.UTC))

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="versions")
