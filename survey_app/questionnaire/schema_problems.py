"""Schema errors (pydantic) as problems at the offending YAML node, in the project's words.

Every message names its place as an author reads it (``section 2 'pengembangan',
question 3 'jp_12_bulan': max_selected must be a whole number (found 'tiga')``), never
pydantic's wording or its 0-based ``sections.1.questions.2``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .locations import child, models_along, place
from .schema_wording import WORDING, SchemaError, did_you_mean, found
from .types import QUESTION_TYPES
from .yaml_source import LocatedDocument, Path, Position, Problem

__all__ = ["SchemaError", "data_path", "found", "located_errors", "schema_problems"]

#: The branch names pydantic puts in locations for ``str | dict[str, str]`` (a text).
_TEXT_BRANCHES = {"str", "dict[str,str]"}


def schema_problems(
    errors: Iterable[ErrorDetails], document: LocatedDocument, model: type[BaseModel]
) -> Iterator[Problem]:
    """One problem per schema error (a text's branches are reported once)."""
    seen: set[tuple[Path, str]] = set()
    for error in located_errors(errors, document.data):
        if (error.path, error.type) in seen:
            continue
        seen.add((error.path, error.type))
        yield Problem(_position(error, document), describe(error, document.data, model))


def _position(error: SchemaError, document: LocatedDocument) -> Position:
    if error.type == "extra_forbidden":
        return document.key_position(error.path)
    if error.type == "union_tag_invalid":
        return document.position_of((*error.path, "type"))
    return document.position_of(error.path)


def located_errors(errors: Iterable[ErrorDetails], data: Any) -> Iterator[SchemaError]:
    """The errors on data paths; a text's two union branches become one error."""
    for error in errors:
        loc = error["loc"]
        branch = next((i for i, part in enumerate(loc) if part in _TEXT_BRANCHES), None)
        path = data_path(loc if branch is None else loc[:branch], data)
        ctx = dict(error.get("ctx") or {})
        if branch is None:
            yield SchemaError(error["type"], path, error["input"], ctx, error["msg"])
        elif (text := _text_error(path, loc[branch:], error, data)) is not None:
            yield text


def _text_error(
    path: Path, rest: tuple[int | str, ...], error: ErrorDetails, data: Any
) -> SchemaError | None:
    """A text must be a string or a map of language -> string; say which part is wrong."""
    value = _at(data, path)
    if not isinstance(value, dict):
        return SchemaError("text_type", path, value, {}, "")
    if rest[0] != "dict[str,str]" or len(rest) < 2:
        return None  # the string branch's view of a map: the map's own errors say more
    if rest[-1] == "[key]":
        return SchemaError("language_key", path, rest[1], {}, "")
    return SchemaError("string_type", (*path, rest[1]), error["input"], {}, "")


def data_path(loc: tuple[int | str, ...], data: Any) -> Path:
    """Map a pydantic error location onto the data, skipping union tags it inserts."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and part == node.get("type"):
            continue  # the discriminator tag pydantic adds, e.g. ('questions', 0, 'likert', ...)
        path.append(part)
        node = child(node, part)
    return tuple(path)


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = child(data, part)
    return data


# --- wording -----------------------------------------------------------------


def describe(error: SchemaError, data: Any, model: type[BaseModel]) -> str:
    """The message for one error: its place, then what is wrong in plain words."""
    where = place(error.path, data)
    wording = WORDING.get(error.type)
    if error.type in ("missing", "extra_forbidden", "union_tag_not_found", "invalid_key"):
        container = place(error.path[:-1], data).subject() if error.path else ""
        return _keyed(container, _key_message(error, data, model))
    if error.type == "union_tag_invalid":
        tag = error.found.get("type") if isinstance(error.found, dict) else None
        return _keyed(where.subject(), _tag_message(tag, error.ctx))
    if wording is None:
        return f"{where.prefix()}{where.subject()}: {_plain(error.message)}"
    return f"{where.prefix()}{where.subject()} {wording(error)}"


def _keyed(container: str, message: str) -> str:
    return f"{container}: {message}" if container and container != "the file" else message


def _key_message(error: SchemaError, data: Any, model: type[BaseModel]) -> str:
    key = str(error.path[-1]) if error.path else "?"
    if error.type == "union_tag_not_found":
        return "missing required key 'type' (the question type)"
    if error.type == "missing":
        return f"missing required key '{key}'"
    if error.type == "invalid_key":
        return f"unknown key {found(error.path[-1])}: keys are names such as label"
    holder = models_along(model, data, error.path[:-1])[-1]
    known = list(holder.model.model_fields) if holder.depth == len(error.path) - 1 else []
    return f"unknown key '{key}'{did_you_mean(key, known)}"


def _tag_message(tag: Any, ctx: dict[str, Any]) -> str:
    allowed = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
    listed = ", ".join(allowed)
    if not isinstance(tag, str):
        return f"type must be a question type such as {allowed[0]} (found {found(tag)})"
    if tag in QUESTION_TYPES:  # a real type that this list does not take (focus-group forms)
        return f"a {tag} question is not allowed here (allowed: {listed})"
    return f"unknown question type '{tag}'{did_you_mean(tag, allowed)} (known types: {listed})"


def _plain(message: str) -> str:
    """pydantic's own message, for error kinds this module does not word itself."""
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[:1].lower() + message[1:]
