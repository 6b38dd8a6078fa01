"""A validated questionnaire version, compiled once and then shared read-only."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from .expressions import Expression
from .spec import FormSpec, Section
from .text import LocalText, localize
from .types import Question
from .types.retrospective import Retrospective

Answers = dict[str, Any]


@dataclass(frozen=True)
class Form:
    """An immutable questionnaire: its spec plus everything derived from it at load time."""

    spec: FormSpec
    content_hash: str
    relevant: Mapping[str, Expression] = field(default_factory=dict)
    section_relevant: Mapping[str, Expression] = field(default_factory=dict)
    constraints: Mapping[str, Expression] = field(default_factory=dict)
    #: Repeated questions this campaign does not ask (:meth:`asking_only`).
    not_asked: frozenset[str] = frozenset()

    @property
    def form_id(self) -> str:
        return self.spec.form_id

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def sections(self) -> list[Section]:
        return self.spec.sections

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.name: q for section in self.sections for q in section.questions}

    @cached_property
    def numeric_columns(self) -> tuple[str, ...]:
        """Column names of the per-response numeric vector, in storage order."""
        return tuple(col for q in self.questions.values() for col in q.numeric_columns())

    @cached_property
    def by_role(self) -> dict[str, Question]:
        """The question declaring each role (:mod:`.roles`); a role is declared at most once."""
        return {str(q.role): q for q in self.questions.values() if q.role is not None}

    def with_role(self, role: str) -> list[Question]:
        """Every question declaring ``role``, in form order (several for a multi role)."""
        return [q for q in self.questions.values() if q.role == role]

    def asking_only(self, codes: Collection[str]) -> Form:
        """This form for a campaign targeting ``codes``: the repeated questions of other
        competencies are not asked (not shown, not required, never stored)."""
        hidden = frozenset(
            q.name
            for q in self.questions.values()
            if isinstance(q, Retrospective) and q.repeated and q.code not in codes
        )
        return replace(self, not_asked=hidden)

    @cached_property
    def report_groups(self) -> tuple[str, ...]:
        return tuple(name for name, q in self.questions.items() if q.report_group)

    @cached_property
    def report_group_values(self) -> dict[str, tuple[str, ...]]:
        """Each report-group question's choice values, in list order (select_one only)."""
        return {
            name: tuple(self.questions[name].value_labels(self.spec)) for name in self.report_groups
        }

    def group_codes(self, answers: Answers) -> bytes:
        """The report-group answers as uint16 little-endian positions in their choice list,
        1-based (0 = unanswered): a few bytes per response that subgroup analysis reads
        instead of parsing every JSON document."""
        codes = array("H")
        for name, values in self.report_group_values.items():
            answer = answers.get(name)
            codes.append(values.index(answer) + 1 if answer in values else 0)
        if sys.byteorder == "big":
            codes.byteswap()
        return codes.tobytes()

    def text(self, value: LocalText | None, language: str) -> str:
        return localize(value, language, self.spec.default_language)

    def section_shown(self, section: Section, answers: Answers) -> bool:
        if self.not_asked and all(q.name in self.not_asked for q in section.questions):
            return False
        expression = self.section_relevant.get(section.name)
        return expression is None or expression.is_true(answers)

    def question_shown(self, question: Question, answers: Answers) -> bool:
        if question.name in self.not_asked:
            return False
        expression = self.relevant.get(question.name)
        return expression is None or expression.is_true(answers)

    def constraint_holds(self, question: Question, answers: Answers, value: Any) -> bool:
        """Whether ``value`` meets the question's constraint (``${own_name}`` reads it too)."""
        expression = self.constraints.get(question.name)
        return expression is None or expression.is_true({**answers, question.name: value}, value)

    def numeric_vector(self, answers: Answers) -> bytes:
        """Float32 vector of the numeric answers (NaN when missing), for columnar reads."""
        values = array("f")
        for question in self.questions.values():
            values.extend(question.numeric_values(answers.get(question.name)))
        if sys.byteorder == "big":  # stored little-endian everywhere
            values.byteswap()
        return values.tobytes()
