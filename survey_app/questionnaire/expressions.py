"""XLSForm-style expressions for ``relevant`` (skip logic) and ``constraint`` fields.

An expression is parsed once per questionnaire version with a LALR grammar
(:mod:`lark`) and compiled into a tree of small node objects; evaluating it on
every page only calls those nodes, it never re-parses or walks lark trees.
Nothing here uses ``eval``/``exec``.

Syntax
------
``${name}`` refers to another question's answer, ``.`` to the current
question's own value. Literals are integers, decimals (``2.5``, ``.5``) and
strings in single or double quotes (no escapes, as in XPath). Operators, from
lowest to highest precedence::

    or  <  and  <  = !=  <  < <= > >=  <  + -  <  * div mod  <  unary -

All binary operators are left-associative. Functions: ``selected(x, v)``,
``count-selected(x)``, ``string-length(x)``, ``regex(x, pattern)``,
``not(x)``. An unknown function or a wrong number of arguments is a parse
error. A bare word such as ``yes`` is a parse error too (strings need quotes).

Values
------
Answers are Python values: ``None`` (unanswered or not relevant), ``str``,
``int``, ``float``, ``bool``, ``list[str]`` (select_multiple, ranking) or
``dict`` (a competency item). A whole ``dict`` is read as unanswered (it is not
meaningful as a single value), and so is a name missing from ``values``.

* **Unanswered** means ``None``, ``''``, ``[]`` (or a dict). Unanswered equals
  unanswered (so ``${q} = ''`` tests "not answered" and ``${q} != ''``
  "answered") and is unequal to anything else, including ``0``. ``!=`` is
  always the negation of ``=``. An ordering comparison (``<`` ...) with an
  unanswered side is false.
* **Comparisons**: when both sides read as numbers they compare numerically,
  otherwise as strings. Numbers are ``int``/``float``/``bool`` (true is 1) and
  strings in XPath number syntax (``'3'``, ``' -2.5 '``; not ``'1e3'``,
  ``'nan'``). A list reads as its space-joined string (XLSForm select_multiple
  semantics), a bool as ``'true'``/``'false'``, an integral float as ``'2'``.
* **Arithmetic** (``+ - * div mod``, unary ``-``) needs numbers on both sides;
  otherwise, or on division/modulo by zero or overflow, the result is ``None``
  (which then behaves as unanswered). ``div`` is true division; ``mod`` has
  ``math.fmod`` semantics (the sign follows the dividend) and is exact on ints.
* **Logic**: ``and``/``or``/``not`` use truthiness and return ``bool``;
  ``None``, ``''``, ``[]``, dicts, ``0``, NaN and ``False`` are false.
* ``selected(x, v)``: ``x`` is a list containing ``v``, or a string equal to
  ``v`` or whose space-separated tokens contain ``v``.
* ``count-selected(x)``: length of a list, number of space-separated tokens
  of anything else (0 when unanswered).
* ``string-length(x)``: length of ``x`` as a string (0 when unanswered).
* ``regex(x, p)``: ``re.fullmatch`` of ``p`` against ``x`` as a string; false
  when ``x`` is ``None`` or longer than 10,000 characters (a guard against
  catastrophic backtracking). A literal pattern is compiled at parse time and
  an invalid one is a parse error; a computed pattern that does not compile
  makes the result false.

Evaluation never raises on any input values.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final, TypeAlias

from lark import Lark, Token, Tree
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)

__all__ = ["Expression", "ExpressionError", "parse_expression"]

Number: TypeAlias = int | float
Values: TypeAlias = Mapping[str, object]

#: Longest string ``regex()`` will look at.
MAX_REGEX_INPUT: Final = 10_000
#: Deepest tree of operators/function calls accepted; bounds recursion at evaluation.
MAX_DEPTH: Final = 100

_GRAMMAR: Final = r"""
?start: or_expr

?or_expr: and_expr (_OR and_expr)*
?and_expr: eq_expr (_AND eq_expr)*
?eq_expr: rel_expr ((EQ | NE) rel_expr)*
?rel_expr: add_expr ((LT | LE | GT | GE) add_expr)*
?add_expr: mul_expr ((PLUS | MINUS) mul_expr)*
?mul_expr: unary ((STAR | DIV | MOD) unary)*
?unary: atom
      | MINUS unary                                   -> neg
?atom: NUMBER                                         -> number
     | STRING                                         -> string
     | REF                                            -> ref
     | DOT                                            -> current
     | NAME _LPAR (or_expr (_COMMA or_expr)*)? _RPAR  -> call
     | NAME                                           -> bare_name
     | _LPAR or_expr _RPAR

_OR.2: /or(?![A-Za-z0-9_])/
_AND.2: /and(?![A-Za-z0-9_])/
DIV.2: /div(?![A-Za-z0-9_])/
MOD.2: /mod(?![A-Za-z0-9_])/
NAME: /[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z_][A-Za-z0-9_]*)*/
REF: /\$\{[A-Za-z_][A-Za-z0-9_]*\}/
NUMBER: /[0-9]+(\.[0-9]*)?|\.[0-9]+/
STRING: /'[^']*'|"[^"]*"/
EQ: "="
NE: "!="
LT: "<"
LE: "<="
GT: ">"
GE: ">="
PLUS: "+"
MINUS: "-"
STAR: "*"
DOT: "."
_LPAR: "("
_RPAR: ")"
_COMMA: ","

%ignore /[ \t\r\n]+/
"""

_PARSER: Final = Lark(_GRAMMAR, parser="lalr", maybe_placeholders=False)

_NUMERIC_RE: Final = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")


class ExpressionError(ValueError):
    """Bad expression; ``column`` is the 1-based column in the expression text (1 if unknown)."""

    message: str
    column: int

    def __init__(self, message: str, column: int = 1) -> None:
        self.message = message
        self.column = max(column, 1)
        super().__init__(f"{message} (column {self.column})")


# --- value coercions ---------------------------------------------------------


def _normalize(value: object) -> object:
    """A whole dict (competency item) reads as unanswered; see the module docstring."""
    return None if isinstance(value, dict) else value


def _is_empty(value: object) -> bool:
    """Unanswered: None, '', [] (dicts never get here, :func:`_normalize` maps them to None)."""
    if value is None:
        return True
    if isinstance(value, (str, list, tuple)):
        return len(value) == 0
    return False


def _truthy(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, (int, float)):
        return value != 0 and value == value  # NaN is false, as in XPath
    return bool(value)


def _to_str(value: object) -> str:
    """The XPath string value: lists space-joined, bools ``true``/``false``, ``2.0`` as ``2``."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple)):
        return " ".join(_to_str(item) for item in value)
    try:
        return str(value)
    except ValueError:  # an int beyond Python's digit limit
        return ""


def _to_number(value: object) -> Number | None:
    """The numeric reading of a value, or None when it is not a number."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = _to_str(value)
    if isinstance(value, str) and _NUMERIC_RE.fullmatch(value):
        text = value.strip()
        try:
            return float(text) if "." in text else int(text)
        except ValueError:  # more digits than Python converts
            return None
    return None


# --- operators -----------------------------------------------------------------

Binary: TypeAlias = Callable[[object, object], object]


def _equal(left: object, right: object) -> bool:
    left_empty, right_empty = _is_empty(left), _is_empty(right)
    if left_empty or right_empty:
        return left_empty and right_empty
    left_num, right_num = _to_number(left), _to_number(right)
    if left_num is not None and right_num is not None:
        return left_num == right_num
    return _to_str(left) == _to_str(right)


def _not_equal(left: object, right: object) -> bool:
    return not _equal(left, right)


def _ordering(test: Callable[[Any, Any], Any]) -> Binary:
    """An ordering comparison: numeric when both sides are numbers, else by string."""

    def compare(left: object, right: object) -> bool:
        if _is_empty(left) or _is_empty(right):
            return False
        left_num, right_num = _to_number(left), _to_number(right)
        if left_num is not None and right_num is not None:
            return bool(test(left_num, right_num))
        return bool(test(_to_str(left), _to_str(right)))

    return compare


def _arithmetic(op: Callable[[Number, Number], Number | None]) -> Binary:
    """An arithmetic operator that yields None for non-numbers and failed operations."""

    def apply(left: object, right: object) -> Number | None:
        left_num, right_num = _to_number(left), _to_number(right)
        if left_num is None or right_num is None:
            return None
        try:
            return op(left_num, right_num)
        except (ArithmeticError, ValueError):
            return None

    return apply


def _divide(left: Number, right: Number) -> Number | None:
    return None if right == 0 else left / right


def _modulo(left: Number, right: Number) -> Number | None:
    if right == 0:
        return None
    if isinstance(left, int) and isinstance(right, int):
        remainder = abs(left) % abs(right)
        return remainder if left >= 0 else -remainder
    return math.fmod(left, right)


_BINARY: Final[dict[str, Binary]] = {
    "=": _equal,
    "!=": _not_equal,
    "<": _ordering(operator.lt),
    "<=": _ordering(operator.le),
    ">": _ordering(operator.gt),
    ">=": _ordering(operator.ge),
    "+": _arithmetic(operator.add),
    "-": _arithmetic(operator.sub),
    "*": _arithmetic(operator.mul),
    "div": _arithmetic(_divide),
    "mod": _arithmetic(_modulo),
}


# --- evaluation nodes ----------------------------------------------------------


class _Node:
    """A compiled sub-expression."""

    __slots__ = ()

    def eval(self, values: Values, current: object) -> object:
        raise NotImplementedError


class _Const(_Node):
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def eval(self, values: Values, current: object) -> object:
        return self.value


class _Ref(_Node):
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def eval(self, values: Values, current: object) -> object:
        return _normalize(values.get(self.name))


class _Current(_Node):
    __slots__ = ()

    def eval(self, values: Values, current: object) -> object:
        return current


class _Negate(_Node):
    __slots__ = ("operand",)

    def __init__(self, operand: _Node) -> None:
        self.operand = operand

    def eval(self, values: Values, current: object) -> object:
        number = _to_number(self.operand.eval(values, current))
        return None if number is None else -number


class _Chain(_Node):
    """A left-associative run of binary operators at one precedence level."""

    __slots__ = ("first", "steps")

    def __init__(self, first: _Node, steps: Sequence[tuple[Binary, _Node]]) -> None:
        self.first = first
        self.steps = tuple(steps)

    def eval(self, values: Values, current: object) -> object:
        result = self.first.eval(values, current)
        for op, operand in self.steps:
            result = op(result, operand.eval(values, current))
        return result


class _And(_Node):
    __slots__ = ("operands",)

    def __init__(self, operands: Sequence[_Node]) -> None:
        self.operands = tuple(operands)

    def eval(self, values: Values, current: object) -> object:
        return all(_truthy(node.eval(values, current)) for node in self.operands)


class _Or(_Node):
    __slots__ = ("operands",)

    def __init__(self, operands: Sequence[_Node]) -> None:
        self.operands = tuple(operands)

    def eval(self, values: Values, current: object) -> object:
        return any(_truthy(node.eval(values, current)) for node in self.operands)


class _Not(_Node):
    __slots__ = ("operand",)

    def __init__(self, operand: _Node) -> None:
        self.operand = operand

    def eval(self, values: Values, current: object) -> object:
        return not _truthy(self.operand.eval(values, current))


class _Selected(_Node):
    __slots__ = ("choice", "subject")

    def __init__(self, subject: _Node, choice: _Node) -> None:
        self.subject = subject
        self.choice = choice

    def eval(self, values: Values, current: object) -> object:
        subject = self.subject.eval(values, current)
        if _is_empty(subject):
            return False
        choice = _to_str(self.choice.eval(values, current))
        if isinstance(subject, (list, tuple)):
            return any(_to_str(item) == choice for item in subject)
        text = _to_str(subject)
        return text == choice or choice in text.split()


class _CountSelected(_Node):
    __slots__ = ("subject",)

    def __init__(self, subject: _Node) -> None:
        self.subject = subject

    def eval(self, values: Values, current: object) -> object:
        subject = self.subject.eval(values, current)
        if isinstance(subject, (list, tuple)):
            return len(subject)
        return len(_to_str(subject).split())


class _StringLength(_Node):
    __slots__ = ("subject",)

    def __init__(self, subject: _Node) -> None:
        self.subject = subject

    def eval(self, values: Values, current: object) -> object:
        return len(_to_str(self.subject.eval(values, current)))


@lru_cache(maxsize=256)
def _compile_dynamic(pattern: str) -> re.Pattern[str] | None:
    """A computed regex pattern, compiled once; None when it is invalid."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


class _Regex(_Node):
    __slots__ = ("compiled", "pattern", "subject")

    def __init__(self, subject: _Node, pattern: _Node, compiled: re.Pattern[str] | None) -> None:
        self.subject = subject
        self.pattern = pattern
        self.compiled = compiled

    def eval(self, values: Values, current: object) -> object:
        subject = self.subject.eval(values, current)
        if subject is None:
            return False
        text = _to_str(subject)
        if len(text) > MAX_REGEX_INPUT:
            return False
        compiled = self.compiled
        if compiled is None:
            compiled = _compile_dynamic(_to_str(self.pattern.eval(values, current)))
            if compiled is None:
                return False
        return compiled.fullmatch(text) is not None


# --- parse tree -> nodes -------------------------------------------------------

#: Function name -> number of arguments.
FUNCTIONS: Final[Mapping[str, int]] = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "regex": 2,
    "not": 1,
}

_KEYWORDS: Final = frozenset({"and", "or", "div", "mod"})


class _Builder:
    """Turns a lark tree into nodes, collecting references on the way."""

    def __init__(self) -> None:
        self.references: set[str] = set()
        self.uses_current = False

    def build(self, tree: Tree[Token] | Token, depth: int = 0) -> _Node:
        if depth > MAX_DEPTH:
            raise ExpressionError("expression is nested too deeply", _column_of(tree))
        if isinstance(tree, Token):  # pragma: no cover - every terminal is wrapped in a rule
            raise ExpressionError(f"unexpected {tree.value!r}", _column_of(tree))
        handler = getattr(self, f"_build_{tree.data}")
        node: _Node = handler(tree, depth + 1)
        return node

    def _build_number(self, tree: Tree[Token], depth: int) -> _Node:
        token = _token(tree, 0)
        try:
            return _Const(float(token) if "." in token else int(token))
        except ValueError:
            raise ExpressionError("number has too many digits", _column_of(token)) from None

    def _build_string(self, tree: Tree[Token], depth: int) -> _Node:
        return _Const(_token(tree, 0)[1:-1])

    def _build_ref(self, tree: Tree[Token], depth: int) -> _Node:
        name = _token(tree, 0)[2:-1]
        self.references.add(name)
        return _Ref(name)

    def _build_current(self, tree: Tree[Token], depth: int) -> _Node:
        self.uses_current = True
        return _Current()

    def _build_bare_name(self, tree: Tree[Token], depth: int) -> _Node:
        raise _bare_name_error(_token(tree, 0))

    def _build_neg(self, tree: Tree[Token], depth: int) -> _Node:
        return _Negate(self.build(tree.children[1], depth))

    def _build_or_expr(self, tree: Tree[Token], depth: int) -> _Node:
        return _Or([self.build(child, depth) for child in tree.children])

    def _build_and_expr(self, tree: Tree[Token], depth: int) -> _Node:
        return _And([self.build(child, depth) for child in tree.children])

    def _build_chain(self, tree: Tree[Token], depth: int) -> _Node:
        children = tree.children
        first = self.build(children[0], depth)
        steps = [
            (_BINARY[str(children[i])], self.build(children[i + 1], depth))
            for i in range(1, len(children), 2)
        ]
        return _Chain(first, steps)

    _build_eq_expr = _build_rel_expr = _build_add_expr = _build_mul_expr = _build_chain

    def _build_call(self, tree: Tree[Token], depth: int) -> _Node:
        name = _token(tree, 0)
        args = tree.children[1:]
        expected = FUNCTIONS.get(str(name))
        if expected is None:
            raise _unknown_function_error(name)
        if len(args) != expected:
            plural = "argument" if expected == 1 else "arguments"
            raise ExpressionError(
                f"function {name.value!r} takes {expected} {plural}, got {len(args)}",
                _column_of(name),
            )
        nodes = [self.build(arg, depth) for arg in args]
        if name == "selected":
            return _Selected(nodes[0], nodes[1])
        if name == "count-selected":
            return _CountSelected(nodes[0])
        if name == "string-length":
            return _StringLength(nodes[0])
        if name == "not":
            return _Not(nodes[0])
        return _Regex(nodes[0], nodes[1], _compile_literal_pattern(nodes[1], args[1]))


def _bare_name_error(token: Token) -> ExpressionError:
    """A word used as a value: a misplaced keyword, a missing quote or a missing ``${}``."""
    if token in _KEYWORDS:
        return ExpressionError(
            f"unexpected {token.value!r}: an operand is missing", _column_of(token)
        )
    hint = "" if "-" in token else f" and write question references as ${{{token}}}"
    return ExpressionError(
        f"unknown name {token.value!r}: quote text values ('{token}'){hint}", _column_of(token)
    )


def _unknown_function_error(token: Token) -> ExpressionError:
    known = ", ".join(sorted(FUNCTIONS))
    return ExpressionError(
        f"unknown function {token.value!r} (known functions: {known})", _column_of(token)
    )


def _compile_literal_pattern(node: _Node, tree: Tree[Token] | Token) -> re.Pattern[str] | None:
    """Compile a literal regex pattern now, so a bad one fails at parse time."""
    if not isinstance(node, _Const) or not isinstance(node.value, str):
        return None
    try:
        return re.compile(node.value)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        reason = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        raise ExpressionError(f"invalid regular expression: {reason}", _column_of(tree)) from None


def _token(tree: Tree[Token], index: int) -> Token:
    child = tree.children[index]
    assert isinstance(child, Token)
    return child


def _column_of(item: Tree[Token] | Token) -> int:
    """Column of a token, or of a subtree's first token."""
    while isinstance(item, Tree):
        if not item.children:
            return 1
        item = item.children[0]
    return item.column or 1


# --- syntax errors -------------------------------------------------------------


def _paren_balance(text: str) -> int:
    """Open minus closed parentheses, ignoring quoted strings."""
    balance = 0
    quote = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            balance += 1
        elif char == ")":
            balance -= 1
    return balance


_WORD: Final = re.compile(r"[A-Za-z0-9_]+|\S")


def _word_at(source: str, index: int) -> str:
    """The word (or single character) at ``index``, to quote in a message."""
    match = _WORD.match(source, index)
    return match.group() if match else source[index : index + 1]


def _is_complete(prefix: str) -> bool:
    """Whether the text before an unexpected token is a whole expression (error path only)."""
    try:
        _PARSER.parse(prefix)
    except LarkError:
        return False
    return True


def _end_error(source: str) -> ExpressionError:
    column = len(source.rstrip()) + 1
    if _paren_balance(source) > 0:
        return ExpressionError("missing closing parenthesis ')'", column)
    return ExpressionError("expression ends unexpectedly", column)


def _token_error(source: str, exc: UnexpectedToken) -> ExpressionError:
    token = exc.token
    if token.type == "$END":
        return _end_error(source)
    column = token.column or 1
    start = token.start_pos or 0
    if token.type == "_RPAR" and _paren_balance(source[: start + 1]) < 0:
        return ExpressionError("unmatched closing parenthesis ')'", column)
    if _is_complete(source[:start]):
        return ExpressionError(f"unexpected {token.value!r} after a complete expression", column)
    return ExpressionError(f"unexpected {token.value!r}", column)


def _character_error(source: str, exc: UnexpectedCharacters) -> ExpressionError:
    index = exc.pos_in_stream or 0
    char = source[index]
    column = exc.column
    if char in "'\"":
        return ExpressionError(f"unterminated string starting with {char}", column)
    if char == "$":
        return ExpressionError("invalid question reference: write ${name}", column)
    return ExpressionError(f"unexpected {_word_at(source, index)!r}", column)


_OPERAND_EXPECTED: Final = frozenset(
    {"_OR", "_AND", "EQ", "NE", "LT", "LE", "GT", "GE", "PLUS", "MINUS", "STAR", "DIV", "MOD"}
    | {"_LPAR", "_COMMA"}
)
_KEYWORD_TYPES: Final = frozenset({"_OR", "_AND", "DIV", "MOD"})
_CALL_FOLLOWS: Final = re.compile(r"\s*\(")


def _word_error(source: str, end: int) -> ExpressionError | None:
    """A bad word (bare name, misplaced keyword, unknown function) before ``end``.

    Such words are only rejected when the tree is built, so when a syntax error
    follows one, the word is the earlier problem and the one to report.
    """
    previous = None
    try:
        for token in _PARSER.lex(source[:end]):
            if token.type in _KEYWORD_TYPES and (previous is None or previous in _OPERAND_EXPECTED):
                message = f"unexpected {token.value!r}: an operand is missing"
                return ExpressionError(message, _column_of(token))
            if token.type == "NAME" and not _CALL_FOLLOWS.match(source, token.end_pos or 0):
                return _bare_name_error(token)
            if token.type == "NAME" and token not in FUNCTIONS:
                return _unknown_function_error(token)
            previous = token.type
    except LarkError:
        return None
    return None


def _error_index(source: str, exc: UnexpectedInput) -> int:
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        return exc.token.start_pos or 0
    if isinstance(exc, UnexpectedCharacters):
        return exc.pos_in_stream or 0
    return len(source)


def _syntax_error(source: str, exc: UnexpectedInput) -> ExpressionError:
    earlier = _word_error(source, _error_index(source, exc))
    if earlier is not None:
        return earlier
    if isinstance(exc, UnexpectedToken):
        return _token_error(source, exc)
    if isinstance(exc, UnexpectedCharacters):
        return _character_error(source, exc)
    if isinstance(exc, UnexpectedEOF):
        return _end_error(source)
    return ExpressionError(str(exc), getattr(exc, "column", 1))


# --- public API ----------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """A parsed expression, ready to evaluate against a response's answers."""

    source: str
    references: frozenset[str]
    uses_current: bool
    _root: _Node = field(compare=False, repr=False)

    def evaluate(self, values: Mapping[str, object], current: object = None) -> object:
        """The expression's value; ``current`` is what ``.`` stands for."""
        return self._root.eval(values, _normalize(current))

    def is_true(self, values: Mapping[str, object], current: object = None) -> bool:
        """Truthiness of :meth:`evaluate`: None, '', [], 0 and False are false."""
        return _truthy(self.evaluate(values, current))


def parse_expression(source: str) -> Expression:
    """Parse and compile ``source``; raises :class:`ExpressionError` when it is malformed."""
    if not source.strip():
        raise ExpressionError("expression is empty", 1)
    try:
        tree = _PARSER.parse(source)
    except UnexpectedInput as exc:
        raise _syntax_error(source, exc) from None
    except LarkError as exc:  # pragma: no cover - defensive
        raise ExpressionError(str(exc), 1) from None
    builder = _Builder()
    root = builder.build(tree)
    return Expression(source, frozenset(builder.references), builder.uses_current, root)
