"""Same-page follow-ups without JavaScript: asked before the page is left, never lost."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from survey_app.campaigns.models import Campaign
from survey_app.campaigns.service import CampaignSettings, create_campaign
from survey_app.extensions import db
from survey_app.questionnaire import Form, parse_form, same_page
from survey_app.questionnaire.answers import appeared_questions
from survey_app.questionnaire.expressions.to_json import NotSerialisable, expression_to_json
from survey_app.questionnaire.same_page import Mode, page_layout
from survey_app.reports.responses import response_table
from survey_app.respond.models import Draft
from survey_app.versions.service import form_of, load_text

from .respondent import Respondent
from .same_page_helpers import outside_templates, page_answers, visible_fields

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "Pertanyaan tambahan muncul"
REVEALED = "revealed-questions"
PENGEMBANGAN, MENTORING = 3, 4


def tna() -> Form:
    return parse_form((ROOT / "questionnaires" / "tna-asn.yaml").read_text(encoding="utf-8"))


def draft_answers() -> dict[str, Any]:
    db.session.expire_all()
    [draft] = db.session.scalars(sa.select(Draft))
    return dict(draft.answers)


class Walker:
    """A respondent whose browser runs no JavaScript: it answers only what it sees."""

    def __init__(self, respondent: Respondent, form: Form, slug: str = "c1") -> None:
        self.respondent, self.form, self.slug = respondent, form, slug

    def html(self, page: int) -> str:
        return self.respondent.get(f"/s/{self.slug}/p/{page}").get_data(as_text=True)

    def post(self, page: int, answers: dict[str, Any], action: str = "next") -> Any:
        url = f"/s/{self.slug}/p/{page}"
        return self.respondent.post(url, {**answers, "action": action})

    def answer(self, page: int, **overrides: Any) -> Any:
        """Answer what the page shows (plus ``overrides``) and press a button."""
        return self.post(page, page_answers(self.form, page, self.html(page), **overrides))

    def through(self, last: int) -> None:
        for page in range(last):
            assert self.answer(page).status_code == 302


@pytest.fixture
def walker(make_campaign: Any, respondent: Respondent) -> Walker:
    make_campaign(form="tna-asn.yaml", min_cell_size=3)
    respondent.start("c1")
    return Walker(respondent, tna())


def test_without_javascript_a_follow_up_is_asked_before_leaving_and_exported(
    walker: Walker, runner: Any
):
    walker.through(PENGEMBANGAN)
    assert "alasan_jp_kurang" not in visible_fields(walker.html(PENGEMBANGAN))

    shown_again = walker.answer(PENGEMBANGAN, jp_12_bulan="0")
    body = shown_again.get_data(as_text=True)
    assert shown_again.status_code == 200
    assert NOTICE in body and 'href="#q-alasan_jp_kurang"' in body
    assert "alasan_jp_kurang" in visible_fields(body)
    assert "error-summary" not in body  # an optional question is not an error
    assert draft_answers()["jp_12_bulan"] == 0

    answers = page_answers(walker.form, PENGEMBANGAN, body, jp_12_bulan="0")
    assert answers["alasan_jp_kurang"] == ["tidak_ada_kesempatan"]
    moved_on = walker.post(PENGEMBANGAN, {**answers, "alasan_jp_kurang": ["anggaran", "informasi"]})
    assert moved_on.location.endswith("/s/c1/p/4")

    chosen = {"ingin_dimentori": "ya", "bersedia_mentor": "mungkin"}
    mentoring = walker.answer(MENTORING, **chosen)
    assert mentoring.status_code == 200  # both follow-ups at once
    assert {"mode_mentoring", "waktu_mentor"} <= visible_fields(mentoring.text)
    walker.answer(MENTORING, **chosen, mode_mentoring="campuran", waktu_mentor="jam_3_4")
    assert walker.answer(5).location.endswith("/s/c1/review")
    assert walker.respondent.submit("c1").location.endswith("/s/c1/thanks")

    campaign = db.session.scalars(sa.select(Campaign)).one()
    seeded = runner.invoke(args=["demo", "seed", "--campaign", "c1", "--responses", "2"])
    assert seeded.exit_code == 0, seeded.output  # the export needs min_cell_size (3) rows
    table = response_table(campaign, form_of(campaign.version))
    rows = [dict(zip(table.columns, cells, strict=True)) for cells in table.rows]
    [row] = [r for r in rows if r["alasan_jp_kurang"] == "anggaran informasi"]
    assert row["jp_12_bulan"] == 0 and row["alasan_jp_kurang"] == "anggaran informasi"
    assert row["alasan_jp_kurang/anggaran"] == 1.0 and row["waktu_mentor"] == "jam_3_4"
    assert row["mode_mentoring"] == "campuran" and row["bersedia_mentor"] == "mungkin"


def test_an_answer_without_follow_ups_moves_straight_on(walker: Walker):
    walker.through(PENGEMBANGAN)
    response = walker.answer(PENGEMBANGAN, jp_12_bulan="30")
    assert response.status_code == 302 and response.location.endswith("/s/c1/p/4")
    assert "alasan_jp_kurang" not in draft_answers()


def checked(html: str, name: str) -> set[str]:
    pattern = rf'name="{re.escape(name)}" value="([^"]+)"[^>]*\bchecked'
    return set(re.findall(pattern, outside_templates(html)))


def test_nothing_typed_is_lost_when_the_page_is_shown_again(walker: Walker):
    walker.through(PENGEMBANGAN)
    overrides = {
        "jp_12_bulan": "0",
        "bentuk_pengembangan": ["coaching", "elearning"],
        "prioritas_kompetensi/1": "T.6",
        "hambatan": ["tidak_ada", "anggaran"],  # breaks its constraint
    }
    response = walker.answer(PENGEMBANGAN, **overrides)
    body = response.get_data(as_text=True)
    assert response.status_code == 422  # the constraint; the follow-up is shown too
    assert NOTICE in body and "alasan_jp_kurang" in visible_fields(body)
    assert 'id="e-hambatan"' in body and 'id="e-alasan_jp_kurang"' not in body
    assert 'name="jp_12_bulan" value="0"' in body
    assert checked(body, "bentuk_pengembangan") == {"coaching", "elearning"}
    assert checked(body, "hambatan") == {"tidak_ada", "anggaran"}
    assert re.search(r'value="T\.6" selected', body)


def test_a_required_follow_up_shown_again_is_not_yet_an_error(make_campaign, respondent):
    make_campaign()  # tests/forms/mini.yaml: alasan_lain is required when 'lain' is chosen
    respondent.start("c1")
    response = respondent.page("c1", 2, {"jp": "10", "alasan": ["lain"]})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and NOTICE in body
    assert "alasan_lain" in visible_fields(body) and "error-summary" not in body
    again = respondent.page("c1", 2, {"jp": "10", "alasan": ["lain"]})  # seen, left empty
    assert again.status_code == 422 and 'id="e-alasan_lain"' in again.get_data(as_text=True)


def test_a_follow_up_the_script_showed_is_not_asked_again(walker: Walker):
    walker.through(PENGEMBANGAN)
    html = walker.html(PENGEMBANGAN)
    answers = page_answers(walker.form, PENGEMBANGAN, html, jp_12_bulan="0")
    response = walker.post(PENGEMBANGAN, {**answers, REVEALED: "alasan_jp_kurang"})
    assert response.status_code == 302 and response.location.endswith("/s/c1/p/4")


@pytest.mark.parametrize("revealed", ["jp_12_bulan status", "x" * 500, ""])
def test_revealed_names_of_other_questions_change_nothing(walker: Walker, revealed: str):
    walker.through(PENGEMBANGAN)
    answers = page_answers(walker.form, PENGEMBANGAN, walker.html(PENGEMBANGAN), jp_12_bulan="0")
    response = walker.post(PENGEMBANGAN, {**answers, REVEALED: revealed})
    assert response.status_code == 200 and NOTICE in response.get_data(as_text=True)


@pytest.mark.parametrize(("action", "status"), [("back", 302), ("save", 200)])
def test_back_and_save_are_never_held_and_the_follow_up_waits(walker: Walker, action, status):
    walker.through(PENGEMBANGAN)
    answers = page_answers(walker.form, PENGEMBANGAN, walker.html(PENGEMBANGAN), jp_12_bulan="0")
    response = walker.post(PENGEMBANGAN, answers, action=action)
    assert response.status_code == status and NOTICE not in response.get_data(as_text=True)
    assert draft_answers()["jp_12_bulan"] == 0
    assert "alasan_jp_kurang" in visible_fields(walker.html(PENGEMBANGAN))


def test_pages_without_same_page_logic_load_no_script(walker: Walker):
    assert "<script" not in walker.html(0)
    html = walker.html(PENGEMBANGAN)
    assert html.count("<script") == 2 and "data-skip-logic=" in html
    assert 'data-live-question="alasan_jp_kurang" hidden><template>' in html


DOCS_EXAMPLE = re.compile(r"## A complete small example\s+```yaml\n(.*?)```", re.DOTALL)


def test_the_complete_example_in_the_docs_asks_its_follow_up(app, respondent):
    docs = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    match = DOCS_EXAMPLE.search(docs)
    assert match, "the format doc lost its complete example"
    version = load_text(match.group(1), "evaluasi.yaml").version
    create_campaign(CampaignSettings(form_id=version.questionnaire.form_id, slug="ev"))
    db.session.commit()
    walker = Walker(respondent, form_of(version), slug="ev")
    respondent.start("ev")
    walker.through(1)
    response = walker.answer(1, hambatan=["lainnya"])
    assert response.status_code == 200 and "hambatan_lain" in visible_fields(response.text)
    finished = walker.answer(1, hambatan=["lainnya"], hambatan_lain="Jadwal padat")
    assert finished.location.endswith("/s/ev/review")
    assert draft_answers()["hambatan_lain"] == "Jadwal padat"


# --- the rule and the layout, without a server -----------------------------------------

MINI = parse_form((ROOT / "tests" / "forms" / "mini.yaml").read_text(encoding="utf-8"))
LAIN = MINI.sections[2]


@pytest.mark.parametrize(
    ("before", "after", "seen", "expected"),
    [
        ({}, {"jp": 10}, (), ["alasan"]),
        ({}, {"jp": 30}, (), []),  # not relevant
        ({"jp": 12}, {"jp": 10}, (), []),  # already shown when the page was rendered
        ({}, {"jp": 10}, ("alasan",), []),  # the script showed it
        ({}, {"jp": 10, "alasan": ["waktu"]}, (), []),  # answered
        ({}, {"jp": 10, "alasan": ["lain"]}, ("alasan",), ["alasan_lain"]),
        ({"status": "pns"}, {"status": "pns", "jp": 10}, (), ["alasan"]),
    ],
)
def test_a_follow_up_holds_the_page_only_when_newly_relevant_and_unseen(
    before, after, seen, expected
):
    assert appeared_questions(MINI, LAIN, before, after, seen) == expected


def test_a_page_lays_out_its_follow_ups_for_the_script():
    layout = page_layout(MINI, LAIN, {"jp": 10})
    modes = {item.question.name: item.mode for item in layout.items}
    assert modes["jp"] is Mode.SHOWN and modes["alasan"] is Mode.LIVE_SHOWN
    assert modes["alasan_lain"] is Mode.LIVE_HIDDEN
    assert layout.script is not None
    assert [q["name"] for q in layout.script["questions"]] == ["jp", "alasan", "alasan_lain"]
    assert layout.script["questions"][0]["constraint"] == ["chain", ["."], "<=", 400]
    assert page_layout(MINI, MINI.sections[0], {}).script is None


CONTEXT_FORM = """
form_id: ctx
version: "1"
title: Konteks
choice_lists:
  status: [{value: pns, label: PNS}, {value: pppk, label: PPPK}]
sections:
  - name: a
    title: A
    questions:
      - {name: status, type: select_one, choices: status, label: Status}
  - name: b
    title: B
    questions:
      - {name: jp, type: integer, label: JP}
      - {name: alasan, type: text, label: Alasan, relevant: "${status} = 'pns' and ${jp} < 20"}
"""


def test_answers_from_earlier_pages_travel_with_the_page():
    form = parse_form(CONTEXT_FORM)
    layout = page_layout(form, form.sections[1], {"status": "pns", "jp": 3})
    assert layout.script is not None and layout.script["context"] == {"status": "pns"}
    assert expression_to_json(form.relevant["alasan"]) == [
        "and",
        ["chain", ["$", "status"], "=", "pns"],
        ["chain", ["$", "jp"], "<", 20],
    ]


def test_a_page_the_script_cannot_mirror_is_left_to_the_server(monkeypatch):
    def refuse(expression: Any) -> Any:
        raise NotSerialisable("SomeNewNode")

    monkeypatch.setattr(same_page, "expression_to_json", refuse)
    layout = page_layout(MINI, LAIN, {})
    assert layout.script is None
    names = [item.question.name for item in layout.items]
    assert names == ["info", "jp", "prioritas", "nilai", "tanggal", "saran"]
    assert {item.mode for item in layout.items} == {Mode.SHOWN}
