"""How each kind of schema error reads: plain words, saying what was found.

Each pydantic error type maps to a predicate for the key it concerns, e.g.
``max_selected`` + ``must be a whole number (found 'tiga')``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .spec import FORM_ID_PATTERN
from .types.base import NAME_PATTERN
from .yaml_source import Path

#: Patterns of the format, as an author would explain them.
_PATTERNS = {
    NAME_PATTERN: "must start with a letter or _ and contain only letters, digits and _",
    FORM_ID_PATTERN: (
        "must use only lower-case letters, digits, _ and -, starting with a letter or digit"
    ),
    r"^[A-Za-z0-9_.-]+$": "may contain only letters, digits, _, . and -",
}
_QUOTE_HINT = "; put it in quotes"
#: YAML 1.1 reads unquoted yes/no/on/off (any case) as true/false.
_BOOLEAN_HINT = "; YAML reads unquoted Yes, No, On and Off as true/false: put the text in quotes"


@dataclass(frozen=True)
class SchemaError:
    """One pydantic error, moved onto the data path it concerns."""

    type: str
    path: Path
    found: Any
    ctx: dict[str, Any]
    message: str


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else ""


def found(value: Any) -> str:
    """A value as the author wrote it, briefly."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"
    if isinstance(value, dict):
        return "a map of keys and values"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _found(error: SchemaError, hint: str = "") -> str:
    return f"(found {found(error.found)}{hint})"


def _needs_text(error: SchemaError) -> str:
    return f"must be text {_found(error, _quote_hint(error.found))}"


def _quote_hint(value: Any) -> str:
    """Text expected: YAML reads unquoted Yes/No/On/Off, numbers and times as other types."""
    if isinstance(value, bool):
        return _BOOLEAN_HINT
    if value is None or isinstance(value, (str, dict, list)):
        return ""
    return _QUOTE_HINT


def _one_of(error: SchemaError) -> str:
    allowed = re.findall(r"'([^']*)'", str(error.ctx.get("expected", "")))
    suggestion = did_you_mean(str(error.found), allowed) if isinstance(error.found, str) else ""
    return f"must be {_choice_of(allowed)} {_found(error)}{suggestion}"


def _choice_of(values: list[str]) -> str:
    """``'a'``, ``'a' or 'b'``, ``one of 'a', 'b', 'c'``."""
    quoted = [f"'{value}'" for value in values]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return f"one of {', '.join(quoted)}"


def _pattern(error: SchemaError) -> str:
    pattern = str(error.ctx.get("pattern", ""))
    rule = _PATTERNS.get(pattern, f"must match the pattern {pattern}")
    return f"{rule} {_found(error)}"


def _count(error: SchemaError, limit: str, bound: str) -> str:
    entries = "entry" if error.ctx.get(limit) == 1 else "entries"
    actual = error.ctx.get("actual_length")
    return f"must have {bound} {error.ctx.get(limit)} {entries} (found {actual})"


def _length(error: SchemaError, limit: str, bound: str) -> str:
    if limit == "min_length" and error.ctx.get(limit) == 1:
        return "must not be empty"
    return f"must be {bound} {error.ctx.get(limit)} characters long {_found(error)}"


WORDING: dict[str, Callable[[SchemaError], str]] = {
    "int_type": lambda e: f"must be a whole number {_found(e)}",
    "int_parsing": lambda e: f"must be a whole number {_found(e)}",
    "int_from_float": lambda e: f"must be a whole number {_found(e)}",
    "float_type": lambda e: f"must be a number {_found(e)}",
    "float_parsing": lambda e: f"must be a number {_found(e)}",
    "finite_number": lambda e: f"must be a finite number {_found(e)}",
    "bool_type": lambda e: f"must be true or false {_found(e)}",
    "bool_parsing": lambda e: f"must be true or false {_found(e)}",
    "string_type": _needs_text,
    "text_type": lambda e: (
        f"must be text, or a map from language to text {_found(e, _quote_hint(e.found))}"
    ),
    "language_key": lambda e: f"must use language codes such as id or en as keys {_found(e)}",
    "string_pattern_mismatch": _pattern,
    "string_too_short": lambda e: _length(e, "min_length", "at least"),
    "string_too_long": lambda e: _length(e, "max_length", "at most"),
    "too_short": lambda e: _count(e, "min_length", "at least"),
    "too_long": lambda e: _count(e, "max_length", "at most"),
    "greater_than_equal": lambda e: f"must be at least {e.ctx.get('ge')} {_found(e)}",
    "greater_than": lambda e: f"must be more than {e.ctx.get('gt')} {_found(e)}",
    "less_than_equal": lambda e: f"must be at most {e.ctx.get('le')} {_found(e)}",
    "less_than": lambda e: f"must be less than {e.ctx.get('lt')} {_found(e)}",
    "literal_error": _one_of,
    "enum": _one_of,
    "model_type": lambda e: f"must be a map of keys and values {_found(e)}",
    "model_attributes_type": lambda e: f"must be a map of keys and values {_found(e)}",
    "dict_type": lambda e: f"must be a map of keys and values {_found(e)}",
    "list_type": lambda e: f"must be a list {_found(e)}",
    "date_type": lambda e: f"must be a date written YYYY-MM-DD {_found(e)}",
    "date_parsing": lambda e: f"must be a date written YYYY-MM-DD {_found(e)}",
    "date_from_datetime_parsing": lambda e: f"must be a date written YYYY-MM-DD {_found(e)}",
    "date_from_datetime_inexact": lambda e: f"must be a date without a time {_found(e)}",
}
