"""What the session editor shows in its inputs: the values as typed, never less.

A post is re-shown exactly as typed, valid or not, and a draft keeps its last post under
``record["typed"]``: nothing typed is lost, not even a row with an error. A stored
record without it (a finalized one, being corrected) is turned back into input values.
:func:`layout` says which rows to draw: one ranking row per participant present, plus any
row that holds typed values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..questionnaire import SessionForm
from ..questionnaire.types import RawAnswers
from .ranking import FIELD as RANKING_FIELD
from .record import LIMITS

Values = dict[str, list[str]]
#: Posted names that are no input of the record.
NOT_TYPED = frozenset({"csrf_token", "action"})
#: Empty rows drawn after the last filled one: quotes, other needs, action points.
SPARE = {"quote": 3, "new_need": 2, "actions": 3}


def typed_values(raw: RawAnswers) -> Values:
    """The inputs of a post worth keeping: every non-empty value, each within bounds."""
    kept: Values = {}
    for name, values in raw.items():
        texts = [value[: LIMITS["notes"]] for value in values[: LIMITS["rows"] * 2]]
        if name not in NOT_TYPED and any(text.strip() for text in texts):
            kept[name] = texts
    return kept


def record_values(form: SessionForm, record: Mapping[str, Any]) -> Values:
    """A stored record as the editor's input values."""
    values: Values = {}
    details = record.get("details", {})
    for question in form.details.questions.values():
        values.update(question.as_form_values(details.get(question.name)))
    for name, prompt in record.get("prompts", {}).items():
        values.update(_prompt_values(name, prompt))
    for label, picks in record.get("ranking", {}).items():
        values.update(_ranking_values(form, label, picks))
    values.update({f"actions/{n}": [text] for n, text in enumerate(record.get("actions", []), 1)})
    return values


def _prompt_values(name: str, prompt: Mapping[str, Any]) -> Values:
    values: Values = {
        f"{name}/notes": [prompt.get("notes", "")],
        f"{name}/need": list(prompt.get("needs", [])),
    }
    for n, quote in enumerate(prompt.get("quotes", []), 1):
        values[f"{name}/quote/{n}/speaker"] = [quote["speaker"]]
        values[f"{name}/quote/{n}/text"] = [quote["text"]]
    for n, label in enumerate(prompt.get("new_needs", []), 1):
        values[f"{name}/new_need/{n}"] = [label]
    return values


def _ranking_values(form: SessionForm, label: str, picks: list[dict[str, Any]]) -> Values:
    points = form.spec.ranking is not None and form.spec.ranking.method == "points"
    values: Values = {}
    for place, pick in enumerate(picks, 1):
        values[f"ranking/{label}/{place}"] = [pick["need"]]
        if points:
            values[f"ranking/{label}/{place}/points"] = [str(pick["points"])]
    return values


@dataclass(frozen=True)
class Layout:
    """Which rows the editor draws."""

    #: Speaker labels offered for quotes: the participants present (all when unknown).
    speakers: list[str]
    #: Ranking rows: one per participant present, plus any row holding typed values.
    ranking_rows: list[str]
    #: The number present, or None while the declared count is not answered yet.
    present: int | None
    #: Row numbers per repeated part: ``"PROMPT/quote"``, ``"PROMPT/new_need"``, ``"actions"``.
    rows: dict[str, list[int]]

    @property
    def waits_for_count(self) -> bool:
        """The form declares a count that is not answered: no ranking rows to draw yet."""
        return self.present is None and not self.ranking_rows


def layout(form: SessionForm, values: Values, details: Mapping[str, Any]) -> Layout:
    present = form.present(details)
    rows = {"actions": _numbers(values, "actions", SPARE["actions"])}
    for prompt in form.prompts:
        for part in ("quote", "new_need"):
            rows[f"{prompt.name}/{part}"] = _numbers(values, f"{prompt.name}/{part}", SPARE[part])
    return Layout(
        form.participant_labels(present), _ranking_rows(form, values, present), present, rows
    )


def _ranking_rows(form: SessionForm, values: Values, present: int | None) -> list[str]:
    typed = {f"P{m.group(1)}" for name in values if (m := RANKING_FIELD.match(name))}
    if present is None and form.spec.participants:
        shown = typed
    else:
        shown = typed | set(form.participant_labels(present))
    return sorted(shown, key=lambda label: int(label[1:]))


def _numbers(values: Values, prefix: str, spare: int) -> list[int]:
    """1 .. the last filled row, then ``spare`` empty ones, at most ``LIMITS["rows"]``."""
    pattern = re.compile(rf"^{re.escape(prefix)}/(\d+)(?:/|$)")
    filled = [int(m.group(1)) for name in values if (m := pattern.match(name))]
    return list(range(1, min(max(filled, default=0) + spare, LIMITS["rows"]) + 1))
