"""Which page comes next, given skip logic, and how far along the respondent is."""

from __future__ import annotations

from ..questionnaire import Answers, Form


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
