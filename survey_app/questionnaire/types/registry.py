"""The question-type registry: type name -> class. A duplicate name fails at import."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .base import Question

QUESTION_TYPES: dict[str, type[Question]] = {}

Q = TypeVar("Q", bound=type[Question])


def register(type_name: str) -> Callable[[Q], Q]:
    def decorator(cls: Q) -> Q:
        if type_name in QUESTION_TYPES:
            raise RuntimeError(f"question type '{type_name}' is registered twice")
        QUESTION_TYPES[type_name] = cls
        return cls

    return decorator
