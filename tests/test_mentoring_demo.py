"""``flask demo seed-mentoring``: a round open today, 20 mentors and 60 mentees."""

from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.mentoring.enrolment import EnrolmentInput, check, competency_choices, is_open
from survey_app.mentoring.matching_service import unmatched_reasons
from survey_app.mentoring.models import MentoringRound, Participant


@pytest.mark.slow
def test_the_demo_round_is_open_with_plausible_enrolments(runner):
    result = runner.invoke(args=["demo", "seed-mentoring", "--round", "demo-m"])
    assert result.exit_code == 0, result.output
    round = db.session.scalars(sa.select(MentoringRound).filter_by(slug="demo-m")).one()
    assert is_open(round)
    people = list(db.session.scalars(sa.select(Participant)))
    assert Counter(p.role.value for p in people) == {"mentor": 20, "mentee": 60}
    codes = {code for code, _label in competency_choices("id")}
    for p in people:
        entry = EnrolmentInput(
            p.role.value,
            p.name,
            p.contact,
            p.opd,
            p.position_type,
            p.grade_band,
            p.service_band,
            tuple(p.competency_codes),
            tuple(p.availability),
            p.supervisor_name,
        )
        assert check(entry, codes) == {}, p.name
    mentors = [p for p in people if p.role.value == "mentor"]
    mentees = sorted((p for p in people if p.role.value == "mentee"), key=lambda p: p.id)
    offered = {code for m in mentors for code in m.competency_codes}
    # by design no mentor offers the catalogue's last competency and every 20th mentee
    # wants only that one: they are unmatched with that reason, and nobody else is
    rare = competency_choices("id")[-1][0]
    assert rare not in offered
    assert all(m.competency_codes == [rare] for m in mentees[::20])
    wanted_only = [m for m in mentees if not set(m.competency_codes) & offered]
    assert all(m.competency_codes == [rare] for m in wanted_only)
    reasons = unmatched_reasons(round, mentees)
    assert {m.id for m in mentees if reasons[m.id] == "no_competency"} == {
        m.id for m in wanted_only
    }
    assert set(mentees[::20]) <= set(wanted_only)
    assert len({p.opd for p in people}) > 3 and len({p.name for p in people}) == 80
    again = runner.invoke(args=["demo", "seed-mentoring", "--round", "demo-m"])
    assert again.exit_code != 0 and "exists already" in again.output
