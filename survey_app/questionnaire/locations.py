"""Where a path in a questionnaire file lies: which model holds it, and its name for an author.

A path such as ``("sections", 1, "questions", 2, "max_selected")`` is named
``section 2 'pengembangan', question 3 'jp_12_bulan'`` plus the key ``max_selected``:
1-based, with the names the author wrote, never pydantic's ``sections.1.questions.2``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .yaml_source import Path

#: List keys whose items an author thinks of by name: key -> how one item is called.
_NAMED_ITEMS = {
    "sections": "section",
    "questions": "question",
    "metadata": "metadata question",
    "participant_profile": "participant_profile question",
    "prompts": "prompt",
    "probes": "probe",
    "points": "point",
}
#: Map keys whose entries are named by their key.
_NAMED_ENTRIES = {"choice_lists": "choice list", "scales": "scale"}


@dataclass(frozen=True)
class Place:
    """A path as an author reads it: the part of the file, then the key inside it."""

    where: str
    key: str

    def subject(self) -> str:
        """What a message is about: the key, or the part itself when there is no key."""
        return self.key or self.where or "the file"

    def prefix(self) -> str:
        """``where: `` when the message names a key inside a part, else nothing."""
        return f"{self.where}: " if self.where and self.key else ""


def place(path: Path, data: Any) -> Place:
    """Name ``path`` for an author (see the module docstring)."""
    units: list[str] = []
    keys: list[str | int] = []
    node, item_noun, index = data, None, 0
    while index < len(path):
        part, following = path[index], path[index + 1 : index + 2]
        if not keys and isinstance(part, int) and item_noun:
            units.append(f"{item_noun} {part + 1}{_item_label(child(node, part))}")
            node, item_noun, index = child(node, part), None, index + 1
            continue
        unit = _unit(part, following[0], child(node, part)) if following and not keys else None
        if unit is not None:
            units.append(unit)
            item_noun = "choice" if part == "choice_lists" else None
            node, index = child(child(node, part), following[0]), index + 2
            continue
        keys.append(part)
        node, index = child(node, part), index + 1
    return Place(", ".join(units), _key_text(keys))


def _unit(container: str | int, item: str | int, value: Any) -> str | None:
    """``section 2 'name'``, ``choice list 'status'`` ...; None for a plain key."""
    if not isinstance(container, str):
        return None
    if container in _NAMED_ENTRIES and isinstance(item, str):
        return f"{_NAMED_ENTRIES[container]} '{item}'"
    noun = _NAMED_ITEMS.get(container)
    if noun is not None and isinstance(item, int):
        return f"{noun} {item + 1}{_item_label(child(value, item))}"
    return None


def _item_label(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("name", "value"):
            value = item.get(key)
            if isinstance(value, str):
                return f" '{value}'"
    return ""


def _key_text(keys: list[str | int]) -> str:
    """``label.en``, ``languages item 2``; a map's key itself reads as ``(a name)``."""
    text = ""
    for part in keys:
        if isinstance(part, int):
            text += f" item {part + 1}"
        elif part == "[key]":
            text += " (a name)"
        else:
            text += f".{part}" if text else part
    return text


def child(node: Any, part: str | int) -> Any:
    """The value at ``part`` inside ``node``, or None when there is none."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


# --- which model holds a path --------------------------------------------------


@dataclass(frozen=True)
class ModelAt:
    """A model node on a path: ``path[:depth]`` is an instance of ``model``."""

    depth: int
    model: type[BaseModel]


def models_along(root: type[BaseModel], data: Any, path: Path) -> list[ModelAt]:
    """Every model node from the root down along ``path`` (the root first)."""
    found = [ModelAt(0, root)]
    annotation: Any = root
    node = data
    for depth, part in enumerate(path, 1):
        annotation = _inner(annotation, part)
        node = child(node, part)
        if annotation is None:
            break
        if (model := _model(annotation, node)) is not None:
            found.append(ModelAt(depth, model))
            annotation = model
    return found


def _inner(annotation: Any, part: str | int) -> Any:
    """The annotation of what ``part`` selects inside a value of ``annotation``."""
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return None if field is None else field.annotation
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict and isinstance(part, str):
        return args[1]
    return None


def _model(annotation: Any, node: Any) -> type[BaseModel] | None:
    """The model class a node of this annotation is, choosing union members by ``type``."""
    candidates = [a for a in _members(annotation) if isinstance(a, type)]
    models = [a for a in candidates if issubclass(a, BaseModel)]
    if len(models) == 1:
        return models[0]
    tag = node.get("type") if isinstance(node, dict) else None
    return next((m for m in models if tag in _literal_values(m, "type")), None)


def _members(annotation: Any) -> Iterator[Any]:
    annotation = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            yield from _members(member)
    else:
        yield annotation


def _strip(annotation: Any) -> Any:
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _literal_values(model: type[BaseModel], field_name: str) -> tuple[Any, ...]:
    field = model.model_fields.get(field_name)
    if field is None or get_origin(field.annotation) is not Literal:
        return ()
    return get_args(field.annotation)


def is_text(annotation: Any) -> bool:
    """Whether the annotation is a questionnaire text (a string, or a map of languages)."""
    members = [m for m in _members(annotation) if m is not type(None)]
    return str in members and any(get_origin(m) is dict for m in members)


def is_container(annotation: Any) -> bool:
    """A list or a map (of anything), optionally None."""
    return any(get_origin(m) in (list, dict) for m in _members(annotation))
