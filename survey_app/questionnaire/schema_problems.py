"""Schema errors (pydantic) as problems at the offending YAML node, in plain words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .types import QUESTION_TYPES
from .yaml_source import LocatedDocument, Path, Problem

#: The branch names pydantic puts in locations for ``str | dict[str, str]`` (LocalText).
_TEXT_BRANCHES = {"str", "dict[str,str]"}


def _dotted(path: Path) -> str:
    return ".".join(str(part) for part in path) or "document"


def schema_problems(exc: ValidationError, document: LocatedDocument) -> Iterator[Problem]:
    reported_texts: set[Path] = set()
    for error in exc.errors():
        loc = error["loc"]
        branch = next((i for i, part in enumerate(loc) if part in _TEXT_BRANCHES), None)
        path = _data_path(loc if branch is None else loc[:branch], document.data)
        if error["type"] == "missing":
            field = error["loc"][-1]
            yield Problem(document.position_of(path), f"missing required key '{field}'")
        elif error["type"] == "extra_forbidden":
            yield Problem(document.key_position(path), f"unknown key '{path[-1]}'")
        elif error["type"] == "union_tag_invalid":
            yield Problem(document.position_of((*path, "type")), _tag_message(error["ctx"]))
        elif branch is not None:
            if path not in reported_texts:
                reported_texts.add(path)
                yield Problem(
                    document.position_of(path),
                    f"{_dotted(path)}: expected text, or a map "
                    "from language to text (quote values such as Yes, No, On, 12:30)",
                )
        else:
            yield Problem(document.position_of(path), f"{_dotted(path)}: {error['msg']}")


def _tag_message(ctx: dict[str, Any]) -> str:
    tag, expected = ctx["tag"], ctx["expected_tags"]
    if tag in QUESTION_TYPES:  # a real type that this list does not take (focus-group forms)
        return f"a {tag} question is not allowed here (allowed: {expected})"
    return f"unknown question type '{tag}' (known: {expected})"


def _data_path(loc: tuple[int | str, ...], data: Any) -> Path:
    """Map a pydantic error location onto the data, skipping union tags it inserts."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and isinstance(node.get("type"), str):
            continue  # the discriminator tag pydantic adds, e.g. ('questions', 0, 'likert', ...)
        path.append(part)
        node = node[part] if _has(node, part) else None
    return tuple(path)


def _has(node: Any, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
