"""Evaluation nodes: a parsed expression is a tree of these, evaluated without re-parsing."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Final

from ..patterns import LinearPattern, PatternError, compile_pattern
from .values import Binary, Values, is_empty, normalize, to_number, to_str, truthy

#: Longest string ``regex()`` will look at, and longest computed pattern it compiles.
MAX_REGEX_INPUT: Final = 10_000


class Node(ABC):
    """A compiled sub-expression."""

    __slots__ = ()

    @abstractmethod
    def eval(self, values: Values, current: object) -> object:
        """The node's value for these answers (``current`` is ``.``)."""


class Const(Node):
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def eval(self, values: Values, current: object) -> object:
        return self.value


class Ref(Node):
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def eval(self, values: Values, current: object) -> object:
        return normalize(values.get(self.name))


class Current(Node):
    __slots__ = ()

    def eval(self, values: Values, current: object) -> object:
        return current


class Negate(Node):
    __slots__ = ("operand",)

    def __init__(self, operand: Node) -> None:
        self.operand = operand

    def eval(self, values: Values, current: object) -> object:
        number = to_number(self.operand.eval(values, current))
        return None if number is None else -number


class Chain(Node):
    """A left-associative run of binary operators at one precedence level."""

    __slots__ = ("first", "steps")

    def __init__(self, first: Node, steps: Sequence[tuple[Binary, Node]]) -> None:
        self.first = first
        self.steps = tuple(steps)

    def eval(self, values: Values, current: object) -> object:
        result = self.first.eval(values, current)
        for op, operand in self.steps:
            result = op(result, operand.eval(values, current))
        return result


class And(Node):
    __slots__ = ("operands",)

    def __init__(self, operands: Sequence[Node]) -> None:
        self.operands = tuple(operands)

    def eval(self, values: Values, current: object) -> object:
        return all(truthy(node.eval(values, current)) for node in self.operands)


class Or(Node):
    __slots__ = ("operands",)

    def __init__(self, operands: Sequence[Node]) -> None:
        self.operands = tuple(operands)

    def eval(self, values: Values, current: object) -> object:
        return any(truthy(node.eval(values, current)) for node in self.operands)


class Not(Node):
    __slots__ = ("operand",)

    def __init__(self, operand: Node) -> None:
        self.operand = operand

    def eval(self, values: Values, current: object) -> object:
        return not truthy(self.operand.eval(values, current))


class Selected(Node):
    __slots__ = ("choice", "subject")

    def __init__(self, subject: Node, choice: Node) -> None:
        self.subject = subject
        self.choice = choice

    def eval(self, values: Values, current: object) -> object:
        subject = self.subject.eval(values, current)
        if is_empty(subject):
            return False
        choice = to_str(self.choice.eval(values, current))
        if isinstance(subject, (list, tuple)):
            return any(to_str(item) == choice for item in subject)
        text = to_str(subject)
        return text == choice or choice in text.split()


class CountSelected(Node):
    __slots__ = ("subject",)

    def __init__(self, subject: Node) -> None:
        self.subject = subject

    def eval(self, values: Values, current: object) -> object:
        subject = self.subject.eval(values, current)
        if isinstance(subject, (list, tuple)):
            return len(subject)
        return len(to_str(subject).split())


class StringLength(Node):
    __slots__ = ("subject",)

    def __init__(self, subject: Node) -> None:
        self.subject = subject

    def eval(self, values: Values, current: object) -> object:
        return len(to_str(self.subject.eval(values, current)))


def _compile_dynamic(pattern: str) -> LinearPattern | None:
    """A computed regex pattern (RE2, cached); None when it is invalid or too long."""
    if len(pattern) > MAX_REGEX_INPUT:
        return None
    try:
        return compile_pattern(pattern)
    except PatternError:
        return None


class Regex(Node):
    __slots__ = ("compiled", "pattern", "subject")

    def __init__(self, subject: Node, pattern: Node, compiled: LinearPattern | None) -> None:
        self.subject = subject
        self.pattern = pattern
        self.compiled = compiled

    def eval(self, values: Values, current: object) -> object:
        subject = self.subject.eval(values, current)
        if subject is None:
            return False
        text = to_str(subject)
        if len(text) > MAX_REGEX_INPUT:
            return False
        compiled = self.compiled
        if compiled is None:
            compiled = _compile_dynamic(to_str(self.pattern.eval(values, current)))
            if compiled is None:
                return False
        return compiled.fullmatch(text)
