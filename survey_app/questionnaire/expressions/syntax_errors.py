"""Turning lark's syntax exceptions into :class:`ExpressionError` messages with columns."""

from __future__ import annotations

import re
from typing import Final

from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)

from .builder import FUNCTIONS, bare_name_error, column_of, unknown_function_error
from .errors import ExpressionError
from .grammar import PARSER


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
        PARSER.parse(prefix)
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
        for token in PARSER.lex(source[:end]):
            if token.type in _KEYWORD_TYPES and (previous is None or previous in _OPERAND_EXPECTED):
                message = f"unexpected {token.value!r}: an operand is missing"
                return ExpressionError(message, column_of(token))
            if token.type == "NAME" and not _CALL_FOLLOWS.match(source, token.end_pos or 0):
                return bare_name_error(token)
            if token.type == "NAME" and token not in FUNCTIONS:
                return unknown_function_error(token)
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


def syntax_error(source: str, exc: UnexpectedInput) -> ExpressionError:
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
