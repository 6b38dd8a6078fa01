"""Which page comes next, given skip logic, and how far along the respondent is.

A page with a same-page follow-up the respondent has not seen yet is not left: it is
shown again with that question (:func:`follow_ups`).
"""

from __future__ import annotations

from ..questionnaire import Answers, Form, PageResult
from ..questionnaire.answers import appeared_questions
from ..questionnaire.same_page import REVEALED_FIELD
from ..questionnaire.types import RawAnswers


def shown_pages(form: Form, answers: Answers) -> list[int]:
    return [i for i, s in enumerate(form.sections) if form.section_shown(s, answers)]


def next_page(form: Form, answers: Answers, page: int) -> int | None:
    """The next shown page after ``page``; ``None`` means the review page."""
    return next((i for i in shown_pages(form, answers) if i > page), None)


def previous_page(form: Form, answers: Answers, page: int) -> int | None:
    """The shown page before ``page``; ``None`` means the intro."""
    return next((i for i in reversed(shown_pages(form, answers)) if i < page), None)


def progress(form: Form, answers: Answers, page: int) -> tuple[int, int]:
    """(position, total) over shown pages, for "Bagian 2 dari 5"."""
    pages = shown_pages(form, answers)
    return (pages.index(page) + 1 if page in pages else 1), len(pages)


def follow_ups(
    form: Form, page: int, before: Answers, result: PageResult, raw: RawAnswers
) -> list[str]:
    """Same-page follow-ups that keep the respondent on ``page`` (see ``appeared_questions``).

    Seen are the questions the post carries fields of, and those the page's script lists
    in ``REVEALED_FIELD`` (it showed them, even if they were left blank).
    """
    section = form.sections[page]
    names = {q.name for q in section.questions}
    revealed = {name for value in raw.get(REVEALED_FIELD, ()) for name in value.split()} & names
    posted = {q.name for q in section.questions if any(f in raw for f in q.field_names())}
    return appeared_questions(form, section, before, result.answers, revealed | posted)
