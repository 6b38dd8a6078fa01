"""Fuzzing the questionnaire loader beyond line edits: random YAML-ish documents, bundled
questionnaires changed node by node, and the CLI that validates and loads them.

``test_questionnaire_mutations`` edits the bundled files line by line. Here Hypothesis
also writes documents from the format's own words and YAML's odd corners (anchors,
aliases, tags, flow style, deep nesting, tabs, control characters, a BOM, huge lines)
and swaps, drops or retypes nodes of the parsed bundled files before dumping them
again, which reaches the schema and cross-reference checks with well-formed YAML.
Whatever comes in, ``parse_any`` answers within a second of CPU with a form or with
``PATH:LINE:COL: message`` lines, never a traceback; and ``flask questionnaire
validate`` / ``load`` exit 0 or 1 without a traceback, ``load`` storing a version only
when the file is accepted, nothing otherwise. Derandomized: the same inputs every run.
"""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from survey_app.extensions import db
from survey_app.versions.models import QuestionnaireVersion

from .conftest import form_text
from .test_questionnaire_mutations import (
    LINE,
    OTHER_VALUES,
    SOURCES,
    checked_validate,
    mutated,
    passes,
)

pytestmark = pytest.mark.slow
#: YAML's line breaks (a lone carriage return is one).

Draw = Callable[[st.SearchStrategy[Any]], Any]
#: Keys of the format (and a few near misses), so documents get past the first checks.
KEYS = [
    "form_id", "version", "kind", "languages", "title", "description", "choice_lists",
    "scales", "points", "sections", "questions", "name", "type", "label", "choices",
    "required", "relevant", "constraint", "constraint_message", "min", "max", "value",
    "scale", "code", "group", "top", "max_selected", "max_length", "appearance",
    "report_group", "id", "en", "Name", "typ", "form-id",
]  # fmt: skip
TYPES = ["select_one", "select_multiple", "competency", "likert", "integer", "decimal",
         "text", "long_text", "date", "ranking", "note", "focus_group", "survey", "x"]  # fmt: skip
WORDS = OTHER_VALUES + TYPES + KEYS
NOISE = ["\t", "&a ", "*a", "!!str ", "!x ", "%YAML 1.1\n", "---\n", "...\n", "\ufeff",
         "\x00", "\x07", "\u2028", "{", "[", "]", "}", ": ", "- ", "#", "'", '"', "|\n",
         ">\n", "? ", "<<: *a\n", "\\", "${", "😀", "\r\n", "\r", "\x85"]  # fmt: skip
LETTERS = "abz_-. 09:#'\"é中😀\u202e\u200b\x00\x1f\t\n"
#: Aliases that multiply (a "billion laughs"), nesting past the limit, a huge line.
EXTREMES = [
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "[" * 60 + "]" * 60,
    "a: " + "x" * 200_000,
]
#: libyaml's emitter when installed: dumping a large questionnaire is then fast.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(tree: Any, flow: bool | None) -> str:
    return yaml.dump(
        tree, Dumper=DUMPER, allow_unicode=True, default_flow_style=flow, sort_keys=False
    )


def scalar(rng: random.Random) -> Any:
    return rng.choice(
        [
            lambda: rng.choice(WORDS),
            lambda: rng.randint(-(10**30), 10**30),
            lambda: rng.choice([0.5, -1e300, math.inf, math.nan, 3.0]),
            lambda: rng.random() < 0.5,
            lambda: None,
            lambda: "".join(rng.choices(LETTERS, k=rng.randrange(12))),
        ]
    )()


def tree(rng: random.Random, depth: int = 0) -> Any:
    """A random value: scalars, lists and maps, mostly keyed by the format's words."""
    roll = rng.random()
    if depth >= 4 or roll < 0.4:
        return scalar(rng)
    if roll < 0.65:
        return [tree(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = [
        rng.choice(KEYS) if rng.random() < 0.8 else scalar(rng) for _ in range(rng.randrange(6))
    ]
    return {key: tree(rng, depth + 1) for key in keys if isinstance(key, str | int | bool)}


@st.composite
def documents(draw: Draw) -> str:
    """A document from the format's words, then noise typed into it at random places.

    Hypothesis draws the seed (reproducible, derandomized); a seeded generator builds
    the document, which is much faster than drawing every node."""
    rng = random.Random(draw(st.integers(0, 2**64)))
    top = {key: tree(rng, 1) for key in rng.sample(KEYS[:12], rng.randrange(8))}
    text = dump(top if rng.random() < 0.8 else tree(rng), rng.choice([False, True, None]))
    for _ in range(rng.randrange(5)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(NOISE) + text[at:]
    if rng.random() < 0.03:
        text += rng.choice(EXTREMES)
    return text


#: The bundled questionnaires and the tests' mini form, as data; small ones more often.
TREES_OF = {name: yaml.safe_load("".join(lines)) for name, lines in SOURCES.items()} | {
    "mini.yaml": yaml.safe_load(form_text("mini.yaml"))
}
PICK = ["mini.yaml"] * 5 + ["fgd-karier.yaml"] * 3 + ["tna-asn.yaml"] * 2


@st.composite
def node_mutated(draw: Draw) -> str:
    """A questionnaire with one to three nodes dropped, retyped, swapped or copied."""
    rng = random.Random(draw(st.integers(0, 2**64)))
    data = copy.deepcopy(TREES_OF[rng.choice(PICK)])
    for _ in range(rng.randint(1, 3)):
        parent, key = rng.choice(_slots(data))
        action = rng.randrange(4)
        if action == 0:
            del parent[key]
        elif action == 1:
            parent[key] = tree(rng, 2)
        else:
            other_parent, other_key = rng.choice(_slots(data))
            parent[key] = copy.deepcopy(other_parent[other_key])
    return dump(data, rng.choice([False, None]))


def _slots(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of the tree, the top-level keys included."""
    slots: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            slots.append((node, key))
            if isinstance(child, dict | list) and child:
                stack.append(child)
    return slots


FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,  # CPU time is bounded in checked_validate (wall time varies with load)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize(("strategy", "examples"), [(documents, 7000), (node_mutated, 1500)])
def test_any_document_gives_a_form_or_path_line_col_lines(strategy, examples) -> None:
    seen: set[str] = set()

    @settings(FUZZ, max_examples=examples)
    @given(strategy())
    def check(text: str) -> None:
        seen.update(passes(checked_validate(text)))

    check()
    # The property is only as good as its inputs: they reach the passes they aim at.
    wanted = (
        {"ok", "yaml", "schema", "semantic"} if strategy is node_mutated else {"yaml", "schema"}
    )
    assert wanted <= seen, seen


#: Files per backend for the CLI (each loads the app's CLI and writes a file).
CLI_EXAMPLES = 150
SEEDS = {"sqlite": 15_101, "postgresql": 15_102}


def test_the_cli_refuses_a_bad_file_cleanly_and_stores_nothing(runner, backend, tmp_path):
    path, seen = tmp_path / "f.yaml", set[str]()

    @seed(SEEDS[backend])
    @settings(FUZZ, max_examples=CLI_EXAMPLES, derandomize=False)
    @given(mutated() | node_mutated())
    def check(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        checked = run(runner, "validate", path)
        before = versions()
        loaded = run(runner, "load", path)
        assert loaded.exit_code == checked.exit_code, (checked.output, loaded.output)
        after = versions()
        assert after == before if loaded.exit_code else after - before <= 1
        seen.add("refused" if loaded.exit_code else "stored" if after > before else "known")

    check()
    assert {"refused", "stored", "known"} <= seen, seen


def run(runner: Any, command: str, path: Path) -> Any:
    """``flask questionnaire COMMAND PATH``: exit 0 or 1, no traceback, and on 1 only
    ``PATH:LINE:COL: message`` lines on stderr."""
    result = runner.invoke(args=["questionnaire", command, str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code:
        problems = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
        assert problems, result.output
        for line in problems:
            assert LINE.search(line.replace(str(path), "f.yaml", 1)), line
    return result


def versions() -> int:
    db.session.expire_all()
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireVersion)))
