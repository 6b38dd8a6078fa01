"""Read YAML while remembering where every node stands in the file.

Validation messages must point at ``PATH:LINE:COL``; PyYAML's composed nodes carry
their marks, so we construct plain data and keep a map from data path to position.
Only a safe subset of YAML is read (see :mod:`.yaml_subset`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .yaml_subset import MAX_FILE_BYTES, TABS, StrictComposer, SubsetError, check_size, construct

Path = tuple[str | int, ...]

#: libyaml's parser when installed (about ten times faster); both keep node positions.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: YAML's line breaks, as the parser counts lines.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Characters a problem's line shows escaped (a line break as \n): it stays one line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


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
        """One line, whatever the message quotes (a key may hold a line break)."""
        message = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], self.message)
        return f"{filename}:{self.position.line}:{self.position.column}: {message}"


class YamlSyntaxError(ValueError):
    """The text is not YAML, or not the subset a questionnaire may use (``yaml_subset``)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems
        self.problem = problems[0]


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


def load_located(text: str, max_bytes: int | None = MAX_FILE_BYTES) -> LocatedDocument:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with the positions.

    ``max_bytes`` bounds the file's UTF-8 size (``None``: no limit, for stored versions).
    """
    node = _compose(text, max_bytes)
    try:
        document = LocatedDocument(construct(node))
    except SubsetError as exc:
        raise YamlSyntaxError(_problems(exc)) from None
    if node is not None:
        for path, value_node, key_node in _walk(node, ()):
            document.values[path] = _position(value_node.start_mark)
            if key_node is not None:
                document.keys[path] = _position(key_node.start_mark)
        document.duplicate_keys.extend(_duplicate_keys(node))
    return document


def _compose(text: str, max_bytes: int | None) -> yaml.Node | None:
    try:
        check_size(text, max_bytes)
    except SubsetError as exc:
        raise YamlSyntaxError(_problems(exc)) from None
    loader = _Loader(text)
    try:
        return StrictComposer(loader).compose()
    except SubsetError as exc:
        raise YamlSyntaxError(_problems(exc)) from None
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError([_syntax_problem(exc, text)]) from None
    except yaml.reader.ReaderError as exc:
        raise YamlSyntaxError([_reader_problem(exc, text)]) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError([Problem(Position(1, 1), f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()


def _problems(exc: SubsetError) -> list[Problem]:
    return [Problem(_position(mark), message) for mark, message in exc.findings]


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> Problem:
    """A character YAML never accepts (a control character), at its first place, on one
    line: the error's own text ends with a second line giving an offset, not a position."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    lines = _LINE_BREAK.split(text[: max(text.find(chr(code)), 0)])
    where = Position(len(lines), len(lines[-1]) + 1)
    return Problem(where, f"YAML error: unacceptable character #x{code:04x}: {exc.reason}")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    where = _position(mark) if mark else Position(1, 1)
    if _character_at(text, where) == "\t":
        return Problem(where, TABS)
    message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    return Problem(where, f"YAML syntax error: {message}")


def _character_at(text: str, where: Position) -> str:
    lines = _LINE_BREAK.split(text)
    if where.line > len(lines):
        return ""
    return lines[where.line - 1][where.column - 1 : where.column]


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
