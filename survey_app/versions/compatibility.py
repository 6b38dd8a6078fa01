"""ODK's rule for form versions: exports must mean the same thing across versions.

A new version may add questions and choices, and drop them. It may not give an
existing name another type, hand a competency name another code, or bring back a
choice value that an earlier version retired (it would mean something new).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..questionnaire import Form
from ..questionnaire.types import Question


def incompatibilities(previous: list[Form], new: Form) -> list[str]:
    """Every reason ``new`` cannot follow ``previous`` (oldest first); empty when fine."""
    return [*_changed_types(previous, new), *_reused_choices(previous, new)]


def _changed_types(previous: list[Form], new: Form) -> Iterator[str]:
    for form in previous:
        for name, old in form.questions.items():
            current = new.questions.get(name)
            if current is None:
                continue
            if current.type != old.type:
                yield (
                    f"question '{name}' was {old.type} in version '{form.spec.version}' and "
                    f"cannot become {current.type}; give the new question a new name"
                )
            elif _code(current) != _code(old):
                yield (
                    f"competency '{name}' had code {_code(old)} in version "
                    f"'{form.spec.version}' and cannot change to {_code(current)}"
                )


def _code(question: Question) -> str | None:
    return getattr(question, "code", None)


def _reused_choices(previous: list[Form], new: Form) -> Iterator[str]:
    if not previous:
        return
    latest = previous[-1].spec.choice_lists
    for list_name, choices in new.spec.choice_lists.items():
        current = {choice.value for choice in latest.get(list_name, [])}
        ever = {c.value for form in previous for c in form.spec.choice_lists.get(list_name, [])}
        for value in sorted({c.value for c in choices} & (ever - current)):
            yield (
                f"choice '{value}' of list '{list_name}' was retired in an earlier version "
                "and cannot be reused; use a new value"
            )
