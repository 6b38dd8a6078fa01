"""The schema pass that does not stop at the first error: the parts that parse go on.

pydantic refuses a whole file for one bad value. To run the semantic checks anyway,
each refused part is cut out of a copy of the data (an optional key is removed, a
text is blanked, a question, choice or section that cannot stand is dropped) and
the rest is validated again. Only the first round's errors are reported; later
rounds only see what the cuts left. Checks that would read a dropped part (a
reference to a dropped question, a list that lost a choice) are then skipped, so
a cut never causes a second, invented problem.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Generic, Literal, TypeVar, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from .locations import child, is_container, is_text, models_along
from .schema_problems import SchemaError, located_errors, schema_problems
from .yaml_source import LocatedDocument, Path, Problem

M = TypeVar("M", bound=BaseModel)

#: Rounds of cutting: each may uncover a container left too short by the round before.
_ROUNDS = 6

Action = Literal["delete", "blank"]


@dataclass(frozen=True)
class Dropped:
    """What the schema pass cut out: data paths, and every name found inside them."""

    paths: frozenset[Path] = frozenset()
    names: frozenset[str] = frozenset()

    def touches(self, prefix: Path) -> bool:
        """Whether anything at, inside or around ``prefix`` was cut."""
        return any(p[: len(prefix)] == prefix or prefix[: len(p)] == p for p in self.paths)


@dataclass(frozen=True)
class Parts(Generic[M]):
    """The result of the schema pass.

    ``spec`` is the validated file when ``problems`` is empty; otherwise it holds
    only the parts that passed (built without validation, for the semantic checks).
    """

    spec: M
    problems: list[Problem]
    dropped: Dropped = field(default_factory=Dropped)


def validate_parts(model: type[M], document: LocatedDocument) -> Parts[M]:
    try:
        return Parts(model.model_validate(document.data), [])
    except ValidationError as exc:
        errors = exc.errors()
    problems = list(schema_problems(errors, document, model))
    data = copy.deepcopy(document.data)
    paths: set[Path] = set()
    names: set[str] = set()
    for _round in range(_ROUNDS):
        cuts = {_cut(model, data, error) for error in located_errors(errors, data)}
        for action, path in _in_safe_order(cut for cut in cuts if cut is not None):
            if action == "delete":
                names.update(_names(_at(data, path)))
                paths.add(path)
            _apply(data, action, path)
        try:
            return Parts(
                model.model_validate(data), problems, Dropped(frozenset(paths), frozenset(names))
            )
        except ValidationError as exc:
            errors = exc.errors()
    return Parts(_construct(model, data), problems, Dropped(frozenset(paths), frozenset(names)))


def _cut(model: type[BaseModel], data: Any, error: SchemaError) -> tuple[Action, Path] | None:
    """The smallest cut that removes this error (see the module docstring)."""
    path = error.path
    holder = models_along(model, data, path)[-1]
    depth = holder.depth
    if len(path) == depth:  # the part itself is wrong: not a map, an unknown type ...
        return ("delete", path) if path else None
    key = path[depth]
    spec_field = holder.model.model_fields.get(str(key))
    if spec_field is None:  # an unknown key
        return "delete", path[: depth + 1]
    annotation = spec_field.annotation
    if error.type != "missing" and is_text(annotation):
        return "blank", path[: depth + 1]
    if len(path) > depth + 1 and is_container(annotation):
        return "delete", path[: depth + 2]  # one item of a list or map
    if (error.type != "missing" and not spec_field.is_required()) or depth == 0:
        return "delete", path[: depth + 1]
    return "delete", path[:depth]  # a required key is wrong: the part cannot stand


def _in_safe_order(cuts: Iterable[tuple[Action, Path]]) -> list[tuple[Action, Path]]:
    """Deepest first, and higher list indexes first, so no cut shifts another's path."""
    return sorted(cuts, key=lambda cut: [_sortable(part) for part in cut[1]], reverse=True)


def _sortable(part: str | int) -> tuple[int, int, str]:
    return (1, part, "") if isinstance(part, int) else (0, 0, part)


def _apply(data: Any, action: Action, path: Path) -> None:
    parent = _at(data, path[:-1])
    key = path[-1]
    present = (isinstance(parent, dict) and key in parent) or (
        isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent)
    )
    if not present:
        return  # already gone with a larger cut
    if action == "blank":
        parent[key] = ""
    else:
        del parent[key]


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = child(data, part)
    return data


def _names(node: Any) -> Iterator[str]:
    """Every ``name`` inside a cut part: references to them are not checked."""
    if isinstance(node, dict):
        if isinstance(name := node.get("name"), str):
            yield name
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _names(item)


def _construct(model: type[M], data: Any) -> M:
    """The spec from the top-level keys that pass on their own; a list that fails is empty."""
    values: dict[str, Any] = {}
    for name, spec_field in model.model_fields.items():
        if isinstance(data, dict) and name in data:
            with contextlib.suppress(ValidationError):  # reported in the first round
                values[name] = _adapter(model, name).validate_python(data[name])
        if name not in values and get_origin(spec_field.annotation) is list:
            values[name] = []
    return model.model_construct(**values)


@lru_cache(maxsize=64)
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator for one top-level key, with the key's own constraints (min_length ...)."""
    spec_field = model.model_fields[name]
    annotation: Any = spec_field.annotation
    if spec_field.metadata:
        annotation = Annotated[annotation, *spec_field.metadata]
    return TypeAdapter(annotation)
