"""The matching pages: run, why, unmatched, accept, swap, pin, forbid, dissolve."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from survey_app.audit import AuditEvent
from survey_app.extensions import db
from survey_app.mentoring.models import Pair, PairRule, PairStatus, RuleKind

from .mentoring_pairs_helpers import accepted_pair, coordinator, make_round, person


@pytest.fixture
def seeded(app):
    """Two mentors (capacity 2), four mentees: one wants a code no mentor has, one is
    the supervisor's direct report, two fit."""
    round_ = make_round()
    mentors = [
        person(round_, "mentor", "Budi Santoso", competency_codes=["K1", "K2"]),
        person(round_, "mentor", "Siti Aminah", competency_codes=["K2", "K3"], opd="Bappeda"),
    ]
    mentees = [
        person(round_, "mentee", "Ani", competency_codes=["K1"]),
        person(
            round_,
            "mentee",
            "Dedi",
            competency_codes=["K3"],
            opd="Bappeda",
            supervisor_name="Siti Aminah",
        ),
        person(round_, "mentee", "Eka", competency_codes=["K2"]),
        person(round_, "mentee", "Fajar", competency_codes=["K9"]),
    ]
    db.session.commit()
    return round_, mentors, mentees


@pytest.fixture
def staff(make_user, login, app):
    return coordinator(make_user, login, app)


def suggested() -> list[Pair]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Pair).filter_by(status=PairStatus.SUGGESTED)))


def run(staff, slug="r1"):
    staff.get(f"/staff/mentoring/{slug}/pairs")
    return staff.post(f"/staff/mentoring/{slug}/pairs/run")


def test_matching_page_shows_pairs_with_parts_summing_to_the_score(staff, seeded):
    run(staff)
    body = staff.get("/staff/mentoring/r1/pairs").get_data(as_text=True)
    rows = re.findall(r'<tr class="suggested-pair".*?</tr>', body, re.S)
    assert len(rows) == 2  # Ani and Eka; Dedi and Fajar are left out
    for row in rows:
        parts = [float(v) for v in re.findall(r'class="part-value">([\d.]+)<', row)]
        score = float(re.search(r'class="num score">([\d.]+)<', row).group(1))
        assert len(parts) == 4 and sum(parts) == pytest.approx(score, abs=0.02)
    assert "Kesesuaian kompetensi" in body or "Competency fit" in body
    for pair in suggested():
        assert sum(pair.parts.values()) == pytest.approx(pair.score)


def test_unmatched_mentees_are_listed_with_their_reason(staff, seeded):
    run(staff)
    staff.get("/staff/mentoring/r1/pairs?lang=en")
    body = staff.get("/staff/mentoring/r1/pairs").get_data(as_text=True)
    unmatched = re.search(r'<ul class="unmatched">(.*?)</ul>', body, re.S).group(1)
    assert "Fajar" in unmatched and "No mentor offers any of the competencies" in unmatched
    assert "Dedi" in unmatched and "direct supervisor" in unmatched


def test_accept_all_then_re_run_keeps_accepted_pairs(staff, seeded):
    run(staff)
    staff.get("/staff/mentoring/r1/pairs")
    staff.post("/staff/mentoring/r1/pairs/accept-all")
    db.session.expire_all()
    accepted = {(p.mentor_id, p.mentee_id) for p in db.session.scalars(sa.select(Pair))}
    assert len(accepted) == 2 and suggested() == []
    run(staff)
    db.session.expire_all()
    pairs = list(db.session.scalars(sa.select(Pair)))
    assert {(p.mentor_id, p.mentee_id) for p in pairs if p.status == "accepted"} == accepted
    assert suggested() == []  # nobody left to match who can be matched


def test_accept_one_and_dissolve(staff, seeded):
    run(staff)
    first, second = suggested()
    staff.get("/staff/mentoring/r1/pairs")
    staff.post(f"/staff/mentoring/r1/pairs/{first.id}/accept")
    db.session.expire_all()
    assert db.session.get(Pair, first.id).status == PairStatus.ACCEPTED
    assert db.session.get(Pair, second.id).status == PairStatus.SUGGESTED
    staff.post(f"/staff/mentoring/r1/pairs/{first.id}/dissolve")
    db.session.expire_all()
    assert db.session.get(Pair, first.id).status == PairStatus.DISSOLVED
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"mentoring.match", "mentoring.pair_accept", "mentoring.pair_dissolve"} <= actions


def test_dissolving_a_suggestion_is_refused_with_a_message(staff, seeded):
    run(staff)
    pair = suggested()[0]
    staff.get("/staff/mentoring/r1/pairs?lang=en")
    response = staff.post(f"/staff/mentoring/r1/pairs/{pair.id}/dissolve")
    page = staff.get(response.location).get_data(as_text=True)
    assert "Only an accepted pair can be dissolved." in page
    db.session.expire_all()
    assert db.session.get(Pair, pair.id).status == PairStatus.SUGGESTED


def test_swap_re_scores_both_pairs(staff, app):
    round_ = make_round()
    m1 = person(round_, "mentor", "Budi", competency_codes=["K1", "K2"])
    m2 = person(round_, "mentor", "Siti", competency_codes=["K1", "K2"], opd="Bappeda")
    person(round_, "mentee", "Ani", competency_codes=["K1"])
    person(round_, "mentee", "Eka", competency_codes=["K2"], opd="Bappeda")
    round_.opd_preference = "same"
    db.session.commit()
    run(staff)
    a, b = suggested()
    before = {a.mentor_id: a.mentee_id, b.mentor_id: b.mentee_id}
    staff.get("/staff/mentoring/r1/pairs")
    staff.post("/staff/mentoring/r1/pairs/swap", {"first": a.id, "second": b.id})
    db.session.expire_all()
    a, b = db.session.get(Pair, a.id), db.session.get(Pair, b.id)
    assert {a.mentor_id: a.mentee_id, b.mentor_id: b.mentee_id} != before
    assert {a.mentor_id, b.mentor_id} == {m1.id, m2.id}
    for pair in (a, b):  # the optimum put each in their own OPD; swapped, neither is
        assert pair.parts["opd"] == 0 and pair.score == pytest.approx(sum(pair.parts.values()))


def test_swap_onto_an_exclusion_is_refused(staff, seeded):
    round_, (_budi, siti), (ani, _dedi, _eka, _fajar) = seeded
    db.session.add(
        PairRule(round_id=round_.id, mentor_id=siti.id, mentee_id=ani.id, kind=RuleKind.FORBID)
    )
    db.session.commit()
    run(staff)
    pairs = suggested()
    ani_pair = next(p for p in pairs if p.mentee_id == ani.id)
    other = next(p for p in pairs if p.mentor_id != ani_pair.mentor_id)
    staff.get("/staff/mentoring/r1/pairs?lang=en")
    response = staff.post(
        "/staff/mentoring/r1/pairs/swap", {"first": ani_pair.id, "second": other.id}
    )
    assert "This swap is not possible" in staff.get(response.location).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Pair, ani_pair.id).mentor_id == ani_pair.mentor_id


def test_pin_and_forbid_change_the_next_run(staff, seeded):
    _round, (_budi, siti), (_ani, dedi, eka, _fajar) = seeded
    run(staff)
    eka_mentor = next(p.mentor_id for p in suggested() if p.mentee_id == eka.id)
    staff.get("/staff/mentoring/r1/pairs")
    staff.post(
        "/staff/mentoring/r1/pairs/rules",
        {"mentor": eka_mentor, "mentee": eka.id, "kind": "forbid"},
    )
    run(staff)
    assert eka_mentor not in {p.mentor_id for p in suggested() if p.mentee_id == eka.id}
    staff.get("/staff/mentoring/r1/pairs")
    staff.post(
        "/staff/mentoring/r1/pairs/rules", {"mentor": siti.id, "mentee": dedi.id, "kind": "pin"}
    )
    run(staff)
    assert (siti.id, dedi.id) in {(p.mentor_id, p.mentee_id) for p in suggested()}
    rules = {(r.mentor_id, r.mentee_id, r.kind) for r in db.session.scalars(sa.select(PairRule))}
    assert (siti.id, dedi.id, RuleKind.PIN) in rules


def test_forbidding_an_accepted_pair_is_refused(staff, seeded):
    round_, (budi, _siti), (ani, *_rest) = seeded
    accepted_pair(round_, budi, ani)
    db.session.commit()
    staff.get("/staff/mentoring/r1/pairs?lang=en")
    response = staff.post(
        "/staff/mentoring/r1/pairs/rules", {"mentor": budi.id, "mentee": ani.id, "kind": "forbid"}
    )
    assert "dissolve it before forbidding it" in staff.get(response.location).get_data(as_text=True)
    assert db.session.scalars(sa.select(PairRule)).all() == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"mentor": "x", "mentee": "1", "kind": "pin"},
        {"mentor": "1", "mentee": "2", "kind": "marry"},
    ],
)
def test_bad_rule_input_gets_a_message(staff, seeded, data):
    staff.get("/staff/mentoring/r1/pairs?lang=en")
    response = staff.post("/staff/mentoring/r1/pairs/rules", data)
    assert response.status_code == 302
    assert "Choose a mentor, a mentee" in staff.get(response.location).get_data(as_text=True)


def test_a_pair_of_another_round_is_not_found(staff, seeded):
    other = make_round("r2")
    budi = person(other, "mentor", "Lain")
    ani = person(other, "mentee", "Lain Juga")
    pair = accepted_pair(other, budi, ani)
    db.session.commit()
    staff.get("/staff/mentoring/r1/pairs")
    assert staff.post(f"/staff/mentoring/r1/pairs/{pair.id}/dissolve").status_code == 404
    assert staff.get(f"/staff/mentoring/r1/pairs/{pair.id}").status_code == 404


def test_before_any_run_nobody_is_listed_as_left_over(staff, seeded):
    body = staff.get("/staff/mentoring/r1/pairs?lang=en").get_data(as_text=True)
    assert "Mentees without a pair" not in body and "No suggestions. Run the matching." in body


def test_a_contradictory_pin_is_reported_and_changes_nothing(staff, seeded):
    round_, (budi, siti), (ani, *_rest) = seeded
    for mentor in (budi, siti):  # the unique rule per pair allows both; the matching does not
        db.session.add(
            PairRule(round_id=round_.id, mentor_id=mentor.id, mentee_id=ani.id, kind=RuleKind.PIN)
        )
    db.session.commit()
    staff.get("/staff/mentoring/r1/pairs?lang=en")
    response = staff.post("/staff/mentoring/r1/pairs/run")
    page = staff.get(response.location).get_data(as_text=True)
    assert "The matching could not run: a mentee is pinned to more than one mentor" in page
    assert suggested() == []
