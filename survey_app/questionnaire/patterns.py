"""Regular expressions on answers, run by RE2 so matching is linear in the answer's length.

Python's ``re`` backtracks: ``(a+)+b`` against 27 ``a`` took 4.5 s of CPU, doubling
with every character, and while the pattern comes from a questionnaire file, the text
comes from any respondent. RE2 (Google's engine, the ``google-re2`` package) never
backtracks, so no pattern can do that. In exchange it has no backreferences (``\\1``)
and no lookaround (``(?=``, ``(?!``, ``(?<=``, ``(?<!``), and ``\\d``, ``\\w``, ``\\s`` and
``\\b`` are ASCII only. Both :attr:`~.types.textual.Text.pattern` and the expression
function ``regex()`` use this module, always as a full match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

import re2

#: Compiled patterns kept per process: a form's patterns, plus recent computed ones.
CACHE_SIZE: Final = 256


class PatternError(ValueError):
    """A pattern RE2 cannot compile; ``reason`` is RE2's own explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinearPattern:
    """A compiled RE2 pattern that only ever answers "does the whole text match?"."""

    source: str
    _compiled: Any = field(repr=False, compare=False)

    def fullmatch(self, text: str) -> bool:
        try:
            return self._compiled.fullmatch(text) is not None
        except UnicodeEncodeError:  # a lone surrogate: not text any respondent could type
            return False


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # RE2 would print every refused pattern on stderr
    return options


_OPTIONS: Final = _options()


@lru_cache(maxsize=CACHE_SIZE)
def compile_pattern(source: str) -> LinearPattern:
    """Compile ``source`` once per process; raises :class:`PatternError`."""
    try:
        return LinearPattern(source, re2.compile(source, _OPTIONS))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "not a valid pattern"
        raise PatternError(
            reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        ) from None
    except UnicodeEncodeError:
        raise PatternError("the pattern contains a character that is not valid text") from None


def pattern_problem(source: str) -> str | None:
    """The validation message for a pattern RE2 refuses, ``None`` when it compiles."""
    try:
        compile_pattern(source)
    except PatternError as exc:
        return (
            f"invalid regular expression: {exc.reason} "
            "(patterns use RE2 syntax: no backreferences, no lookaround)"
        )
    return None
