"""Question types: any post is either accepted as a valid answer or refused cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.questionnaire import parse_form, read_section
from survey_app.questionnaire.types import QUESTION_TYPES, AnswerError

from .conftest import form_text

FORM = parse_form(form_text("mini.yaml"))
#: The bundled evaluation form adds the type the mini form cannot carry (``retrospective``
#: needs a competency catalogue).
EVALUATION = parse_form(
    (Path(__file__).parent.parent / "questionnaires" / "training-evaluation.yaml").read_text()
)
QUESTIONS = [
    (form, q) for form in (FORM, EVALUATION) for q in form.questions.values() if q.has_answer
]
posted_values = st.lists(
    st.text(max_size=40) | st.sampled_from(["1", "5", "pns", "lain", "7,5", ""]), max_size=3
)


def test_every_type_is_fuzzed() -> None:
    types = {q.type for form in (FORM, EVALUATION) for q in form.questions.values()}
    assert types == set(QUESTION_TYPES)


@pytest.mark.parametrize(("form", "question"), QUESTIONS, ids=lambda q: getattr(q, "name", ""))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_post_is_accepted_or_refused_with_an_answer_error(form, question, data) -> None:
    raw = {field: data.draw(posted_values) for field in question.field_names()}
    try:
        answer = question.parse(raw, form.spec)
    except AnswerError as exc:
        assert exc.kind and (
            exc.field is None or exc.field in {question.name, *question.field_names()}
        )
        return
    if answer is not None:  # an accepted answer survives the round trip through the form
        assert question.parse(question.as_form_values(answer), form.spec) == answer
        assert len(question.numeric_values(answer)) == len(question.numeric_columns())


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_page_never_keeps_an_answer_that_skip_logic_hides(data) -> None:
    section = FORM.sections[2]
    raw = {f: data.draw(posted_values) for q in section.questions for f in q.field_names()}
    result = read_section(FORM, section, raw, {"status": "pns", "jabatan": "pelaksana"})
    answers = result.answers
    if "alasan" in answers:
        assert answers["jp"] < 20
    if "alasan_lain" in answers:
        assert "lain" in answers["alasan"]
    if "jp" in answers:
        assert 0 <= answers["jp"] <= 400
