"""Reading a focus-group session record from a form post, and checking it.

Field names: the details' own question names; ``PROMPT/notes``, ``PROMPT/quote/N/speaker``,
``PROMPT/quote/N/text``, ``PROMPT/need`` (competency codes), ``PROMPT/new_need/N``;
``ranking/P3/K`` (participant P3's K-th pick, see :mod:`.ranking`); ``actions/N``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..questionnaire import FieldError, Form, SessionForm, prune_hidden, read_section
from ..questionnaire.types import RawAnswers
from ..questionnaire.types.scale import Competency
from .ranking import FIELD as RANKING_FIELD
from .ranking import read_ranking

LIMITS = {"notes": 5000, "quote": 1000, "new_need": 120, "action": 500, "rows": 60}
NEW_NEED = "+"  # candidate key of a need that is not a survey competency: "+label"
_ROW = re.compile(
    r"^(?:[A-Za-z_][A-Za-z0-9_]*/(?:notes|need|quote/\d+/(?:speaker|text)|new_need/\d+)"
    r"|ranking/P\d+/\d+(?:/points)?|actions/\d+)$"
)


@dataclass(frozen=True)
class RecordResult:
    record: dict[str, Any]
    errors: list[FieldError]


def read_record(form: SessionForm, survey: Form, raw: RawAnswers) -> RecordResult:
    """The record a post describes, keeping every valid part, with an error per bad field."""
    errors: list[FieldError] = []
    details: dict[str, Any] = {}
    for section in form.details.sections:
        result = read_section(form.details, section, raw, details)
        details, errors = result.answers, errors + result.errors
    details = prune_hidden(form.details, details)
    present = form.present(details)
    prompts = {p.name: _prompt(p.name, raw, form, survey, present, errors) for p in form.prompts}
    record = {
        "details": details,
        "prompts": prompts,
        "actions": _lines(raw, "actions", LIMITS["action"], errors),
    }
    ranking, ranking_errors = read_ranking(raw, form, candidates(form, survey, record), present)
    record["ranking"] = ranking
    return RecordResult(record, errors + ranking_errors)


def unexpected_fields(form: SessionForm, posted: list[str]) -> list[str]:
    """Posted names that belong to no part of the record: a tampered post."""
    details = {name for q in form.details.questions.values() for name in q.field_names()}
    return [
        name
        for name in posted
        if name not in details
        and not (_ROW.match(name) and _in_ranking_bounds(form, name))
        and name != "csrf_token"
        and name != "action"
    ]


def _in_ranking_bounds(form: SessionForm, name: str) -> bool:
    """A ranking field names a speaker label and a place the form has."""
    spec = form.spec.ranking
    if (match := RANKING_FIELD.match(name)) is None:
        return True
    if spec is None:
        return False
    number, place = int(match.group(1)), int(match.group(2))
    return 1 <= number <= form.spec.max_participants and 1 <= place <= spec.top


def _text(raw: RawAnswers, field: str, limit: int, errors: list[FieldError], owner: str) -> str:
    values = raw.get(field, ())
    text = (values[0] if len(values) == 1 else "").replace("\r\n", "\n").strip()
    if len(values) > 1:
        errors.append(FieldError(owner, field, "tampered"))
    if len(text) > limit:
        errors.append(FieldError(owner, field, "too_long", {"limit": limit}))
        return text[:limit]
    return text


def _rows(raw: RawAnswers, prefix: str) -> list[int]:
    numbers = {
        int(m.group(1)) for name in raw if (m := re.match(rf"^{re.escape(prefix)}/(\d+)", name))
    }
    return sorted(n for n in numbers if n <= LIMITS["rows"])


def _lines(raw: RawAnswers, prefix: str, limit: int, errors: list[FieldError]) -> list[str]:
    texts = (_text(raw, f"{prefix}/{n}", limit, errors, prefix) for n in _rows(raw, prefix))
    return [text for text in texts if text]


def _prompt(
    name: str,
    raw: RawAnswers,
    form: SessionForm,
    survey: Form,
    present: int | None,
    errors: list[FieldError],
) -> dict[str, Any]:
    codes = competency_labels(survey)
    needs = [code for code in raw.get(f"{name}/need", ()) if code in codes]
    if len(needs) != len(raw.get(f"{name}/need", ())):
        errors.append(FieldError(name, f"{name}/need", "invalid_choice"))
    return {
        "notes": _text(raw, f"{name}/notes", LIMITS["notes"], errors, name),
        "quotes": list(_quotes(name, raw, form.participant_labels(present), errors)),
        "needs": sorted(set(needs), key=list(codes).index),
        "new_needs": _lines(raw, f"{name}/new_need", LIMITS["new_need"], errors),
    }


def _quotes(
    name: str, raw: RawAnswers, labels: list[str], errors: list[FieldError]
) -> Iterator[dict[str, str]]:
    """Quotes whose speaker is a participant present; an error for any other speaker."""
    for n in _rows(raw, f"{name}/quote"):
        text = _text(raw, f"{name}/quote/{n}/text", LIMITS["quote"], errors, name)
        speaker = _text(raw, f"{name}/quote/{n}/speaker", 8, errors, name)
        if text and speaker not in labels:
            errors.append(_speaker_error(name, n, speaker, labels))
        elif text:
            yield {"speaker": speaker, "text": text}


def _speaker_error(name: str, n: int, speaker: str, labels: list[str]) -> FieldError:
    field = f"{name}/quote/{n}/speaker"
    if re.fullmatch(r"P[1-9]\d?", speaker):
        return FieldError(name, field, "speaker_absent", {"speaker": speaker, "count": len(labels)})
    return FieldError(name, field, "speaker")


def competency_labels(survey: Form) -> dict[str, Any]:
    """Competency code -> its question label, in the survey's order."""
    return {q.code: q.label for q in survey.questions.values() if isinstance(q, Competency)}


def candidates(form: SessionForm, survey: Form, record: dict[str, Any]) -> list[str]:
    """What participants may rank: tagged needs, the survey's competencies, or both."""
    ranking = form.spec.ranking
    if ranking is None:
        return []
    tagged: list[str] = []
    for prompt in record.get("prompts", {}).values():
        tagged += prompt.get("needs", []) + [
            NEW_NEED + label for label in prompt.get("new_needs", [])
        ]
    chosen = {
        "tagged_needs": tagged,
        "competencies": list(competency_labels(survey)),
        "both": tagged + list(competency_labels(survey)),
    }[ranking.candidates]
    return list(dict.fromkeys(chosen))
