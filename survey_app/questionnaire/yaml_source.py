"""Read YAML while remembering where every node stands in the file.

Validation messages must point at ``PATH:LINE:COL``; PyYAML's composed nodes carry
their marks, so we construct plain data and keep a map from data path to position.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

#: libyaml's parser when installed (about ten times faster); both keep node positions.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a questionnaire file, at a position in it."""

    position: Position
    message: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.position.line}:{self.position.column}: {self.message}"


class YamlSyntaxError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class LocatedDocument:
    """Plain data from a YAML document plus the position of each value and key."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    duplicate_keys: list[Problem] = field(default_factory=list)

    def position_of(self, path: Path) -> Position:
        """Position of the deepest node of ``path`` that exists in the document."""
        for end in range(len(path), -1, -1):
            if (found := self.values.get(path[:end])) is not None:
                return found
        return Position(1, 1)

    def key_position(self, path: Path) -> Position:
        return self.keys.get(path) or self.position_of(path)


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def load_located(text: str) -> LocatedDocument:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with its position."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _position(mark) if mark else Position(1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(Problem(where, f"YAML syntax error: {message}")) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(Position(1, 1), f"YAML error: {exc}")) from exc
    finally:
        loader.dispose()
    document = LocatedDocument(data)
    if node is not None:
        for path, value_node, key_node in _walk(node, ()):
            document.values[path] = _position(value_node.start_mark)
            if key_node is not None:
                document.keys[path] = _position(key_node.start_mark)
        document.duplicate_keys.extend(_duplicate_keys(node))
    return document


def _walk(
    node: yaml.Node, path: Path, key_node: yaml.Node | None = None
) -> Iterator[tuple[Path, yaml.Node, yaml.Node | None]]:
    yield path, node, key_node
    if isinstance(node, yaml.MappingNode):
        for k_node, v_node in node.value:
            if isinstance(k_node, yaml.ScalarNode):
                yield from _walk(v_node, (*path, str(k_node.value)), k_node)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, (*path, index))


def _duplicate_keys(root: yaml.Node) -> Iterator[Problem]:
    """PyYAML silently keeps the last of two equal keys; we report the repeat."""
    for _path, node, _key in _walk(root, ()):
        if not isinstance(node, yaml.MappingNode):
            continue
        seen: set[str] = set()
        for k_node, _v in node.value:
            key = str(k_node.value)
            if key in seen:
                yield Problem(_position(k_node.start_mark), f"duplicate key '{key}'")
            seen.add(key)
