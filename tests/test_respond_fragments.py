"""Questions and review answers are rendered once per form, language, values and errors,
and the cached HTML is exactly what a fresh rendering gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, template_rendered

from survey_app.respond import fragments
from survey_app.versions.service import form_of

from .respondent import MINI_PAGES, Respondent

CSRF_VALUE = re.compile(r'name="csrf_token"([^>]*)value="[^"]+"')


@contextmanager
def rendered(app: Flask) -> Iterator[list[str]]:
    names: list[str] = []

    def record(sender: Flask, template: object, context: object, **extra: object) -> None:
        names.append(str(getattr(template, "name", "")))

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def _page(respondent: Respondent, url: str) -> str:
    return CSRF_VALUE.sub(
        r'name="csrf_token"\1value=""', respondent.get(url).get_data(as_text=True)
    )


def _respondent(app: Flask) -> Respondent:
    respondent = Respondent(app.test_client())
    respondent.start("c1")
    return respondent


def test_a_page_seen_before_reuses_its_questions_html(make_campaign, app):
    make_campaign()
    fragments.clear()
    with rendered(app) as first_names:
        first = _page(_respondent(app), "/s/c1/p/1")
    with rendered(app) as second_names:
        second = _page(_respondent(app), "/s/c1/p/1")
    assert first_names.count("respond/_question.html") == 3  # integritas, spbe, puas
    assert "respond/_question.html" not in second_names
    assert second == first


def test_cached_questions_follow_the_language(make_campaign, app):
    make_campaign()
    respondent = _respondent(app)
    indonesian = _page(respondent, "/s/c1/p/0")
    english = _page(respondent, "/s/c1/p/0?lang=en")
    assert "Jenis jabatan" in indonesian and "Manajerial" in indonesian
    assert "Position type" in english and "Managerial" in english
    assert "Jenis jabatan" not in english and "Manajerial" not in english


def test_cached_questions_show_this_respondents_answers(make_campaign, app):
    make_campaign()
    _page(_respondent(app), "/s/c1/p/0")  # a blank page 0 is cached now
    respondent = _respondent(app)
    respondent.page("c1", 0, {"status": "pppk", "jabatan": "pelaksana"})
    page = _page(respondent, "/s/c1/p/0")
    assert re.search(r'value="pppk" checked', page)
    assert re.search(r'<option value="pelaksana" selected>', page)
    assert not re.search(r'value="pns" checked', page)


def test_an_error_shows_only_where_it_belongs(make_campaign, app):
    make_campaign()
    respondent = _respondent(app)
    respondent.page("c1", 0, MINI_PAGES[0])
    respondent.page("c1", 1, MINI_PAGES[1])
    refused = respondent.post("/s/c1/p/2", {**MINI_PAGES[2], "jp": "450", "action": "next"})
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.get_data(as_text=True)
    assert "Maksimal 400 JP" in refused.get_data(as_text=True)
    clean = _respondent(app)
    clean.page("c1", 0, MINI_PAGES[0])
    page = _page(clean, "/s/c1/p/2")
    assert "Maksimal 400 JP" not in page and 'aria-invalid="true"' not in page


def test_the_review_page_shows_labels_in_the_language(make_campaign, app):
    make_campaign()
    fragments.clear()
    for language, staff in (("id", "Pelaksana"), ("en", "Staff")):
        respondent = _respondent(app)
        for page, answers in enumerate(MINI_PAGES):
            respondent.page("c1", page, answers)
        review = respondent.get(f"/s/c1/review?lang={language}").get_data(as_text=True)
        assert f"<dd>{staff}</dd>" in review
        assert "Tidak ada waktu; Lainnya" in review or "No time; Other" in review


def test_long_free_text_is_rendered_not_kept(make_campaign, app):
    campaign = make_campaign()
    form = form_of(campaign.version)
    fragments.clear()
    with app.test_request_context("/s/c1/p/2"):
        html = fragments.question_html(
            form, "id", {"saran": ["x" * 70]}, {}, form.questions["saran"]
        )
        fragments.question_html(form, "id", {"saran": ["ok"]}, {}, form.questions["saran"])
    assert "x" * 70 in html
    assert fragments._cached.cache_info().currsize == 1  # only the short one


def test_review_answers_reuse_one_import_of_their_macros(make_campaign, app):
    """A review answer not seen before calls the macro of a module imported once per form
    and language, and reads exactly as the macro renders it in a template."""
    campaign = make_campaign()
    form = form_of(campaign.version)
    fragments.clear()
    answers = [
        ("jabatan", "pelaksana"),
        ("integritas", {"importance": 4, "competence": 2}),
        ("alasan", ["waktu", "lain"]),
        ("jp", 12),
        ("puas", None),
        ("saran", "x" * 70),
    ]
    with app.test_request_context("/s/c1/review"):
        shown = [fragments.answer_html(form, "id", form.questions[n], v) for n, v in answers]
        template = app.jinja_env.from_string(
            '{% import "respond/_answers.html" as show with context %}{{ show.answer(q, v) }}'
        )
        expected = [
            template.render(form=form, lang="id", q=form.questions[n], v=v) for n, v in answers
        ]
    assert [str(html) for html in shown] == expected
    assert shown[0] == "Pelaksana" and shown[2] == "Tidak ada waktu; Lainnya"
    assert "Tidak dijawab" in shown[4] and "x" * 70 in shown[5]
    assert fragments._answer_module.cache_info().misses == 1
