"""The package import graph follows docs/architecture.md: data flows one way.

Every ``import`` between ``survey_app`` packages counts, delayed ones inside functions
included (``if TYPE_CHECKING:`` blocks too: a type is a dependency). A package may
import its own modules, the core modules and the packages of lower layers; never a
package of its own or a higher layer (the factory, ``survey_app/__init__.py``, sits
above all).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "survey_app"

#: Lowest first, as drawn in docs/architecture.md ("The one-way data path").
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"questionnaire", "analysis"}),
    frozenset({"versions"}),
    frozenset({"campaigns"}),
    frozenset({"respond"}),
    frozenset({"fgd"}),
    frozenset({"resultcache"}),
    frozenset({"results"}),
    frozenset({"reports", "training", "mentoring"}),
    frozenset({"monitoring"}),
    frozenset({"policy"}),
    frozenset({"jobs"}),
    frozenset({"dashboard", "admin", "main", "demo", "housekeeping", "retention"}),
)
#: Packages and modules anyone may import (they import nothing above them either).
CORE = frozenset(
    {
        "auth",
        "attachments",
        "audit",
        "clock",
        "codes",
        "csvfile",
        "database",
        "edge",
        "errors",
        "extensions",
        "forms",
        "i18n",
        "outages",
        "privacy_logging",
        "proxies",
        "ratelimit",
        "screening",
        "security_headers",
        "serving",
        "transactions",
    }
)
LAYER_OF = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}
TOP = len(LAYERS)


def unit(module: str) -> str:
    """``survey_app.reports.cli`` -> ``reports``; ``survey_app`` -> ``survey_app``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path, root: Path = ROOT) -> tuple[str, bool]:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if package else parts), package


def imported(path: Path, root: Path) -> Iterator[str]:
    """The ``survey_app`` modules ``path`` imports, wherever the statement is."""
    name, package = module_name(path, root)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if node.module is None:  # from . import a, b: each one a module
                yield from (f"{target}.{alias.name}" for alias in node.names)
            else:
                yield target


def edges(root: Path = ROOT) -> set[tuple[str, str, str]]:
    """(importing unit, imported unit, importing module) between different units."""
    found = set()
    for path in root.rglob("*.py"):
        name, _ = module_name(path, root)
        for target in imported(path, root):
            if target.split(".")[0] == "survey_app" and unit(target) != unit(name):
                found.add((unit(name), unit(target), name))
    return found


def rank(name: str) -> int:
    if name in CORE:
        return -1
    return LAYER_OF.get(name, TOP)


def test_every_package_has_a_place_in_the_drawing() -> None:
    units = {unit(module_name(p)[0]) for p in ROOT.rglob("*.py")}
    placed = CORE | set(LAYER_OF) | {"survey_app"}
    unplaced = sorted(units - placed)
    # A new top-level module that nothing else imports sits at the top, with the factory.
    imported_units = {b for _a, b, _m in edges()}
    assert not [u for u in unplaced if u in imported_units], (
        "place these in tests/test_architecture.py and docs/architecture.md"
    )


def test_no_import_points_up_or_sideways() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for source, target, module in edges()
        if rank(source) >= 0 and rank(target) >= rank(source) and source != "survey_app"
    )
    assert wrong == []


def test_core_imports_no_layer() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for source, target, module in edges()
        if rank(source) == -1 and rank(target) >= 0
    )
    assert wrong == []


def test_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for source, target, _module in edges():
        graph.setdefault(source, set()).add(target)
    assert find_cycle(graph) is None


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that ends where it starts, or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"c"}}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_a_delayed_import_counts(tmp_path: Path) -> None:
    """An import inside a function is an arrow too: hiding one there dodges nothing."""
    source = tmp_path / "survey_app" / "reports" / "x.py"
    source.parent.mkdir(parents=True)
    source.write_text("def f():\n    from ..policy import draft\n", encoding="utf-8")
    assert ("reports", "policy", "survey_app.reports.x") in edges(tmp_path / "survey_app")
