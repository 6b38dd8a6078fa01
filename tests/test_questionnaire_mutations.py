"""Property: any mutated copy of a bundled questionnaire is "ok" or ``PATH:LINE:COL`` lines.

Hypothesis deletes, repeats and swaps lines, gives values other types, re-indents,
misspells keys, renames references and cuts the file short. Whatever it makes, the
validator answers within a second with either nothing to report or one well-formed
``PATH:LINE:COL: message`` line per problem, never a traceback.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_app.questionnaire import QuestionnaireInvalid, parse_any

from .conftest import ROOT

SOURCES = {
    path.name: path.read_text(encoding="utf-8").splitlines(keepends=True)
    for path in sorted((ROOT / "questionnaires").glob("*.yaml"))
}
LINE = re.compile(r"f\.yaml:(\d+):(\d+): \S[^\n]*")
#: Line breaks as YAML counts them.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
KEY_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_$][\w$.-]*:[ \t]+)(\S.*?)(\s*)$", re.DOTALL)
INLINE_VALUE = re.compile(r"(?<=: )[^,{}\[\]\n]+")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Values of other types, and YAML a questionnaire may not use.
OTHER_VALUES = [
    "tiga", "0", "-1", "3.5", "1e400", ".nan", "-.inf", "true", "no", "Yes", "null", "~",
    "[]", "{}", "[a, b]", "{a: 1}", "''", '"', "'", "2026-02-30", "2026-01-01", "12:30",
    "&a x", "*a", "!!int abc", "!!python/name:os.system", "${x}", "x" * 300,
    "\"selected(${status}, 'zz')\"", "'${jp_12_bulan} + ''a'''", "\"regex('a', .)\"",
    ">-", "|", "- a", ": :", "\t", "{{", "select_one", "competency", "integer", "focus_group",
]  # fmt: skip

Lines = list[str]
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _index(draw: Draw, lines: Lines) -> int:
    return int(draw(st.integers(0, max(0, len(lines) - 1))))


def delete(draw: Draw, lines: Lines) -> Lines:
    index = _index(draw, lines)
    return lines[:index] + lines[index + 1 :]


def duplicate(draw: Draw, lines: Lines) -> Lines:
    index = _index(draw, lines)
    return lines[: index + 1] + lines[index:]


def swap(draw: Draw, lines: Lines) -> Lines:
    first, second = _index(draw, lines), _index(draw, lines)
    lines = list(lines)
    if lines:
        lines[first], lines[second] = lines[second], lines[first]
    return lines


def other_value(draw: Draw, lines: Lines) -> Lines:
    """A ``key: value`` line, or one value inside a ``{...}`` map, gets another value."""
    index = _index(draw, lines)
    line, value = lines[index] if lines else "", draw(st.sampled_from(OTHER_VALUES))
    spans = [match.span() for match in INLINE_VALUE.finditer(line)]
    if (match := KEY_VALUE.match(line)) and not spans:
        line = f"{match.group(1)}{value}{match.group(3)}"
    elif spans:
        start, end = draw(st.sampled_from(spans))
        line = line[:start] + value + line[end:]
    return [*lines[:index], line, *lines[index + 1 :]] if lines else lines


def reindent(draw: Draw, lines: Lines) -> Lines:
    index = _index(draw, lines)
    line = lines[index] if lines else ""
    line = "  " + line if draw(st.booleans()) else line.removeprefix("  ")
    return [*lines[:index], line, *lines[index + 1 :]] if lines else lines


def rename(draw: Draw, lines: Lines) -> Lines:
    """A word (a key, a name, a reference) becomes another word of the file, or loses a letter."""
    index = _index(draw, lines)
    line = lines[index] if lines else ""
    words = [match.span() for match in WORD.finditer(line)]
    if not words:
        return lines
    start, end = draw(st.sampled_from(words))
    other = draw(st.sampled_from(WORD.findall("".join(lines[:50])) or ["x"]))
    new = line[start : end - 1] if draw(st.booleans()) else other
    return [*lines[:index], line[:start] + new + line[end:], *lines[index + 1 :]]


def truncate(draw: Draw, lines: Lines) -> Lines:
    text = "".join(lines)
    cut = int(draw(st.integers(0, len(text))))
    return text[:cut].splitlines(keepends=True)


MUTATIONS = [delete, duplicate, swap, other_value, other_value, reindent, rename, truncate]


@st.composite
def mutated(draw: Draw) -> str:
    lines = list(SOURCES[draw(st.sampled_from(sorted(SOURCES)))])
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    return "".join(lines)


def validate(text: str) -> list[str]:
    """What ``questionnaire validate`` prints for the file: its problems, or nothing."""
    try:
        parse_any(text)
    except QuestionnaireInvalid as exc:
        return exc.format("f.yaml")
    return []


def checked_validate(text: str) -> list[str]:
    """:func:`validate`, failing the test unless it took under a second of CPU and every
    problem is a ``f.yaml:LINE:COL: message`` line pointing into the file."""
    started = time.process_time()  # CPU time: other work on a busy machine does not count
    lines = validate(text)
    elapsed = time.process_time() - started
    assert elapsed < 1.0, f"took {elapsed:.2f} s of CPU"
    lines_in_file = len(LINE_BREAK.split(text)) + 1  # a problem may sit just past the end
    for line in lines:
        match = LINE.fullmatch(line)
        assert match is not None, f"not PATH:LINE:COL: {line!r}"
        number = int(match.group(1))
        assert number in range(1, lines_in_file + 1), f"line {number} is not in the file: {line}"
    return lines


#: Words that tell which pass a message comes from (to check the inputs are varied).
PASSES = {
    "yaml": ("YAML", "not allowed", "tab characters", "bytes, more than"),
    "schema": ("must be", "unknown key", "missing required key", "unknown question type"),
    "semantic": ("duplicate", "expression", "missing '", "unknown choice list", "not a value"),
}


def passes(lines: list[str]) -> set[str]:
    if not lines:
        return {"ok"}
    text = "\n".join(lines)
    return {name for name, words in PASSES.items() if any(word in text for word in words)}


@pytest.mark.slow
def test_a_mutated_questionnaire_gives_ok_or_path_line_col_lines() -> None:
    seen: set[str] = set()

    @settings(
        max_examples=1000,
        derandomize=True,
        database=None,
        deadline=None,  # CPU time is measured below (wall time varies with the machine's load)
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated())
    def check(text: str) -> None:
        seen.update(passes(checked_validate(text)))

    check()
    # The property is only as good as its inputs: they reach every pass, and valid files.
    assert {"ok", "yaml", "schema", "semantic"} <= seen, seen
