"""Checks on what an expression means, read from its compiled node tree.

The parser already refuses bad syntax, unknown functions and wrong argument counts.
These checks know the form: ``selected(${q}, 'v')`` needs a choice question ``q``
whose list has the value ``v``; ``${status} = 'cpnss'`` compares with a value the list
does not have; ``regex('abc', .)`` has its arguments the wrong way round;
``string-length(${a} > 1)`` measures a true/false test. Each would silently be false
(or always true) for every respondent, so each is reported when the file is checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from .expressions import Expression
from .expressions.nodes import (
    And,
    Chain,
    Const,
    CountSelected,
    Current,
    Negate,
    Node,
    Not,
    Or,
    Ref,
    Regex,
    Selected,
    StringLength,
)
from .expressions.values import BINARY, to_number, to_str
from .types import Question

_SYMBOLS: Final = {function: symbol for symbol, function in BINARY.items()}
_COMPARISONS: Final = frozenset({"=", "!=", "<", "<=", ">", ">="})
_ARITHMETIC: Final = frozenset({"+", "-", "*", "div", "mod"})
#: Question types answered from a choice list.
CHOICE_TYPES: Final = frozenset({"select_one", "select_multiple", "ranking"})
#: Choice types whose answer is several values.
MULTIPLE_TYPES: Final = frozenset({"select_multiple", "ranking"})
#: Types whose answers arithmetic cannot use (the result would always be unanswered).
_NOT_NUMBERS: Final = frozenset({"date", "select_multiple", "ranking", "text", "long_text"})


@dataclass(frozen=True)
class Scope:
    """What an expression can see: the form's questions and their choice values.

    ``values(question)`` is None when the values are unknown (an undeclared list, or
    one the schema pass cut), so nothing is checked against them.
    """

    questions: Mapping[str, Question]
    values: Callable[[Question], list[str] | None]
    own: Question | None = None


def expression_problems(expression: Expression, scope: Scope) -> list[str]:
    """Every problem in the meaning of ``expression``, in plain words."""
    root: Node = expression._root  # the compiled tree is what runs for respondents
    return list(dict.fromkeys(_Checker(scope).node(root)))


class _Checker:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def node(self, node: Node) -> Iterator[str]:
        check = getattr(self, f"_{type(node).__name__}", None)
        if check is not None:
            yield from check(node)
        for inner in _children(node):
            yield from self.node(inner)

    def question(self, node: Node) -> Question | None:
        """The question a ``${name}`` or ``.`` stands for, when it is known."""
        if isinstance(node, Ref):
            return self.scope.questions.get(node.name)
        return self.scope.own if isinstance(node, Current) else None

    def _Selected(self, node: Selected) -> Iterator[str]:
        if _is_text(node.subject) and self._is_answer(node.choice):
            yield "selected() takes the question first: write selected(${q}, 'value')"
            return
        if not self._is_answer(node.subject):
            yield "selected() needs a question as its first argument: selected(${q}, 'value')"
            return
        question = self.question(node.subject)
        if question is not None and question.type not in CHOICE_TYPES:
            yield (
                f"selected() needs a select_one, select_multiple or ranking question; "
                f"'{question.name}' is {_a(question.type)} question"
            )
        elif _is_boolean(node.choice):
            yield "selected() needs a choice value as its second argument, not a true/false test"
        elif question is not None and isinstance(node.choice, Const):
            yield from self._known_value(question, node.choice, "selected()")

    def _CountSelected(self, node: CountSelected) -> Iterator[str]:
        question = self.question(node.subject)
        if not self._is_answer(node.subject):
            yield "count-selected() needs a question: count-selected(${q})"
        elif question is not None and question.type not in MULTIPLE_TYPES:
            yield (
                f"count-selected() needs a select_multiple or ranking question; "
                f"'{question.name}' is {_a(question.type)} question"
            )

    def _StringLength(self, node: StringLength) -> Iterator[str]:
        if _is_boolean(node.subject):
            yield "string-length() needs a text, not a true/false test"

    def _Regex(self, node: Regex) -> Iterator[str]:
        if _is_text(node.subject) and self._is_answer(node.pattern):
            yield "regex() takes the answer first: write regex(., 'pattern')"
        elif isinstance(node.pattern, Const) and not isinstance(node.pattern.value, str):
            yield "regex() needs its pattern as text in quotes, such as regex(., '[0-9]+')"
        elif _is_boolean(node.subject) or _is_boolean(node.pattern):
            yield "regex() needs a text and a pattern, not a true/false test"

    def _Chain(self, node: Chain) -> Iterator[str]:
        operands = [node.first, *(operand for _op, operand in node.steps)]
        for index, (op, right) in enumerate(node.steps):
            symbol = _SYMBOLS.get(op, "")
            left = operands[index]
            if symbol in _ARITHMETIC:
                yield from self._arithmetic(symbol, left, right)
            elif symbol in ("=", "!=") and len(node.steps) == 1:
                yield from self._compared_value(left, right)

    def _arithmetic(self, symbol: str, *operands: Node) -> Iterator[str]:
        for operand in operands:
            question = self.question(operand)
            if isinstance(operand, Const) and to_number(operand.value) is None:
                yield f"'{symbol}' needs numbers; '{to_str(operand.value)}' is text"
            elif question is not None and question.type in _NOT_NUMBERS:
                yield (
                    f"'{symbol}' needs numbers; '{question.name}' is {_a(question.type)} "
                    "question, so the result would always be unanswered"
                )

    def _compared_value(self, left: Node, right: Node) -> Iterator[str]:
        """``${status} = 'cpnss'``: a select_one compared with a value its list lacks."""
        for subject, value in ((left, right), (right, left)):
            question = self.question(subject)
            if (
                question is not None
                and question.type == "select_one"
                and isinstance(value, Const)
                and to_str(value.value) != ""
            ):
                yield from self._known_value(question, value, "the comparison")

    def _known_value(self, question: Question, value: Const, where: str) -> Iterator[str]:
        values = self.scope.values(question)
        text = to_str(value.value)
        if values is None or text in values:
            return
        close = difflib.get_close_matches(text, values, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        listed = ", ".join(values) or "none"
        yield (
            f"in {where}, '{text}' is not a value of '{question.name}' ({hint}its values: {listed})"
        )

    def _is_answer(self, node: Node) -> bool:
        return isinstance(node, (Ref, Current))


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _is_text(node: Node) -> bool:
    return isinstance(node, Const) and isinstance(node.value, str)


def _is_boolean(node: Node) -> bool:
    """A true/false test: logic, a comparison, selected() or regex()."""
    if isinstance(node, (And, Or, Not, Selected, Regex)):
        return True
    return isinstance(node, Chain) and any(
        _SYMBOLS.get(op) in _COMPARISONS for op, _operand in node.steps
    )


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, Chain):
        yield node.first
        yield from (operand for _op, operand in node.steps)
    elif isinstance(node, (And, Or)):
        yield from node.operands
    elif isinstance(node, (Not, Negate)):
        yield node.operand
    elif isinstance(node, (Selected, CountSelected, StringLength, Regex)):
        yield node.subject
        if isinstance(node, Selected):
            yield node.choice
        if isinstance(node, Regex):
            yield node.pattern
