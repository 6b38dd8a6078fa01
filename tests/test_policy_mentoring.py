"""Section 6 of the policy draft: the programme's status in aggregate counts (from the
mentoring tables) and the anonymous end-of-round evaluation (from the results layer
only), suppressed below the campaign's minimum cell size, by role only when both
groups are large enough; in Indonesian and in English."""

from __future__ import annotations

import ast
import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from survey_app.analysis import wilson_interval
from survey_app.campaigns.models import Campaign
from survey_app.extensions import db
from survey_app.mentoring.models import (
    MentoringRound,
    Pair,
    PairStatus,
    Participant,
    ParticipantRole,
    SessionLog,
)
from survey_app.mentoring.summary import ProgrammeStatus, programme_status
from survey_app.policy.blocks import Bullets, Heading, Paragraph, Table
from survey_app.policy.draft import build_draft
from survey_app.respond.models import Response
from survey_app.versions.cache import form_of

ROOT = Path(__file__).resolve().parent.parent
ITEMS = (
    "topik_relevan",
    "frekuensi_memadai",
    "membantu_adaptasi",
    "komitmen_pasangan",
    "akan_merekomendasikan",
)


def section_six(campaign: Campaign, language: str) -> list[str]:
    """Every text of section 6, block by block, tables cell by cell."""
    section = next(s for s in build_draft(campaign, language).sections if s.number == 6)
    texts: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph | Heading):
            texts.append(block.text)
        elif isinstance(block, Bullets):
            texts += block.items
        elif isinstance(block, Table):
            texts += [block.caption, block.note, *block.header]
            texts += [cell for row in block.rows for cell in row]
    return texts


@pytest.fixture
def needs(make_campaign) -> Campaign:  # type: ignore[no-untyped-def]
    return make_campaign(form="tna-asn.yaml", slug="akpk")


@pytest.fixture
def evaluation(make_campaign) -> Callable[..., Campaign]:  # type: ignore[no-untyped-def]
    """``evaluation([(role, [5 ratings]), ...])``: the bundled form with these responses."""

    def make(answers: list[tuple[str, list[int]]], min_cell_size: int = 5) -> Campaign:
        campaign = make_campaign(
            form="mentoring-evaluation.yaml", slug="evaluasi", min_cell_size=min_cell_size
        )
        form = form_of(campaign.version)
        for role, ratings in answers:
            given: dict[str, Any] = {"peran": role, **dict(zip(ITEMS, ratings, strict=True))}
            db.session.add(
                Response(
                    id=uuid.uuid4(),
                    campaign_id=campaign.id,
                    submitted_on=dt.date(2026, 12, 1),
                    answers=given,
                    numeric=form.numeric_vector(given),
                    group_codes=form.group_codes(given),
                )
            )
        db.session.commit()
        return campaign

    return make


def programme(sessions: list[dt.date]) -> None:
    """One round; an accepted pair with ``sessions``, a dissolved one with one session,
    a merely suggested one (not counted)."""
    round_ = MentoringRound(
        slug="r1",
        title="Putaran 1",
        enrol_opens_on=dt.date(2026, 1, 1),
        enrol_closes_on=dt.date(2026, 1, 31),
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 7, 31),
    )
    people = [
        Participant(
            round=round_,
            role=role,
            name=f"Nama {i}",
            opd="Bappeda",
            position_type="fungsional",
            grade_band="III",
            service_band="mk_6_15",
            notice_version="1",
        )
        for i, role in enumerate([ParticipantRole.MENTOR] + [ParticipantRole.MENTEE] * 3)
    ]
    db.session.add_all([round_, *people])
    db.session.flush()
    statuses = [PairStatus.ACCEPTED, PairStatus.DISSOLVED, PairStatus.SUGGESTED]
    pairs = [
        Pair(round_id=round_.id, mentor_id=people[0].id, mentee_id=mentee.id, status=s, score=1.0)
        for mentee, s in zip(people[1:], statuses, strict=True)
    ]
    db.session.add_all(pairs)
    db.session.flush()
    logs = [(pairs[0], day) for day in sessions] + [(pairs[1], dt.date(2026, 3, 3))]
    db.session.add_all(
        SessionLog(pair_id=p.id, held_on=day, minutes=60, logged_by=ParticipantRole.MENTEE)
        for p, day in logs
    )
    db.session.commit()


def test_status_counts_rounds_pairs_sessions_and_capped_jp(needs) -> None:  # type: ignore[no-untyped-def]
    # Three February sessions: two credited (cap 2 x 2 JP); one in March; the dissolved
    # pair keeps its session's 2 JP.
    programme([dt.date(2026, 2, d) for d in (2, 9, 16)] + [dt.date(2026, 3, 2)])
    assert programme_status() == ProgrammeStatus(rounds=1, accepted_pairs=2, sessions=5, jp=8)
    english = " ".join(section_six(needs, "en"))
    assert (
        "Mentoring rounds opened: 1. Pairs accepted: 2. Sessions logged: 5. JP credited: 8"
        in english
    )
    indonesian = " ".join(section_six(needs, "id"))
    assert "Putaran mentoring yang dibuka: 1" in indonesian and "JP yang diakui: 8" in indonesian


def test_without_rounds_or_evaluation_the_section_says_so(needs) -> None:  # type: ignore[no-untyped-def]
    texts = section_six(needs, "en")
    assert "No mentoring round has been opened in the application yet." in texts
    assert any(text.startswith("No end-of-round evaluation yet") for text in texts)
    assert programme_status() == ProgrammeStatus(0, 0, 0, 0)


def test_shares_agreeing_overall_and_by_role_with_wilson_intervals(needs, evaluation) -> None:  # type: ignore[no-untyped-def]
    # topik_relevan: mentors 5 of 6 agree, mentees 3 of 6 (a 3 is neutral, not agreeing).
    answers = [("mentor", [5, 4, 4, 4, 4])] * 5 + [("mentor", [2, 4, 4, 4, 4])]
    answers += [("mentee", [4, 3, 3, 3, 3])] * 3 + [("mentee", [3, 5, 5, 5, 5])] * 3
    evaluation(answers)
    texts = section_six(needs, "en")
    assert "All (n = 12)" in texts and "Mentor (n = 6)" in texts and "Mentee (n = 6)" in texts
    row = texts.index("The topics discussed in the mentoring matched what the job requires.")
    low, high = wilson_interval(8 / 12, 12)
    assert texts[row + 1] == f"67% ({low:.0%}\N{EN DASH}{high:.0%})"
    low, high = wilson_interval(5 / 6, 6)
    assert texts[row + 2] == f"83% ({low:.0%}\N{EN DASH}{high:.0%})"
    assert texts[row + 3].startswith("50% (")
    indonesian = section_six(needs, "id")
    assert "Topik yang dibahas dalam mentoring sesuai dengan kebutuhan pekerjaan." in indonesian


def test_a_small_role_group_is_not_shown_by_role(needs, evaluation) -> None:  # type: ignore[no-untyped-def]
    evaluation([("mentee", [4] * 5)] * 9 + [("mentor", [2] * 5)] * 2)
    texts = section_six(needs, "en")
    assert "All (n = 11)" in texts
    assert not any(text.startswith(("Mentor (n", "Mentee (n")) for text in texts)
    row = texts.index("We met often enough.")
    assert texts[row + 1].startswith("82% (")  # 9 of 11; the mentors' 2 cannot be derived


def test_too_few_responses_show_no_figures(needs, evaluation) -> None:  # type: ignore[no-untyped-def]
    evaluation([("mentee", [5] * 5)] * 4, min_cell_size=5)
    texts = section_six(needs, "en")
    assert any("has 4 responses: its results are shown from 5 responses" in t for t in texts)
    assert "We met often enough." not in texts


def test_the_evaluation_reader_never_touches_the_named_side() -> None:
    """The anonymous evaluation and the mentoring tables never meet in one module."""
    source = (ROOT / "survey_app/policy/mentoring_evaluation.py").read_text(encoding="utf-8")
    imported = [
        node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    ]
    assert imported and not [name for name in imported if "mentoring" in name]
