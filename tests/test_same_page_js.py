"""The browser's skip logic agrees with the server's, and works live in Chromium."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from survey_app.extensions import db
from survey_app.questionnaire import Form, parse_any, read_section
from survey_app.questionnaire.expressions import Expression, parse_expression
from survey_app.questionnaire.expressions.to_json import expression_to_json
from survey_app.questionnaire.expressions.values import to_str, truthy
from survey_app.questionnaire.same_page import live_questions, page_layout
from survey_app.questionnaire.types import Question
from survey_app.questionnaire.types.choice import ChoiceQuestion
from survey_app.respond.models import Response

from .browser_helpers import submit
from .conftest import CHROMIUM, CHROMIUM_ARGS
from .test_e2e_browser import answer_page

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "survey_app" / "static" / "js"
DOCS_EXAMPLE = re.compile(r"## A complete small example\s+```yaml\n(.*?)```", re.DOTALL)


def bundled_forms() -> list[Form]:
    """The bundled survey and session form, the test form and the docs' complete example."""
    texts = [
        (ROOT / "questionnaires" / "tna-asn.yaml").read_text(encoding="utf-8"),
        (ROOT / "questionnaires" / "fgd-karier.yaml").read_text(encoding="utf-8"),
        (ROOT / "tests" / "forms" / "mini.yaml").read_text(encoding="utf-8"),
    ]
    docs = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    texts.append(DOCS_EXAMPLE.search(docs).group(1))  # type: ignore[union-attr]
    parsed = [parse_any(text) for text in texts]
    return [getattr(form, "details", form) for form in parsed]


@pytest.fixture(scope="module")
def js(browser_once: Any) -> Any:
    """A blank page with the two scripts loaded, as the survey page loads them."""
    page = browser_once.new_page()
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(SCRIPTS / "expressions.js"))
    page.add_script_tag(path=str(SCRIPTS / "skip-logic.js"))
    return page


@pytest.fixture(scope="module")
def browser_once() -> Iterator[Any]:
    """One Chromium for the module (two Playwright instances cannot run at once)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI ({CHROMIUM})")
        pytest.skip(f"Chromium not found at {CHROMIUM}; set CHROMIUM")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- the evaluator ---------------------------------------------------------------------

VALUES: list[Any] = [
    None, "", [], 0, 1, 19, 20, 20.0, 2.5, -3, 0.00001, 12345678, 1e300, True, False,
    "20", " 7 ", "\u00a012", "-.5", "5.", "1e3", "abc", "ya", "ya mungkin", "😀", "\uffff",
    ["ya"], ["ya", "tidak"], {"importance": 3, "competence": 2},
]  # fmt: skip
CRAFTED = [
    *(f"${{a}} {op} ${{b}}" for op in ("=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div")),
    "${a} mod ${b}",
    "-${a}", "${a} and ${b}", "${a} or ${b}", "not(${a})", "selected(${a}, ${b})",
    "selected(${a}, 'ya')", "count-selected(${a})", "string-length(${a})",
    "regex(${a}, '[0-9]{4}')", "regex(${a}, ${b})", "regex(., 'y.|a+')", "${a} = ''",
    "${a} != ''", "${a} < 20", "1 div 3 + ${a}", ".1 + .2 = .3", "${a} * 0.00001",
    "7 mod -3 + -7 mod 3 + 7.5 mod 2", "${a} div 0", "${a} + ${b} * 2 - 1 >= 3 or .",
]  # fmt: skip


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "array" if isinstance(value, list) else "string"


def python_result(expression: Expression, values: dict[str, Any], current: Any) -> list[Any]:
    value = expression.evaluate(values, current)
    return [kind(value), to_str(value), truthy(value)]


JS_EVALUATE = """cases => cases.map(([node, values, current]) => {
    const value = SurveyExpressions.evaluate(node, values, current);
    const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    return [kind, SurveyExpressions.toStr(value), SurveyExpressions.truthy(value)];
})"""


def value_pool(question: Question | None, form: Form) -> list[Any]:
    if isinstance(question, ChoiceQuestion):
        choices = question.values(form.spec)
        return [None, *choices, choices[:2], choices[-1:], " ".join(choices[:2])]
    return VALUES


def cases_for(form: Form, expression: Expression, rng: random.Random) -> Iterator[tuple]:
    names = sorted(expression.references)
    pools = [value_pool(form.questions.get(name), form) for name in names]
    for _ in range(60):
        values = {name: rng.choice(pool) for name, pool in zip(names, pools, strict=True)}
        yield expression, values, rng.choice(VALUES)


def all_cases() -> list[tuple[Expression, dict[str, Any], Any]]:
    rng = random.Random(9)
    cases = []
    for form in bundled_forms():
        for expression in [*form.relevant.values(), *form.constraints.values()]:
            cases += list(cases_for(form, expression, rng))
    for source in CRAFTED:
        expression = parse_expression(source)
        for a, b in itertools.product(VALUES, repeat=2):
            cases.append((expression, {"a": a, "b": b}, a))
    return cases


def test_the_browser_evaluates_every_expression_as_the_server_does(js):
    cases = all_cases()
    assert len(cases) > 20_000
    payload = [[expression_to_json(e), values, current] for e, values, current in cases]
    got = js.evaluate(JS_EVALUATE, json.loads(json.dumps(payload)))
    mismatches = [
        (e.source, values, current, expected, actual)
        for (e, values, current), actual in zip(cases, got, strict=True)
        if (expected := python_result(e, values, current)) != actual
    ]
    assert mismatches == [], mismatches[:10]


# --- reading a page's answers ----------------------------------------------------------

FIELD_NOISE = ["", " ", "bogus", "0", "19", "20", " 1 9 ", "-1", "abc", "1_0", "+5", "501"]
FIELD_NOISE += ["2,5", "1e1", "\u0663", "lain", "x" * 31, "\x01", "2026-01-15", "20260230"]


def raw_post(form: Form, questions: list[Question], rng: random.Random) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = {}
    for question in questions:
        choices = question.values(form.spec) if isinstance(question, ChoiceQuestion) else []
        for field in question.field_names():
            pool = choices + FIELD_NOISE
            count = rng.choice([0, 1, 1, 1, 2, 3] if question.type == "select_multiple" else [1])
            raw[field] = [rng.choice(pool) for _ in range(count)]
    return raw


def live_pages(form: Form) -> Iterator[int]:
    return (i for i, s in enumerate(form.sections) if live_questions(form, s))


def test_the_browser_reads_a_page_as_the_server_does(js):
    rng = random.Random(10)
    checked = 0
    for form in bundled_forms():
        for index in live_pages(form):
            section = form.sections[index]
            script = page_layout(form, section, {}).script
            assert script is not None
            posts = [raw_post(form, section.questions, rng) for _ in range(300)]
            got = js.evaluate(
                "([spec, posts]) => posts.map(raw => SurveySkipLogic.pageState(spec, raw).shown)",
                [script, posts],
            )
            live = [form.questions[e["name"]] for e in script["questions"] if "relevant" in e]
            for raw, shown in zip(posts, got, strict=True):
                answers = read_section(form, section, raw, {}).answers
                expected = {q.name: form.question_shown(q, answers) for q in live}
                assert {q.name: shown[q.name] for q in live} == expected, (form.form_id, raw)
                checked += 1
    assert checked >= 1_500


# --- the live page ---------------------------------------------------------------------


def page_error(message: Any) -> bool:
    """A console error other than the browser's own request for a favicon (none is served)."""
    return message.type == "error" and not message.location.get("url", "").endswith("favicon.ico")


def test_with_javascript_follow_ups_appear_and_disappear_as_you_answer(
    make_campaign, live_url, browser_once
):
    make_campaign(form="tna-asn.yaml", slug="demo")
    page = browser_once.new_page(viewport={"width": 390, "height": 844})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if page_error(m) else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{live_url}/s/demo/")
    submit(page.get_by_role("button", name="Mulai survei"))
    for _ in range(3):
        answer_page(page)
        submit(page.get_by_role("button", name="Lanjut", exact=True))
    assert page.url.endswith("/s/demo/p/3")

    follow_up = page.locator("#q-alasan_jp_kurang")
    assert follow_up.is_hidden() and page.locator("[name=alasan_jp_kurang]").first.is_disabled()
    page.fill("#f-jp_12_bulan", "0")
    expect(follow_up).to_be_visible()
    status = page.locator("[data-skip-logic-status]")  # a polite live region announces it
    expect(status).to_contain_text(
        "Pertanyaan tambahan muncul di bawah: Mengapa kurang dari 20 JP?"
    )
    page.fill("#f-jp_12_bulan", "30")
    expect(follow_up).to_be_hidden()
    page.fill("#f-jp_12_bulan", "0")
    page.focus("#f-jp_12_bulan")
    page.keyboard.press("Tab")  # the keyboard reaches the new question next
    assert page.evaluate("document.activeElement.name") == "alasan_jp_kurang"
    page.keyboard.press("Space")

    page.check("#f-bentuk_pengembangan-1")
    for place in (1, 2, 3):
        page.select_option(f"#f-prioritas_kompetensi--{place}", index=place)
    page.check("input[name=hambatan][value=lainnya]")
    page.fill("#f-hambatan_lain", "Jadwal padat")
    submit(page.get_by_role("button", name="Lanjut", exact=True))
    assert page.url.endswith("/s/demo/p/4")  # shown live: no second round trip

    page.locator("fieldset", has_text="Mentoring oleh ASN senior").locator("input").first.check()
    page.check("input[name=ingin_dimentori][value=ya]")
    expect(page.locator("#q-mode_mentoring")).to_be_visible()  # seen, and left blank
    page.check("input[name=bersedia_mentor][value=ya]")
    page.check("input[name=waktu_mentor][value=jam_1_2]")
    page.check("input[name=bersedia_mentor][value=tidak]")  # changed its mind
    expect(page.locator("#q-waktu_mentor")).to_be_hidden()
    submit(page.get_by_role("button", name="Lanjut", exact=True))
    assert page.url.endswith("/s/demo/p/5")  # the script said it showed mode_mentoring
    submit(page.get_by_role("button", name="Lanjut", exact=True))
    submit(page.get_by_role("button", name="Kirim jawaban saya"))

    db.session.expire_all()
    [stored] = db.session.scalars(sa.select(Response))
    assert stored.answers["alasan_jp_kurang"] == ["tidak_ada_kesempatan"]
    assert stored.answers["hambatan_lain"] == "Jadwal padat"
    assert stored.answers["ingin_dimentori"] == "ya" and "mode_mentoring" not in stored.answers
    assert stored.answers["bersedia_mentor"] == "tidak" and "waktu_mentor" not in stored.answers
    assert problems == []  # no script error, no Content-Security-Policy violation
