"""The public API: :func:`parse_expression` and the :class:`Expression` it returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lark.exceptions import LarkError, UnexpectedInput

from .builder import Builder
from .errors import ExpressionError
from .grammar import PARSER
from .nodes import Node
from .syntax_errors import syntax_error
from .values import normalize, truthy


@dataclass(frozen=True)
class Expression:
    """A parsed expression, ready to evaluate against a response's answers."""

    source: str
    references: frozenset[str]
    uses_current: bool
    _root: Node = field(compare=False, repr=False)

    def evaluate(self, values: Mapping[str, object], current: object = None) -> object:
        """The expression's value; ``current`` is what ``.`` stands for."""
        return self._root.eval(values, normalize(current))

    def is_true(self, values: Mapping[str, object], current: object = None) -> bool:
        """Truthiness of :meth:`evaluate`: None, '', [], 0 and False are false."""
        return truthy(self.evaluate(values, current))


def parse_expression(source: str) -> Expression:
    """Parse and compile ``source``; raises :class:`ExpressionError` when it is malformed."""
    if not source.strip():
        raise ExpressionError("expression is empty", 1)
    try:
        tree = PARSER.parse(source)
    except UnexpectedInput as exc:
        raise syntax_error(source, exc) from None
    except LarkError as exc:  # pragma: no cover - defensive
        raise ExpressionError(str(exc), 1) from None
    builder = Builder()
    root = builder.build(tree)
    return Expression(source, frozenset(builder.references), builder.uses_current, root)
