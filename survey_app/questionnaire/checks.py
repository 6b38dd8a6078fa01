"""The semantic pass: references, languages, duplicates, expressions and per-type rules.

It runs on whatever the schema pass let through (:mod:`.partial`), so a file with a
schema error still gets every other problem reported. A check that would read a part
the schema pass cut out is skipped rather than report a problem the cut invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from .expression_checks import Scope, expression_problems
from .expressions import Expression, ExpressionError, parse_expression
from .form import Form
from .partial import Dropped
from .repeat import expand, expanded_spec, is_template
from .roles import MULTI_ROLES, role_problem
from .spec import FormSpec
from .text import missing_languages
from .types import Question
from .types.base import NAME_PATTERN, Finding
from .types.scale import Competency
from .yaml_source import LocatedDocument, Path, Problem

#: Types whose answer is no single value: a note has none, a competency has two ratings.
UNREFERENCEABLE: Final = frozenset({"note", "competency", "retrospective"})
#: A question's findings about its choice list, or its scales (skipped when those were cut).
_LIST_FINDINGS: Final = frozenset({"choices", "max_selected", "top", "hierarchy"})
_SCALE_FINDINGS: Final = frozenset({"scale", "competence_scale"})
#: A repeated question's findings about the ``competencies:`` catalogue.
_CATALOGUE_FINDINGS: Final = frozenset({"repeat_for", "code"})
_NAME = re.compile(NAME_PATTERN)


class Compiler:
    """Semantic checks and expression compilation, collecting every problem.

    ``strict`` adds the checks on what expressions mean (:mod:`.expression_checks`);
    stored versions are read without them, so a version that loaded once still loads.
    """

    def __init__(
        self,
        spec: FormSpec,
        document: LocatedDocument,
        dropped: Dropped | None = None,
        *,
        strict: bool = True,
    ) -> None:
        self.spec = spec
        self.document = document
        self.dropped = dropped or Dropped()
        self.strict = strict
        self.problems: list[Problem] = []
        self.order: dict[str, int] = {}
        self.roles: dict[str, str] = {}
        self.known = {
            q.name: q
            for section in spec.sections
            for written in section.questions
            for q in expand(written, spec.competencies)
        }

    def report(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.document.position_of(path), message))

    def compile(self, content_hash: str = "") -> Form:
        self._check_languages()
        self._check_choice_lists()
        self._check_scales()
        self._check_sections()
        self._check_catalogue()
        relevant, section_relevant, constraints = {}, {}, {}
        for s_index, section in enumerate(self.spec.sections):
            s_path: Path = ("sections", s_index)
            if section.relevant and (
                expr := self._expression(section.relevant, (*s_path, "relevant"), None)
            ):
                section_relevant[section.name] = expr
            for q_index, question in enumerate(section.questions):
                q_path: Path = (*s_path, "questions", q_index)
                self._check_question(question, q_path)
                if question.relevant and (
                    expr := self._expression(question.relevant, (*q_path, "relevant"), None)
                ):
                    relevant[question.name] = expr
                if question.constraint and (
                    expr := self._expression(question.constraint, (*q_path, "constraint"), question)
                ):
                    constraints[question.name] = expr
                self._register(question, q_path, relevant, constraints)
        spec = expanded_spec(self.spec)
        return Form(spec, content_hash, relevant, section_relevant, constraints)

    def _register(
        self, question: Question, path: Path, relevant: dict[str, Any], constraints: dict[str, Any]
    ) -> None:
        """Put the question in order; a repeated one as its copies, sharing its expressions."""
        if not is_template(question):
            self.order.setdefault(question.name, len(self.order))
            return
        for copy in expand(question, self.spec.competencies):
            self._check_copy(copy, path)
            for expressions in (relevant, constraints):
                if question.name in expressions:
                    expressions[copy.name] = expressions[question.name]
            self.order.setdefault(copy.name, len(self.order))
        relevant.pop(question.name, None)
        constraints.pop(question.name, None)

    def _check_copy(self, copy: Question, path: Path) -> None:
        if copy.name in self.order:
            self.report((*path, "name"), f"repeating makes the question name '{copy.name}' twice")
        elif not _NAME.match(copy.name) or len(copy.name) > 64:
            self.report((*path, "name"), f"repeating makes '{copy.name}', not a valid name")

    def _check_question(self, question: Question, path: Path) -> None:
        if question.name in self.order:
            self.report((*path, "name"), f"duplicate question name '{question.name}'")
        if question.report_group and question.type != "select_one":
            self.report(
                (*path, "report_group"), "report_group is only allowed on select_one questions"
            )
        if question.role is not None:
            self._check_role(question, (*path, "role"))
        if question.required and not question.has_answer:
            self.report((*path, "required"), f"a {question.type} question cannot be required")
        for sub_path, message in self._findings(question):
            self.report((*path, *sub_path), message)

    def _check_role(self, question: Question, path: Path) -> None:
        role = str(question.role)
        if (problem := role_problem(role, question.type)) is not None:
            self.report(path, problem)
        if role in MULTI_ROLES:
            return
        if (other := self.roles.setdefault(role, question.name)) != question.name:
            self.report(path, f"role '{role}' is already declared by question '{other}'")

    def _findings(self, question: Question) -> Iterator[Finding]:
        """The type's own checks, except those about a list or scale the schema pass cut."""
        list_cut = self.dropped.touches(("choice_lists", str(getattr(question, "choices", ""))))
        scales = {getattr(question, key, None) for key in _SCALE_FINDINGS} - {None}
        scale_cut = any(self.dropped.touches(("scales", str(name))) for name in scales)
        catalogue_cut = self.dropped.touches(("competencies",))
        for sub_path, message in question.check(self.spec):
            key = sub_path[0] if sub_path else ""
            if (
                not (list_cut and key in _LIST_FINDINGS)
                and not (scale_cut and key in _SCALE_FINDINGS)
                and not (catalogue_cut and key in _CATALOGUE_FINDINGS)
            ):
                yield sub_path, message

    def _expression(self, source: str, path: Path, own: Question | None) -> Expression | None:
        try:
            expression = parse_expression(source)
        except ExpressionError as exc:
            self.report(path, f"bad expression at column {exc.column}: {exc.message}")
            return None
        if expression.uses_current and own is None:
            self.report(path, "'.' (the current answer) is only allowed in a constraint")
        own_name = own.name if own is not None else None
        for name in sorted(expression.references - {own_name} - self.dropped.names):
            if (message := self._reference_problem(name)) is not None:
                self.report(path, message)
        if self.strict:
            scope = Scope(self._referenceable(own), self._values, own)
            for message in expression_problems(expression, scope):
                self.report(path, message)
        return expression

    def _reference_problem(self, name: str) -> str | None:
        question = self.known.get(name)
        if question is None:
            return f"expression refers to unknown question '{name}'"
        if name not in self.order:
            return f"expression refers to '{name}', which comes later in the form"
        if question.type in UNREFERENCEABLE:
            return (
                f"expression refers to '{name}', a {question.type} question, "
                "whose answer cannot be used in expressions"
            )
        return None

    def _referenceable(self, own: Question | None) -> dict[str, Question]:
        """Earlier questions with one answer (and the question itself, in a constraint)."""
        earlier = {name: self.known[name] for name in self.order}
        if own is not None:
            earlier[own.name] = own
        return {name: q for name, q in earlier.items() if q.type not in UNREFERENCEABLE}

    def _values(self, question: Question) -> list[str] | None:
        list_name = getattr(question, "choices", None)
        if not isinstance(list_name, str) or list_name not in self.spec.choice_lists:
            return None
        if self.dropped.touches(("choice_lists", list_name)):
            return None
        return [choice.value for choice in self.spec.choice_lists[list_name]]

    def _check_choice_lists(self) -> None:
        for list_name, choices in self.spec.choice_lists.items():
            if not choices and not self.dropped.touches(("choice_lists", list_name)):
                self.report(("choice_lists", list_name), f"choice list '{list_name}' is empty")
            values = [choice.value for choice in choices]
            for index in repeats(values):
                self.report(
                    ("choice_lists", list_name, index, "value"),
                    f"duplicate value '{values[index]}' in choice list '{list_name}'",
                )

    def _check_scales(self) -> None:
        for scale_name, scale in self.spec.scales.items():
            values = scale.values()
            for index in repeats(values):
                self.report(
                    ("scales", scale_name, "points", index, "value"),
                    f"duplicate point {values[index]} in scale '{scale_name}'",
                )

    def _check_sections(self) -> None:
        sections = self.spec.sections
        for index in repeats([section.name for section in sections]):
            self.report(
                ("sections", index, "name"), f"duplicate section name '{sections[index].name}'"
            )
        competencies = [
            (s_index, q_index, question.code)
            for s_index, section in enumerate(sections)
            for q_index, question in enumerate(section.questions)
            if isinstance(question, Competency)
        ]
        codes = [code for _s, _q, code in competencies]
        for index in repeats(codes):
            s_index, q_index, code = competencies[index]
            self.report(
                ("sections", s_index, "questions", q_index, "code"),
                f"duplicate competency code '{code}'",
            )

    def _check_catalogue(self) -> None:
        codes = [entry.code for entry in self.spec.competencies]
        for index in repeats(codes):
            self.report(
                ("competencies", index, "code"),
                f"duplicate code '{codes[index]}' in the competencies catalogue",
            )

    def _check_languages(self) -> None:
        if self.dropped.touches(("languages",)):
            return  # the declared languages are unknown: every text would look wrong
        declared = list(self.spec.languages)
        for index in repeats(declared):
            self.report(("languages", index), f"language '{declared[index]}' is listed twice")
        for path, text in local_texts(self.document.data, ()):
            for language in missing_languages(text, declared):
                self.report(path, f"missing '{language}' text (the form declares {declared})")
            for language in sorted(set(text) - set(declared), key=str):
                self.report(
                    path, f"text in undeclared language '{language}' (declare it in languages)"
                )


def repeats(values: list[Any]) -> Iterator[int]:
    """Indexes of values already seen earlier in the list."""
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index
        seen.add(value)


_TEXT_KEYS = {"title", "label", "hint", "description", "constraint_message", "pattern_message"}
#: Keys whose value is a list of texts (a focus-group prompt's probes).
_TEXT_LIST_KEYS = {"probes"}


def local_texts(node: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """Every multilingual text in the raw document, with its path."""
    if isinstance(node, dict):
        names_only = path in (("choice_lists",), ("scales",))  # keys there are list/scale names
        for key, value in node.items():
            if key in _TEXT_KEYS and isinstance(value, dict) and not names_only:
                yield (*path, key), value
            elif key in _TEXT_LIST_KEYS and isinstance(value, list) and not names_only:
                yield from (
                    ((*path, key, i), t) for i, t in enumerate(value) if isinstance(t, dict)
                )
            else:
                yield from local_texts(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from local_texts(item, (*path, index))
