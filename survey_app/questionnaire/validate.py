"""Turn questionnaire text into a :class:`Form`, or into every problem found in it.

Three passes, each reporting ``PATH:LINE:COL`` positions at the offending node:
YAML syntax, the schema (pydantic models), then semantic checks (references,
languages, duplicates, expressions, per-type rules).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import ValidationError

from .expressions import Expression, ExpressionError, parse_expression
from .form import Form
from .schema_problems import schema_problems
from .spec import FormSpec, Spec
from .text import missing_languages
from .types.scale import Competency
from .yaml_source import LocatedDocument, Path, Problem, YamlSyntaxError, load_located

S = TypeVar("S", bound=Spec)


class QuestionnaireInvalid(ValueError):
    """The file cannot be used; ``problems`` lists everything wrong, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)

    def format(self, filename: str) -> list[str]:
        return [problem.format(filename) for problem in self.problems]


def parse_form(text: str) -> Form:
    """Validate and compile one questionnaire file; raise :class:`QuestionnaireInvalid`."""
    return form_from_document(*load_document(text))


def load_document(text: str) -> tuple[LocatedDocument, list[Problem]]:
    """Pass 1: the YAML mapping with positions, plus its duplicate keys (still to report)."""
    try:
        document = load_located(text)
    except YamlSyntaxError as exc:
        raise QuestionnaireInvalid([exc.problem]) from None
    problems = list(document.duplicate_keys)
    if not isinstance(document.data, dict):
        problems.append(Problem(document.position_of(()), "a questionnaire must be a mapping"))
        raise QuestionnaireInvalid(problems)
    return document, problems


def validate_model(model: type[S], document: LocatedDocument, problems: list[Problem]) -> S:
    """Pass 2: the schema; every schema problem is reported at its node."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise QuestionnaireInvalid(problems + list(schema_problems(exc, document))) from None


def form_from_document(document: LocatedDocument, problems: list[Problem]) -> Form:
    spec = validate_model(FormSpec, document, problems)
    compiler = _Compiler(spec, document)
    form = compiler.compile()
    if problems or compiler.problems:
        raise QuestionnaireInvalid(problems + compiler.problems)
    return form


def content_hash(spec: Spec) -> str:
    """Hash of the meaning of a file: comments and layout do not make a new version."""
    canonical = json.dumps(spec.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class _Compiler:
    """Semantic checks and expression compilation, collecting every problem."""

    def __init__(self, spec: FormSpec, document: LocatedDocument) -> None:
        self.spec = spec
        self.document = document
        self.problems: list[Problem] = []
        self.order: dict[str, int] = {}

    def report(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.document.position_of(path), message))

    def compile(self) -> Form:
        self._check_languages()
        self._check_choice_lists()
        self._check_scales()
        self._check_sections()
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
                    expr := self._expression(
                        question.constraint, (*q_path, "constraint"), question.name
                    )
                ):
                    constraints[question.name] = expr
                self.order.setdefault(question.name, len(self.order))
        return Form(self.spec, content_hash(self.spec), relevant, section_relevant, constraints)

    def _check_question(self, question: Any, path: Path) -> None:
        if question.name in self.order:
            self.report((*path, "name"), f"duplicate question name '{question.name}'")
        if question.report_group and question.type != "select_one":
            self.report(
                (*path, "report_group"), "report_group is only allowed on select_one questions"
            )
        if question.required and not question.has_answer:
            self.report((*path, "required"), f"a {question.type} question cannot be required")
        for sub_path, message in question.check(self.spec):
            self.report((*path, *sub_path), message)

    def _expression(self, source: str, path: Path, own_name: str | None) -> Expression | None:
        try:
            expression = parse_expression(source)
        except ExpressionError as exc:
            self.report(path, f"bad expression at column {exc.column}: {exc.message}")
            return None
        if expression.uses_current and own_name is None:
            self.report(path, "'.' (the current answer) is only allowed in a constraint")
        known = {q.name: q for section in self.spec.sections for q in section.questions}
        for name in sorted(expression.references - {own_name}):
            if name not in known:
                self.report(path, f"expression refers to unknown question '{name}'")
            elif name not in self.order:
                self.report(path, f"expression refers to '{name}', which comes later in the form")
            elif known[name].type in UNREFERENCEABLE:
                self.report(
                    path,
                    f"expression refers to '{name}', a {known[name].type} question, "
                    "whose answer cannot be used in expressions",
                )
        return expression

    def _check_choice_lists(self) -> None:
        for list_name, choices in self.spec.choice_lists.items():
            if not choices:
                self.report(("choice_lists", list_name), f"choice list '{list_name}' is empty")
            values = [choice.value for choice in choices]
            for index in _repeats(values):
                self.report(
                    ("choice_lists", list_name, index, "value"),
                    f"duplicate value '{values[index]}' in choice list '{list_name}'",
                )

    def _check_scales(self) -> None:
        for scale_name, scale in self.spec.scales.items():
            values = scale.values()
            for index in _repeats(values):
                self.report(
                    ("scales", scale_name, "points", index, "value"),
                    f"duplicate point {values[index]} in scale '{scale_name}'",
                )

    def _check_sections(self) -> None:
        sections = self.spec.sections
        for index in _repeats([section.name for section in sections]):
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
        for index in _repeats(codes):
            s_index, q_index, code = competencies[index]
            self.report(
                ("sections", s_index, "questions", q_index, "code"),
                f"duplicate competency code '{code}'",
            )

    def _check_languages(self) -> None:
        declared = list(self.spec.languages)
        for index in _repeats(declared):
            self.report(("languages", index), f"language '{declared[index]}' is listed twice")
        for path, text in _local_texts(self.document.data, ()):
            for language in missing_languages(text, declared):
                self.report(path, f"missing '{language}' text (the form declares {declared})")
            for language in sorted(set(text) - set(declared)):
                self.report(
                    path, f"text in undeclared language '{language}' (declare it in languages)"
                )


#: Types whose answer is no single value: a note has none, a competency has two ratings.
UNREFERENCEABLE = {"note", "competency"}


def _repeats(values: list[Any]) -> Iterator[int]:
    """Indexes of values already seen earlier in the list."""
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index
        seen.add(value)


_TEXT_KEYS = {"title", "label", "hint", "description", "constraint_message"}
#: Keys whose value is a list of texts (a focus-group prompt's probes).
_TEXT_LIST_KEYS = {"probes"}


def _local_texts(node: Any, path: Path) -> Iterator[tuple[Path, Any]]:
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
                yield from _local_texts(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _local_texts(item, (*path, index))
