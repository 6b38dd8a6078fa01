"""Coarser codings of a ``select_one`` quasi-identifier, for the protected exports.

A question's ``hierarchy`` is a list of levels, each coarser than the one before; a
level puts every choice value into exactly one group, and a group of several choices
gets a new value and label (``golongan`` I-II / III / IV -> I-II / III-IV). A group of
one choice may leave both out: it keeps the choice's value and label. The exports
choose a level per question (docs/statistics.md, "Protected exports").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field

from ..text import LocalText
from .base import Finding

VALUE_PATTERN = r"^[A-Za-z0-9_.-]+$"


class RecodeGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str | None = Field(
        default=None,
        pattern=VALUE_PATTERN,
        max_length=64,
        description="The group's code in exports (default for one choice: its own value)",
    )
    label: LocalText | None = Field(
        default=None, description="The group's label (default for one choice: its own label)"
    )
    choices: list[str] = Field(min_length=1, description="Choice values merged into this group")


class HierarchyLevel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    groups: list[RecodeGroup] = Field(min_length=1)


def group_value(group: RecodeGroup) -> str:
    """The code the group is exported as."""
    return group.value if group.value is not None else group.choices[0]


def level_maps(levels: Sequence[HierarchyLevel]) -> list[dict[str, str]]:
    """Per level, choice value -> the value of its group."""
    return [
        {choice: group_value(group) for group in level.groups for choice in group.choices}
        for level in levels
    ]


def hierarchy_findings(levels: Sequence[HierarchyLevel], values: list[str]) -> Iterator[Finding]:
    """Every level covers each choice value exactly once and merges groups of the level
    before it (a hierarchy never splits a group); groups are named where needed."""
    previous = {value: value for value in values}
    for index, level in enumerate(levels):
        path = ("hierarchy", index)
        problems = [*_cover(level, values, path, index), *_names(level, values, path)]
        yield from problems
        if problems:
            return  # later levels are compared with this one: their findings would mislead
        current = level_maps([level])[0]
        yield from _coarser(previous, current, index, path)
        previous = current


def _cover(
    level: HierarchyLevel, values: list[str], path: tuple[str | int, ...], index: int
) -> Iterator[Finding]:
    placed: dict[str, int] = {}
    for g_index, group in enumerate(level.groups):
        for c_index, choice in enumerate(group.choices):
            where = (*path, "groups", g_index, "choices", c_index)
            if choice not in values:
                yield where, f"unknown choice '{choice}' (the list has: {', '.join(values)})"
            elif choice in placed:
                yield (
                    where,
                    f"choice '{choice}' is already in group {placed[choice] + 1} of this level",
                )
            else:
                placed[choice] = g_index
    if missing := [value for value in values if value not in placed]:
        message = (
            f"level {index + 1} leaves out {', '.join(missing)}: "
            "every choice belongs to exactly one group"
        )
        yield (*path, "groups"), message


def _names(
    level: HierarchyLevel, values: list[str], path: tuple[str | int, ...]
) -> Iterator[Finding]:
    seen: set[str] = set()
    for g_index, group in enumerate(level.groups):
        where = (*path, "groups", g_index)
        if len(group.choices) > 1 and (group.value is None or group.label is None):
            yield where, "a group of several choices needs its own value and label"
            continue
        value = group_value(group)
        if value in seen:
            yield (*where, "value"), f"duplicate group value '{value}' in this level"
        elif value in values and value not in group.choices:
            yield (
                (*where, "value"),
                f"'{value}' is a choice this group does not hold; use another value",
            )
        seen.add(value)


def _coarser(
    previous: dict[str, str], current: dict[str, str], index: int, path: tuple[str | int, ...]
) -> Iterator[Finding]:
    merged: dict[str, str] = {}
    for choice, before in previous.items():
        if merged.setdefault(before, current[choice]) != current[choice]:
            earlier = "the choices" if index == 0 else f"level {index}"
            yield path, f"level {index + 1} splits '{before}' of {earlier}: a level only merges"
            return
    if len(set(current.values())) == len(set(previous.values())):
        yield path, f"level {index + 1} merges nothing: it needs fewer groups than the level before"
