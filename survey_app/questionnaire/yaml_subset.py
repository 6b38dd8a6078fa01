"""The YAML subset a questionnaire may use, enforced while the file is read.

A questionnaire is plain data: mappings, lists and scalars. Anchors, aliases, merge
keys (``<<``) and explicit tags add nothing a survey needs, and aliases let a few
hundred bytes expand into gigabytes (the "billion laughs"). So the composer below
refuses them event by event, before anything could expand; it also bounds the file
size, the nesting depth and the number of nodes. Scalars are then constructed one by
one, so a value PyYAML cannot build (``2026-02-30``) is reported where it stands.
"""

from __future__ import annotations

from typing import Any, Final, TypeAlias, cast

import yaml
from yaml.constructor import SafeConstructor

#: Largest questionnaire file accepted by default (the app passes its own setting).
MAX_FILE_BYTES: Final = 1024 * 1024
#: Deepest nesting of mappings and lists; a real questionnaire needs about 8 levels.
MAX_DEPTH: Final = 50
#: Most nodes (keys, values, lists and maps) in one file: ten times the bundled survey's
#: 1,846, and few enough that reading and checking a file stays well under a second.
MAX_NODES: Final = 20_000
#: Stop collecting after this many findings: a hostile file may hold thousands.
MAX_FINDINGS: Final = 20

ALIASES: Final = "anchors and aliases are not allowed"
MERGE_KEYS: Final = "merge keys (<<) are not allowed: write the keys out"
TAGS: Final = "explicit YAML tags are not allowed"
TABS: Final = "tab characters are not allowed for indentation"

_MERGE_TAG: Final = "tag:yaml.org,2002:merge"
_NULL_TAG: Final = "tag:yaml.org,2002:null"
_YAML_TAG_PREFIX: Final = "tag:yaml.org,2002:"

#: Something wrong at a place in the file.
Finding: TypeAlias = tuple[yaml.Mark, str]
_START: Final = yaml.Mark("<file>", 0, 0, 0, None, 0)


class SubsetError(ValueError):
    """The file leaves the subset; ``findings`` says where and how, in file order."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings[0][1])
        self.findings = findings


def check_size(text: str, max_bytes: int | None) -> None:
    """Refuse a file over ``max_bytes`` (UTF-8) before parsing it; ``None`` means no limit."""
    if max_bytes is None:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        message = f"the file is {size:,} bytes, more than the limit of {max_bytes:,} bytes"
        raise SubsetError([(_START, message)])


class StrictComposer:
    """Builds the node tree from parser events, refusing what the subset excludes.

    ``loader`` is a PyYAML loader (libyaml's when installed): only its event stream and
    its implicit-tag resolver are used, never its own composer or constructor.
    """

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.findings: list[Finding] = []
        self.count = 0

    def compose(self) -> yaml.Node | None:
        """The document's root node, or ``None`` for an empty file; raises SubsetError."""
        loader = self.loader
        loader.get_event()  # stream start
        node = None
        if not loader.check_event(yaml.StreamEndEvent):
            loader.get_event()  # document start
            node = self._node(1)
            loader.get_event()  # document end
            if not loader.check_event(yaml.StreamEndEvent):
                message = "a questionnaire file holds one YAML document (remove the second '---')"
                self._find(loader.peek_event().start_mark, message)
        if self.findings:
            raise SubsetError(self.findings)
        return node

    def _find(self, mark: yaml.Mark, message: str) -> None:
        self.findings.append((mark, message))
        if len(self.findings) >= MAX_FINDINGS:
            raise SubsetError(self.findings)

    def _node(self, depth: int) -> yaml.Node:
        event = self.loader.get_event()
        start, end = _span(event)
        self._bound(start, depth if isinstance(event, yaml.CollectionStartEvent) else 0)
        self._check(event)
        if isinstance(event, yaml.ScalarEvent):
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _MERGE_TAG:
                self._find(start, MERGE_KEYS)
            return yaml.ScalarNode(tag, event.value, start, end, event.style)
        if isinstance(event, yaml.AliasEvent):
            return yaml.ScalarNode(_NULL_TAG, "", start, end)
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(event, depth)
        return self._mapping(event, depth)

    def _bound(self, start: yaml.Mark, depth: int) -> None:
        """Refuse a file nested too deeply, or with too many values, where that begins."""
        self.count += 1
        if depth > MAX_DEPTH:
            self._find(start, f"nested more than {MAX_DEPTH} levels deep")
        elif self.count > MAX_NODES:
            self._find(start, f"the file has more than {MAX_NODES:,} keys and values")
        else:
            return
        raise SubsetError(self.findings)  # the rest of such a file is not worth reading

    def _check(self, event: yaml.Event) -> None:
        start, _end = _span(event)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            self._find(start, ALIASES)
        if (tag := getattr(event, "tag", None)) is not None:
            self._find(start, f"{TAGS} ({tag.replace(_YAML_TAG_PREFIX, '!!')})")

    def _sequence(self, start: yaml.SequenceStartEvent, depth: int) -> yaml.SequenceNode:
        items = []
        while not self.loader.check_event(yaml.SequenceEndEvent):
            items.append(self._node(depth + 1))
        end = self.loader.get_event()
        tag = self.loader.resolve(yaml.SequenceNode, None, start.implicit)
        marks = _span(start)[0], _span(end)[1]
        return yaml.SequenceNode(tag, items, *marks, flow_style=start.flow_style)

    def _mapping(self, start: yaml.MappingStartEvent, depth: int) -> yaml.MappingNode:
        pairs = []
        while not self.loader.check_event(yaml.MappingEndEvent):
            key = self._node(depth + 1)
            pairs.append((key, self._node(depth + 1)))
        end = self.loader.get_event()
        tag = self.loader.resolve(yaml.MappingNode, None, start.implicit)
        marks = _span(start)[0], _span(end)[1]
        return yaml.MappingNode(tag, pairs, *marks, flow_style=start.flow_style)


def _span(event: yaml.Event) -> tuple[yaml.Mark, yaml.Mark]:
    """An event's start and end (libyaml's own mark class has the same line and column)."""
    return cast(yaml.Mark, event.start_mark), cast(yaml.Mark, event.end_mark)


def construct(node: yaml.Node | None) -> Any:
    """Plain data from a composed tree, scalar by scalar; raises SubsetError."""
    builder = _Builder()
    data = builder.build(node)
    if builder.findings:
        raise SubsetError(builder.findings)
    return data


class _Builder:
    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.findings: list[Finding] = []

    def build(self, node: yaml.Node | None) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {self._key(key): self.build(value) for key, value in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item) for item in node.value]
        return None if node is None else self._scalar(node)

    def _key(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            message = "a key must be a single value, not a list or map"
            self.findings.append((node.start_mark, message))
            return object()  # a unique placeholder: the file is refused anyway
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            self.findings.append((node.start_mark, _unreadable(node, exc)))
            return None


def _unreadable(node: yaml.Node, exc: Exception) -> str:
    """Why a plain scalar cannot be read, in words a survey author can act on."""
    value = str(node.value)
    shown = value if len(value) <= 40 else f"{value[:40]}…"
    if node.tag.endswith(":timestamp"):
        return f"'{shown}' is not a valid date: {exc}"
    if node.tag.endswith(":int"):
        return f"'{shown}' has too many digits to be a number"
    return f"'{shown}' cannot be read as a value: put it in quotes"
