"""Turning a lark parse tree into evaluation nodes, with the checks done at parse time."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from lark import Token, Tree

from ..patterns import LinearPattern, PatternError, compile_pattern
from .errors import ExpressionError
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

#: Deepest tree of operators/function calls accepted; bounds recursion at evaluation.
MAX_DEPTH: Final = 100

#: Function name -> number of arguments.
FUNCTIONS: Final[Mapping[str, int]] = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "regex": 2,
    "not": 1,
}

_KEYWORDS: Final = frozenset({"and", "or", "div", "mod"})


class Builder:
    """Turns a lark tree into nodes, collecting references on the way."""

    def __init__(self) -> None:
        self.references: set[str] = set()
        self.uses_current = False

    def build(self, tree: Tree[Token] | Token, depth: int = 0) -> Node:
        if depth > MAX_DEPTH:
            raise ExpressionError("expression is nested too deeply", column_of(tree))
        if isinstance(tree, Token):  # pragma: no cover - every terminal is wrapped in a rule
            raise ExpressionError(f"unexpected {tree.value!r}", column_of(tree))
        handler = getattr(self, f"_build_{tree.data}")
        node: Node = handler(tree, depth + 1)
        return node

    def _build_number(self, tree: Tree[Token], depth: int) -> Node:
        token = _token(tree, 0)
        try:
            number = float(token) if "." in token else int(token)
        except ValueError:
            number = math.inf
        if not math.isfinite(number):
            raise ExpressionError("number has too many digits", column_of(token))
        return Const(number)

    def _build_string(self, tree: Tree[Token], depth: int) -> Node:
        return Const(_token(tree, 0)[1:-1])

    def _build_ref(self, tree: Tree[Token], depth: int) -> Node:
        name = _token(tree, 0)[2:-1]
        self.references.add(name)
        return Ref(name)

    def _build_current(self, tree: Tree[Token], depth: int) -> Node:
        self.uses_current = True
        return Current()

    def _build_bare_name(self, tree: Tree[Token], depth: int) -> Node:
        raise bare_name_error(_token(tree, 0))

    def _build_neg(self, tree: Tree[Token], depth: int) -> Node:
        return Negate(self.build(tree.children[1], depth))

    def _build_or_expr(self, tree: Tree[Token], depth: int) -> Node:
        return Or([self.build(child, depth) for child in tree.children])

    def _build_and_expr(self, tree: Tree[Token], depth: int) -> Node:
        return And([self.build(child, depth) for child in tree.children])

    def _build_chain(self, tree: Tree[Token], depth: int) -> Node:
        children = tree.children
        first = self.build(children[0], depth)
        steps = [
            (BINARY[str(children[i])], self.build(children[i + 1], depth))
            for i in range(1, len(children), 2)
        ]
        return Chain(first, steps)

    _build_eq_expr = _build_rel_expr = _build_add_expr = _build_mul_expr = _build_chain

    def _build_call(self, tree: Tree[Token], depth: int) -> Node:
        name = _token(tree, 0)
        args = tree.children[1:]
        expected = FUNCTIONS.get(str(name))
        if expected is None:
            raise unknown_function_error(name)
        if len(args) != expected:
            plural = "argument" if expected == 1 else "arguments"
            raise ExpressionError(
                f"function {name.value!r} takes {expected} {plural}, got {len(args)}",
                column_of(name),
            )
        nodes = [self.build(arg, depth) for arg in args]
        if name == "selected":
            return Selected(nodes[0], nodes[1])
        if name == "count-selected":
            return CountSelected(nodes[0])
        if name == "string-length":
            return StringLength(nodes[0])
        if name == "not":
            return Not(nodes[0])
        return Regex(nodes[0], nodes[1], _compile_literal_pattern(nodes[1], args[1]))


def bare_name_error(token: Token) -> ExpressionError:
    """A word used as a value: a misplaced keyword, a missing quote or a missing ``${}``."""
    if token in _KEYWORDS:
        return ExpressionError(
            f"unexpected {token.value!r}: an operand is missing", column_of(token)
        )
    hint = "" if "-" in token else f" and write question references as ${{{token}}}"
    return ExpressionError(
        f"unknown name {token.value!r}: quote text values ('{token}'){hint}", column_of(token)
    )


def unknown_function_error(token: Token) -> ExpressionError:
    known = ", ".join(sorted(FUNCTIONS))
    return ExpressionError(
        f"unknown function {token.value!r} (known functions: {known})", column_of(token)
    )


def _compile_literal_pattern(node: Node, tree: Tree[Token] | Token) -> LinearPattern | None:
    """Compile a literal regex pattern now (RE2), so a bad one fails at parse time."""
    if not isinstance(node, Const) or not isinstance(node.value, str):
        return None
    try:
        return compile_pattern(node.value)
    except PatternError as exc:
        message = f"invalid regular expression (RE2 syntax): {exc.reason}"
        raise ExpressionError(message, column_of(tree)) from None


def _token(tree: Tree[Token], index: int) -> Token:
    child = tree.children[index]
    assert isinstance(child, Token)
    return child


def column_of(item: Tree[Token] | Token) -> int:
    """Column of a token, or of a subtree's first token."""
    while isinstance(item, Tree):
        if not item.children:
            return 1
        item = item.children[0]
    return item.column or 1
