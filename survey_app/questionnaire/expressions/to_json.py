"""A compiled expression as compact JSON, for the browser's copy of the evaluator.

The respondent's page evaluates same-page skip logic live in ``static/js/expressions.js``,
which interprets exactly this form, so both sides run the same parsed expression:

* a literal is itself (``20``, ``2.5``, ``'ya'`` becomes ``"ya"``);
* ``${name}`` is ``["$", "name"]`` and ``.`` is ``["."]``;
* a run of binary operators at one precedence level is
  ``["chain", first, op, operand, op, operand, ...]`` (kept flat: a long ``a + b + c ...``
  does not become a deep tree), with ``op`` spelled as in the source (``"<="``, ``"div"``);
* ``and``/``or`` are ``["and", a, b, ...]``; unary minus is ``["neg", x]``;
* a function call is ``[function-name, argument, ...]``, as in the source.

A node this module does not know raises :class:`NotSerialisable`; the page then leaves
that question's skip logic to the server alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeAlias

from .api import Expression
from .nodes import (
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
from .values import BINARY

JsonNode: TypeAlias = "int | float | str | list[JsonNode]"

_OPERATORS: Final = {function: symbol for symbol, function in BINARY.items()}


class NotSerialisable(ValueError):
    """The expression uses a node the browser's evaluator does not implement."""


def expression_to_json(expression: Expression) -> JsonNode:
    """The JSON form of ``expression`` (see the module docstring)."""
    return node_to_json(expression._root)  # the compiled tree is what both sides evaluate


def node_to_json(node: Node) -> JsonNode:
    encode = _ENCODERS.get(type(node))
    if encode is None:
        raise NotSerialisable(type(node).__name__)
    return encode(node)


def _const(node: Node) -> JsonNode:
    assert isinstance(node, Const)
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise NotSerialisable(repr(value))
    return value


def _chain(node: Node) -> JsonNode:
    assert isinstance(node, Chain)
    encoded: list[JsonNode] = ["chain", node_to_json(node.first)]
    for op, operand in node.steps:
        symbol = _OPERATORS.get(op)
        if symbol is None:
            raise NotSerialisable(repr(op))
        encoded += [symbol, node_to_json(operand)]
    return encoded


def _call(name: str, *fields: str) -> Callable[[Node], JsonNode]:
    """An encoder for a node written ``[name, child, ...]`` from its attributes."""

    def encode(node: Node) -> JsonNode:
        return [name, *(node_to_json(getattr(node, field)) for field in fields)]

    return encode


def _operands(name: str) -> Callable[[Node], JsonNode]:
    def encode(node: Node) -> JsonNode:
        assert isinstance(node, (And, Or))
        return [name, *(node_to_json(operand) for operand in node.operands)]

    return encode


def _ref(node: Node) -> JsonNode:
    assert isinstance(node, Ref)
    return ["$", node.name]


_ENCODERS: Final[dict[type[Node], Callable[[Node], JsonNode]]] = {
    Const: _const,
    Ref: _ref,
    Current: lambda node: ["."],
    Negate: _call("neg", "operand"),
    Chain: _chain,
    And: _operands("and"),
    Or: _operands("or"),
    Not: _call("not", "operand"),
    Selected: _call("selected", "subject", "choice"),
    CountSelected: _call("count-selected", "subject"),
    StringLength: _call("string-length", "subject"),
    Regex: _call("regex", "subject", "pattern"),
}
