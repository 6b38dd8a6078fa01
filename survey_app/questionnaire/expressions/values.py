"""Value coercions and binary operators, with the semantics described in the package docstring."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeAlias

Number: TypeAlias = int | float
Values: TypeAlias = Mapping[str, object]

_NUMERIC_RE: Final = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")


# --- value coercions ---------------------------------------------------------


def normalize(value: object) -> object:
    """A whole dict (competency item) reads as unanswered; see the package docstring."""
    return None if isinstance(value, dict) else value


def is_empty(value: object) -> bool:
    """Unanswered: None, '', [] (dicts never get here, :func:`normalize` maps them to None)."""
    if value is None:
        return True
    if isinstance(value, (str, list, tuple)):
        return len(value) == 0
    return False


def truthy(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, (int, float)):
        return value != 0 and value == value  # NaN is false, as in XPath
    return bool(value)


def to_str(value: object) -> str:
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
        return " ".join(to_str(item) for item in value)
    try:
        return str(value)
    except ValueError:  # an int beyond Python's digit limit
        return ""


def to_number(value: object) -> Number | None:
    """The numeric reading of a value, or None when it is not a number."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = to_str(value)
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
    left_empty, right_empty = is_empty(left), is_empty(right)
    if left_empty or right_empty:
        return left_empty and right_empty
    left_num, right_num = to_number(left), to_number(right)
    if left_num is not None and right_num is not None:
        return left_num == right_num
    return to_str(left) == to_str(right)


def _not_equal(left: object, right: object) -> bool:
    return not _equal(left, right)


def _ordering(test: Callable[[Any, Any], Any]) -> Binary:
    """An ordering comparison: numeric when both sides are numbers, else by string."""

    def compare(left: object, right: object) -> bool:
        if is_empty(left) or is_empty(right):
            return False
        left_num, right_num = to_number(left), to_number(right)
        if left_num is not None and right_num is not None:
            return bool(test(left_num, right_num))
        return bool(test(to_str(left), to_str(right)))

    return compare


def _arithmetic(op: Callable[[Number, Number], Number | None]) -> Binary:
    """An arithmetic operator that yields None for non-numbers and failed operations."""

    def apply(left: object, right: object) -> Number | None:
        left_num, right_num = to_number(left), to_number(right)
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


BINARY: Final[dict[str, Binary]] = {
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
