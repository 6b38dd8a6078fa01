"""Tests for the relevance/constraint expression language."""

from __future__ import annotations

import math
import operator
import string
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark

from survey_app.questionnaire.expressions import (
    MAX_REGEX_INPUT,
    Expression,
    ExpressionError,
    parse_expression,
)

# No example database: these tests must not write files into the repository.
QUICK = settings(database=None, deadline=None, max_examples=200)


def evaluate(source: str, values: dict[str, Any] | None = None, current: Any = None) -> Any:
    return parse_expression(source).evaluate(values or {}, current)


def same(actual: Any, expected: Any) -> bool:
    """Equal value and type (so 3 != 3.0 != True here)."""
    return type(actual) is type(expected) and actual == expected


# --- table-driven evaluation ---------------------------------------------------

ARITHMETIC = [
    ("1 + 2", {}, 3),
    ("7 - 10", {}, -3),
    ("6 * 7", {}, 42),
    ("7 div 2", {}, 3.5),
    ("8 div 2", {}, 4.0),
    ("7 mod 3", {}, 1),
    ("-7 mod 3", {}, -1),
    ("7 mod -3", {}, 1),
    ("7.5 mod 2", {}, 1.5),
    ("1 div 0", {}, None),
    ("1 mod 0", {}, None),
    ("1.5 div 0.0", {}, None),
    ("-3", {}, -3),
    ("- -3", {}, 3),
    ("2.5 + .5", {}, 3.0),
    ("'abc'", {}, "abc"),
    ('"x y"', {}, "x y"),
    ("''", {}, ""),
    ("${a} + 1", {"a": "4"}, 5),
    ("${a} + 1", {"a": " 4.5 "}, 5.5),
    ("${a} + 1", {"a": None}, None),
    ("${a} + 1", {}, None),
    ("${a} + 1", {"a": "x"}, None),
    ("${a} + 1", {"a": "1e3"}, None),
    ("${a} + 1", {"a": ""}, None),
    ("${a} * 2", {"a": True}, 2),
    ("${a} + 1", {"a": ["3"]}, 4),
    ("-${a}", {"a": "x"}, None),
    ("-${a}", {"a": 2.5}, -2.5),
    ("${a}", {"a": ["x", "y"]}, ["x", "y"]),
    ("${missing}", {}, None),
    ("${comp}", {"comp": {"importance": 3, "competence": 2}}, None),
    (". + 1", {}, None),
]


@pytest.mark.parametrize(("source", "values", "expected"), ARITHMETIC)
def test_values_and_arithmetic(source: str, values: dict[str, Any], expected: Any) -> None:
    assert same(evaluate(source, values), expected)


def test_current_value() -> None:
    assert evaluate(". + 1", current=2) == 3
    assert evaluate(".", {"x": 1}, current="me") == "me"
    assert evaluate(".", current={"importance": 1}) is None


COMPARISONS = [
    ("1 = 1", {}, True),
    ("1 = 1.0", {}, True),
    ("1 = 2", {}, False),
    ("'3' = 3", {}, True),
    ("' 3 ' = 3", {}, True),
    ("'3.0' = 3", {}, True),
    ("'abc' = 'abc'", {}, True),
    ("'abc' = \"abc\"", {}, True),
    ("'abc' = 'ABC'", {}, False),
    ("'1e3' = 1000", {}, False),
    ("1 != 2", {}, True),
    ("1 != 1", {}, False),
    ("2 < 10", {}, True),
    ("'2' < '10'", {}, True),  # both numeric: compared as numbers
    ("'apple' < 'banana'", {}, True),
    ("'b' < 'a'", {}, False),
    ("'10' < 'x9'", {}, True),  # not both numeric: compared as strings
    ("3 <= 3", {}, True),
    ("4 <= 3", {}, False),
    ("4 >= 5", {}, False),
    ("5 >= 5", {}, True),
    ("5 > 4", {}, True),
    ("4 > 4", {}, False),
    ("${b} = 1", {"b": True}, True),
    ("${b} = 0", {"b": False}, True),
    ("${b} = 'true'", {"b": True}, True),
    ("${b} = 'false'", {"b": False}, True),
    ("${b} > 0", {"b": True}, True),
    ("${m} = 'a b'", {"m": ["a", "b"]}, True),
    ("${m} = 'a'", {"m": ["a", "b"]}, False),
    ("${m} = 3", {"m": ["3"]}, True),
    ("${x} = 'x'", {"x": "x"}, True),
    ("${n} = '12'", {"n": 12}, True),
    ("${f} = 2", {"f": 2.0}, True),
    ("4 div 2 = '2'", {}, True),
]


@pytest.mark.parametrize(("source", "values", "expected"), COMPARISONS)
def test_comparisons(source: str, values: dict[str, Any], expected: bool) -> None:
    assert same(evaluate(source, values), expected)


UNANSWERED = [
    ("${q} = ''", {"q": None}, True),
    ("${q} = ''", {}, True),
    ("${q} = ''", {"q": ""}, True),
    ("${q} = ''", {"q": []}, True),
    ("${q} = ''", {"q": {"importance": 1, "competence": 2}}, True),
    ("${q} = ''", {"q": 0}, False),
    ("${q} = ''", {"q": False}, False),
    ("${q} = ''", {"q": "x"}, False),
    ("${q} = ''", {"q": ["x"]}, False),
    ("${q} != ''", {"q": None}, False),
    ("${q} != ''", {"q": "x"}, True),
    ("${q} != ''", {"q": 0}, True),
    ("${q} = 0", {}, False),
    ("${q} != 0", {}, True),  # != is always the negation of =
    ("${q} = ${r}", {}, True),
    ("${q} = ${r}", {"r": 1}, False),
    ("${q} < 5", {}, False),
    ("${q} <= 5", {}, False),
    ("${q} > 5", {}, False),
    ("${q} >= 5", {}, False),
    ("5 > ${q}", {}, False),
    ("${q} >= ''", {}, False),
    ("${q} + 1 > 3", {}, False),
    ("${q} + 1 = 3", {}, False),
    ("${q} + 1 = ''", {}, True),
    ("${q} div 0 = ''", {"q": 1}, True),
]


@pytest.mark.parametrize(("source", "values", "expected"), UNANSWERED)
def test_unanswered_semantics(source: str, values: dict[str, Any], expected: bool) -> None:
    assert same(evaluate(source, values), expected)


LOGIC = [
    ("1 and 0", {}, False),
    ("1 and 2", {}, True),
    ("1 or 0", {}, True),
    ("0 or 0.0", {}, False),
    ("'' or 'x'", {}, True),
    ("not(0)", {}, True),
    ("not(1)", {}, False),
    ("not(${q})", {}, True),
    ("not(${q})", {"q": "no"}, False),
    ("not(1 div 0)", {}, True),
    ("not(not(1))", {}, True),
    ("${l} and 1", {"l": []}, False),
    ("${l} and 1", {"l": ["a"]}, True),
    ("${c} or 0", {"c": {"importance": 3}}, False),
    ("${b} or 0", {"b": False}, False),
    ("${b} and 1", {"b": True}, True),
]


@pytest.mark.parametrize(("source", "values", "expected"), LOGIC)
def test_logic(source: str, values: dict[str, Any], expected: bool) -> None:
    assert same(evaluate(source, values), expected)


PRECEDENCE = [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("10 - 4 - 3", 3),
    ("10 - (4 - 3)", 9),
    ("12 div 2 div 3", 2.0),
    ("2 * 3 mod 4", 2),
    ("2 * (3 mod 4)", 6),
    ("7 mod 4 * 2", 6),
    ("-2 * 3", -6),
    ("-(2 + 3)", -5),
    ("2 - -1", 3),
    ("1 + 1 = 2", True),
    ("2 = 1 + 1", True),
    ("1 < 2 = 2 > 1", True),  # (1 < 2) = (2 > 1)
    ("1 < 2 < 3", True),  # (1 < 2) < 3 -> true(1) < 3
    ("3 > 2 > 1", False),  # (3 > 2) > 1 -> true(1) > 1
    ("1 != 2 = 1", True),  # (1 != 2) = 1
    ("1 or 0 and 0", True),
    ("(1 or 0) and 0", False),
    ("0 and 1 or 1", True),
    ("0 and (1 or 1)", False),
    ("1 = 1 and 2 = 2", True),
    ("1 = 2 or 2 = 2", True),
    ("not(1 = 2) and 3 > 2", True),
    ("((((1))))", 1),
    ("1+2*3-4div2", None),  # 'div2' is not the keyword div -> parse error below
]


@pytest.mark.parametrize(("source", "expected"), PRECEDENCE[:-1])
def test_precedence(source: str, expected: Any) -> None:
    assert same(evaluate(source), expected)


def test_keywords_need_a_word_boundary() -> None:
    with pytest.raises(ExpressionError):
        parse_expression(PRECEDENCE[-1][0])
    assert evaluate("1+2*3-4 div 2") == 5.0
    assert evaluate("(1)and(0)") is False


FUNCTIONS = [
    ("selected(${q}, 'b')", {"q": ["a", "b"]}, True),
    ("selected(${q}, 'c')", {"q": ["a", "b"]}, False),
    ("selected(${q}, 'b')", {"q": "a b"}, True),
    ("selected(${q}, 'a b')", {"q": "a b"}, True),
    ("selected(${q}, 'a')", {"q": "ab"}, False),
    ("selected(${q}, 'a')", {"q": None}, False),
    ("selected(${q}, 'a')", {"q": []}, False),
    ("selected(${q}, '')", {"q": ""}, False),
    ("selected(${q}, 3)", {"q": ["3"]}, True),
    ("selected(${q}, '3')", {"q": 3}, True),
    ("selected(${q}, ${r})", {"q": ["x"], "r": "x"}, True),
    ("selected(${q}, 'x')", {"q": {"importance": 1}}, False),
    ("count-selected(${q})", {"q": ["a", "b", "c"]}, 3),
    ("count-selected(${q})", {"q": []}, 0),
    ("count-selected(${q})", {"q": None}, 0),
    ("count-selected(${q})", {}, 0),
    ("count-selected(${q})", {"q": "a  b c"}, 3),
    ("count-selected(${q})", {"q": ""}, 0),
    ("count-selected(${q}) >= 2", {"q": ["a", "b"]}, True),
    ("string-length(${q})", {"q": "abc"}, 3),
    ("string-length(${q})", {"q": None}, 0),
    ("string-length(${q})", {"q": ""}, 0),
    ("string-length(${q})", {"q": 12}, 2),
    ("string-length(${q})", {"q": 2.5}, 3),
    ("string-length(${q})", {"q": ["ab", "c"]}, 4),
    ("string-length(${q})", {"q": True}, 4),
    ("string-length(4 div 2)", {}, 1),
    ("string-length('héllo')", {}, 5),
    ("regex(${q}, '[0-9]{5}')", {"q": "12345"}, True),
    ("regex(${q}, '[0-9]{5}')", {"q": "123456"}, False),  # whole value must match
    ("regex(${q}, '[0-9]{5}')", {"q": "x12345"}, False),
    ("regex(${q}, '[0-9]+')", {"q": 123}, True),
    ("regex(${q}, '.*')", {"q": None}, False),
    ("regex(${q}, '.*')", {}, False),
    ("regex(${q}, '.*')", {"q": ""}, True),
    ("regex(${q}, ${p})", {"q": "a", "p": "a+"}, True),
    ("regex(${q}, ${p})", {"q": "a", "p": "["}, False),  # computed bad pattern: false
    ("regex(., '[A-Z]{3}')", {}, False),
    ("not(${q} = '')", {"q": "x"}, True),
]


@pytest.mark.parametrize(("source", "values", "expected"), FUNCTIONS)
def test_functions(source: str, values: dict[str, Any], expected: Any) -> None:
    assert same(evaluate(source, values), expected)


def test_functions_on_current_value() -> None:
    assert evaluate("selected(., 'x')", current=["x", "y"]) is True
    assert evaluate("regex(., '[A-Z]{3}')", current="ABC") is True
    assert evaluate("string-length(.) <= 5", current="abcdef") is False
    assert evaluate("count-selected(.) <= 2", current=["a", "b"]) is True


def test_regex_ignores_overlong_input() -> None:
    expression = parse_expression("regex(., 'a*')")
    assert expression.is_true({}, "a" * MAX_REGEX_INPUT)
    assert not expression.is_true({}, "a" * (MAX_REGEX_INPUT + 1))


TRUTHINESS = [
    (None, False),
    ("", False),
    ([], False),
    (0, False),
    (0.0, False),
    (math.nan, False),
    (False, False),
    ({"importance": 1}, False),
    ("0", True),
    (" ", True),
    (["a"], True),
    (-1, True),
    (True, True),
]


@pytest.mark.parametrize(("value", "expected"), TRUTHINESS)
def test_is_true_uses_truthiness(value: Any, expected: bool) -> None:
    assert parse_expression("${v}").is_true({"v": value}) is expected
    assert parse_expression(".").is_true({}, value) is expected


def test_typical_relevance_expression() -> None:
    expression = parse_expression("selected(${forms}, 'mentoring') and ${jp} < 20")
    assert expression.is_true({"forms": ["mentoring", "coaching"], "jp": 12})
    assert expression.is_true({"forms": "mentoring coaching", "jp": "19"})
    assert not expression.is_true({"forms": ["mentoring"], "jp": 20})
    assert not expression.is_true({"forms": ["coaching"], "jp": 1})
    assert not expression.is_true({"forms": ["mentoring"]})
    assert not expression.is_true({})


def test_evaluation_does_not_reparse(monkeypatch: pytest.MonkeyPatch) -> None:
    expression = parse_expression("selected(${forms}, 'mentoring') and ${jp} < 20")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("evaluation must not call the parser")

    monkeypatch.setattr(Lark, "parse", refuse)
    for jp in range(100):
        assert expression.is_true({"forms": ["mentoring"], "jp": jp}) is (jp < 20)


# --- references, uses_current, identity ----------------------------------------

REFERENCES = [
    ("${a} = 1 and selected(${b}, 'x')", {"a", "b"}, False),
    ("${a} + ${a}", {"a"}, False),
    (". > 0", set(), True),
    ("string-length(.) < ${max_len}", {"max_len"}, True),
    ("'${a}' = '.'", set(), False),  # inside strings: just text
    (".5 > 0", set(), False),  # a number, not the current value
    ("1", set(), False),
    ("regex(., ${_p2})", {"_p2"}, True),
    ("not(${Q_1}) or -${q2} < 3", {"Q_1", "q2"}, False),
]


@pytest.mark.parametrize(("source", "references", "uses_current"), REFERENCES)
def test_references_and_current(source: str, references: set[str], uses_current: bool) -> None:
    expression = parse_expression(source)
    assert expression.source == source
    assert expression.references == frozenset(references)
    assert expression.uses_current is uses_current


def test_expressions_compare_by_source() -> None:
    first, second = parse_expression("${a} = 1"), parse_expression("${a} = 1")
    assert first == second
    assert hash(first) == hash(second)
    assert first != parse_expression("${a}=1")
    assert isinstance(first, Expression)
    with pytest.raises(AttributeError):
        first.source = "x"  # type: ignore[misc]


# --- errors --------------------------------------------------------------------

ERRORS = [
    ("", "expression is empty", 1),
    ("   ", "expression is empty", 1),
    ("(1 + 2", "missing closing parenthesis", 7),
    ("not((1)", "missing closing parenthesis", 8),
    ("1 + 2)", "unmatched closing parenthesis", 6),
    ("(1))", "unmatched closing parenthesis", 4),
    ("()", "unexpected ')'", 2),
    ("1 2", "unexpected '2' after a complete expression", 3),
    ("${a} = 1 ${b}", "unexpected '${b}' after a complete expression", 10),
    ("1 = = 2", "unexpected '='", 5),
    ("1 +", "expression ends unexpectedly", 4),
    ("${a} and  ", "expression ends unexpectedly", 9),
    ("foo(1)", "unknown function 'foo'", 1),
    ("1 + bar(2)", "unknown function 'bar'", 5),
    ("count_selected(${a})", "unknown function 'count_selected'", 1),
    ("selected(${a})", "function 'selected' takes 2 arguments, got 1", 1),
    ("1 = not(1, 2)", "function 'not' takes 1 argument, got 2", 5),
    ("count-selected()", "function 'count-selected' takes 1 argument, got 0", 1),
    ("string-length(1, 2)", "function 'string-length' takes 1 argument, got 2", 1),
    ("regex(.)", "function 'regex' takes 2 arguments, got 1", 1),
    ("regex(., '[a-')", "invalid regular expression", 10),
    ("regex(., '(x')", "invalid regular expression", 10),
    ("${q} = yes", "unknown name 'yes'", 8),
    ("${q} = yes and", "unknown name 'yes'", 8),  # the earlier problem wins
    ("yes no", "unknown name 'yes'", 1),
    ("foo(1) 2", "unknown function 'foo'", 1),
    ("foo(1", "unknown function 'foo'", 1),
    ("x-y", "unknown name 'x-y'", 1),
    ("div 2", "unexpected 'div': an operand is missing", 1),
    ("1 = (mod 3)", "unexpected 'mod': an operand is missing", 6),
    ("'abc", "unterminated string", 1),
    ('${q} = "abc', "unterminated string", 8),
    ("$q = 1", "invalid question reference", 1),
    ("${1q} = 1", "invalid question reference", 1),
    ("${a b}", "invalid question reference", 1),
    ("1 # 2", "unexpected '#'", 3),
    ("1 andy 2", "unexpected 'andy'", 3),
    ("and 1", "unexpected 'and'", 1),
    ("1 = or", "unexpected 'or'", 5),
    ("1.2.3", "unexpected '.3'", 4),
    ("${a} == 1", "unexpected '='", 7),
    ("9" * 5000, "number has too many digits", 1),
]


@pytest.mark.parametrize(("source", "message", "column"), ERRORS)
def test_errors(source: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    assert message in caught.value.message
    assert caught.value.column == column
    assert f"(column {column})" in str(caught.value)


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown function 'nope'"):
        parse_expression("nope()")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_expression("-" * 500 + "1")
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_expression("not(" * 300 + "1" + ")" * 300)
    long_flat = " or ".join(f"${{q}} = {i}" for i in range(500))
    assert parse_expression(long_flat).is_true({"q": 499})
    assert parse_expression(" + ".join(["1"] * 2000)).evaluate({}) == 2000


# --- property-based ------------------------------------------------------------

COMPARE_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
COMPILED_COMPARISONS = {op: parse_expression(f"${{a}} {op} ${{b}}") for op in COMPARE_OPS}
SMALL_INTS = st.integers(min_value=-(10**12), max_value=10**12)


@QUICK
@given(a=st.integers(), b=st.integers(), op=st.sampled_from(sorted(COMPARE_OPS)))
def test_integer_comparisons_match_python(a: int, b: int, op: str) -> None:
    expected = COMPARE_OPS[op](a, b)
    assert COMPILED_COMPARISONS[op].is_true({"a": a, "b": b}) is expected


@QUICK
@given(a=SMALL_INTS, b=SMALL_INTS, op=st.sampled_from(sorted(COMPARE_OPS)))
def test_numeric_strings_compare_as_numbers(a: int, b: int, op: str) -> None:
    expected = COMPARE_OPS[op](a, b)
    assert COMPILED_COMPARISONS[op].is_true({"a": str(a), "b": f" {b}"}) is expected


def python_arithmetic(op: str, a: int, b: int) -> Any:
    if op in ("div", "mod") and b == 0:
        return None
    if op == "div":
        return a / b
    if op == "mod":
        return math.fmod(a, b)
    return {"+": operator.add, "-": operator.sub, "*": operator.mul}[op](a, b)


ARITH_OPS = ["+", "-", "*", "div", "mod"]
COMPILED_ARITHMETIC = {op: parse_expression(f"${{a}} {op} ${{b}}") for op in ARITH_OPS}


@QUICK
@given(a=SMALL_INTS, b=SMALL_INTS | st.just(0), op=st.sampled_from(ARITH_OPS))
def test_integer_arithmetic_matches_python(a: int, b: int, op: str) -> None:
    expected = python_arithmetic(op, a, b)
    actual = COMPILED_ARITHMETIC[op].evaluate({"a": a, "b": b})
    assert actual == expected
    literal = parse_expression(f"{a} {op} {b}" if b >= 0 else f"{a} {op} ({b})")
    assert literal.evaluate({}) == expected


EXPRESSION_CHARS = st.sampled_from(list("${}()'\". =!<>+-*,_01239abcdelmnorstv \t"))
EXPRESSION_WORDS = st.sampled_from(
    ["${a}", ".", "and", "or", "div", "mod", "not(", "selected(", "regex(", "'x'", ")", ","]
)


@QUICK
@given(
    source=st.text(alphabet=string.printable)
    | st.text(EXPRESSION_CHARS, max_size=40)
    | st.lists(EXPRESSION_WORDS | EXPRESSION_CHARS, max_size=20).map(" ".join)
)
def test_parse_never_crashes(source: str) -> None:
    try:
        expression = parse_expression(source)
    except ExpressionError as error:
        assert 0 < error.column <= len(source) + 1
        assert error.message
    else:
        expression.evaluate({}, None)
        expression.evaluate({"a": ["x"], "b": "3"}, "x")


# A small grammar of well-formed expressions: (text, references, uses_current).
Generated = tuple[str, frozenset[str], bool]

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
SAFE_TEXT = st.text(st.characters(exclude_characters="'\"", codec="utf-8"), max_size=8)
PATTERNS = st.sampled_from(["'[0-9]+'", "'a|b'", '"^\\w*$"', "'.{0,3}'"])
BINARY_OPS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]

LEAVES: st.SearchStrategy[Generated] = st.one_of(
    NAMES.map(lambda n: (f"${{{n}}}", frozenset({n}), False)),
    st.integers(0, 10**6).map(lambda i: (str(i), frozenset(), False)),
    st.decimals(0, 1000, places=2).map(lambda d: (str(d), frozenset(), False)),
    SAFE_TEXT.map(lambda t: (f"'{t}'", frozenset(), False)),
    SAFE_TEXT.map(lambda t: (f'"{t}"', frozenset(), False)),
    st.just((".", frozenset(), True)),
)


def _binary(parts: tuple[Generated, str, Generated, bool]) -> Generated:
    (left, left_refs, left_cur), op, (right, right_refs, right_cur), parenthesize = parts
    text = f"{left} {op} {right}"
    return (f"({text})" if parenthesize else text, left_refs | right_refs, left_cur or right_cur)


def _call(name: str, args: list[Generated]) -> Generated:
    text = f"{name}({', '.join(arg[0] for arg in args)})"
    refs = frozenset().union(*(arg[1] for arg in args))
    return text, refs, any(arg[2] for arg in args)


def _extend(children: st.SearchStrategy[Generated]) -> st.SearchStrategy[Generated]:
    pattern: st.SearchStrategy[Generated] = PATTERNS.map(lambda p: (p, frozenset(), False))
    return st.one_of(
        st.tuples(children, st.sampled_from(BINARY_OPS), children, st.booleans()).map(_binary),
        children.map(lambda c: (f"-{c[0]}", c[1], c[2])),
        children.map(lambda c: _call("not", [c])),
        children.map(lambda c: _call("count-selected", [c])),
        children.map(lambda c: _call("string-length", [c])),
        st.tuples(children, children).map(lambda cs: _call("selected", list(cs))),
        st.tuples(children, pattern).map(lambda cs: _call("regex", list(cs))),
    )


EXPRESSIONS = st.recursive(LEAVES, _extend, max_leaves=12)
ANSWER_VALUES = st.one_of(
    st.none(),
    st.text(max_size=10),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=4),
    st.fixed_dictionaries({"importance": st.integers(1, 5), "competence": st.integers(1, 5)}),
)


@QUICK
@given(generated=EXPRESSIONS)
def test_generated_expressions_round_trip(generated: Generated) -> None:
    text, references, uses_current = generated
    expression = parse_expression(text)
    assert expression.references == references
    assert expression.uses_current is uses_current


@QUICK
@given(generated=EXPRESSIONS, data=st.data())
def test_evaluation_never_raises(generated: Generated, data: st.DataObject) -> None:
    text, references, _ = generated
    values = {name: data.draw(ANSWER_VALUES) for name in references}
    expression = parse_expression(text)
    expression.evaluate(values, data.draw(ANSWER_VALUES))
    assert isinstance(expression.is_true(values, data.draw(ANSWER_VALUES)), bool)


@QUICK
@given(a=ANSWER_VALUES, b=ANSWER_VALUES)
def test_equality_is_symmetric_and_not_equal_is_its_negation(a: Any, b: Any) -> None:
    values = {"a": a, "b": b}
    equal = COMPILED_COMPARISONS["="].is_true(values)
    assert parse_expression("${b} = ${a}").is_true(values) is equal
    assert COMPILED_COMPARISONS["!="].is_true(values) is not equal
