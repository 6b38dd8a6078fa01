"""``export fgd``: a campaign's finalized focus-group sessions as XLSX or JSON.

Each session is exported as its current record (the latest amendment, else the
original), with notes, quotes, tagged needs, rankings and action points. Amendments are
marked: when, why and which parts they changed, and every part an amendment changed is
flagged ``amended``. Drafts never appear. Speakers are the pseudonyms P1..Pn; no staff
identity is exported (not the facilitator, nor who amended): the file is handed to
analysts and policy drafters who need what was said, not who wrote it down, and the
audit log keeps who did what. The note-taker's role is part of the session details.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from textwrap import indent
from typing import Any

from ..campaigns.models import Campaign
from ..extensions import db
from ..fgd.models import FgdSession
from ..fgd.record import NEW_NEED, competency_labels
from ..fgd.service import finalized_sessions, forms_for
from ..questionnaire import Form
from ..questionnaire.session_form import Prompt
from .workbook import Sheet

SESSION_COLUMNS = [
    *("session_id", "title", "form_id", "form_version", "finalized_at"),
    *("amended", "amendments", "last_amended_at", "amended_parts"),
]


@dataclass(frozen=True)
class FgdExport:
    """What to export, as plain values: the sessions are read when the file is written.

    A web download streams the JSON after the request's database session has closed, so
    no ORM object may be carried into it (docs/architecture.md, "Web downloads").
    """

    campaign_id: int
    slug: str
    title: str
    language: str


def fgd_export(campaign: Campaign, language: str) -> FgdExport:
    return FgdExport(campaign.id, campaign.slug, campaign.title, language)


def sessions_of(export: FgdExport) -> list[FgdSession]:
    """Finalized sessions only, oldest first (a campaign has a few dozen at most), read
    through the current session."""
    return finalized_sessions(db.session.get_one(Campaign, export.campaign_id))


def json_text(export: FgdExport) -> Iterator[str]:
    """One indented JSON object, written session by session."""
    head = {"campaign": export.slug, "title": export.title, "times": "UTC"}
    yield json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "sessions": ['
    sessions = sessions_of(export)
    for index, session in enumerate(sessions):
        text = json.dumps(session_json(session, export.language), ensure_ascii=False, indent=2)
        yield ("," if index else "") + "\n" + indent(text, "    ")
    yield "\n  ]\n}\n" if sessions else "]\n}\n"


def session_json(session: FgdSession, language: str) -> dict[str, Any]:
    record, (form, survey) = session.current_record, forms_for(session)
    labels = _need_labels(survey, language)
    return {
        **_summary(session),
        "amendments": [
            {"number": n, "at": _utc(a.at), "reason": a.reason, "changed": list(a.changed)}
            for n, a in enumerate(session.amendments, start=1)
        ],
        "details": record.get("details", {}),
        "prompts": [_prompt_json(session, prompt, labels, language) for prompt in form.prompts],
        "ranking": [dict(zip(RANKING_KEYS, r[1:], strict=True)) for r in _ranking(session, labels)],
        "actions": list(record.get("actions", [])),
    }


def sheets(export: FgdExport) -> list[Sheet]:
    """sessions, prompts, quotes, needs, ranking, actions and amendments sheets."""
    sessions, language = sessions_of(export), export.language
    details = _detail_columns(sessions)
    return [
        Sheet(
            "sessions", [*SESSION_COLUMNS, *details], (_session_row(s, details) for s in sessions)
        ),
        Sheet(
            "prompts", PROMPT_COLUMNS, (row for s in sessions for row in _prompt_rows(s, language))
        ),
        Sheet("quotes", QUOTE_COLUMNS, (row for s in sessions for row in _quote_rows(s))),
        Sheet("needs", NEED_COLUMNS, (row for s in sessions for row in _need_rows(s, language))),
        Sheet(
            "ranking",
            ["session_id", *RANKING_KEYS, "amended"],
            (row for s in sessions for row in _ranking_rows(s, language)),
        ),
        Sheet(
            "actions",
            ["session_id", "number", "text", "amended"],
            (row for s in sessions for row in _action_rows(s)),
        ),
        Sheet(
            "amendments", AMENDMENT_COLUMNS, (row for s in sessions for row in _amendment_rows(s))
        ),
    ]


PROMPT_COLUMNS = ["session_id", "prompt", "prompt_label", "notes", "needs", "new_needs", "amended"]
QUOTE_COLUMNS = ["session_id", "prompt", "speaker", "text", "amended"]
NEED_COLUMNS = ["session_id", "prompt", "code", "label", "new_need"]
RANKING_KEYS = ("participant", "place", "code", "label", "new_need", "points")
AMENDMENT_COLUMNS = ["session_id", "number", "at", "reason", "changed"]


def _summary(session: FgdSession) -> dict[str, Any]:
    amendments = session.amendments
    version = session.version
    return {
        "session_id": session.id,
        "title": session.title,
        "form_id": version.questionnaire.form_id,
        "form_version": version.number,
        "finalized_at": _utc(session.finalized_at),
        "amended": bool(amendments),
        "amendments": len(amendments),
        "last_amended_at": _utc(amendments[-1].at) if amendments else None,
        "amended_parts": sorted({part for a in amendments for part in a.changed}),
    }


def _session_row(session: FgdSession, columns: list[str]) -> list[Any]:
    form, _survey = forms_for(session)
    cells = dict(_detail_cells(form.details, session.current_record.get("details", {})))
    return [*_summary(session).values(), *(cells.get(column) for column in columns)]


def _detail_columns(sessions: list[FgdSession]) -> list[str]:
    """The details' export columns over every form version used, in order of appearance:
    a column a later version dropped is kept (empty for the sessions without it)."""
    columns: dict[str, None] = {}
    for session in sessions:
        details = forms_for(session)[0].details
        for question in details.questions.values():
            columns.update(dict.fromkeys(question.export_columns(details.spec)))
    return list(columns)


def _detail_cells(details: Form, answers: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for question in details.questions.values():
        values = question.export_values(answers.get(question.name), details.spec)
        yield from zip(question.export_columns(details.spec), values, strict=True)


def _prompt_json(
    session: FgdSession, prompt: Prompt, labels: dict[str, str], language: str
) -> dict[str, Any]:
    part = _prompt(session.current_record, prompt.name)
    return {
        "name": prompt.name,
        "label": forms_for(session)[0].text(prompt.label, language),
        **part,
        "needs": [{"code": code, "label": labels.get(code, code)} for code in part["needs"]],
        "amended": _touched(session, f"prompts.{prompt.name}"),
    }


def _prompt(record: dict[str, Any], name: str) -> dict[str, Any]:
    found = record.get("prompts", {}).get(name, {})
    return {
        "notes": found.get("notes", ""),
        "quotes": list(found.get("quotes", [])),
        "needs": list(found.get("needs", [])),
        "new_needs": list(found.get("new_needs", [])),
    }


def _prompt_rows(session: FgdSession, language: str) -> Iterator[list[Any]]:
    form = forms_for(session)[0]
    for prompt in form.prompts:
        part = _prompt(session.current_record, prompt.name)
        touched = _touched(session, f"prompts.{prompt.name}")
        label = form.text(prompt.label, language)
        yield [
            session.id,
            prompt.name,
            label,
            part["notes"],
            part["needs"],
            part["new_needs"],
            touched,
        ]


def _quote_rows(session: FgdSession) -> Iterator[list[Any]]:
    for name, part in session.current_record.get("prompts", {}).items():
        touched = _touched(session, f"prompts.{name}.quotes")
        for quote in part.get("quotes", []):
            yield [session.id, name, quote["speaker"], quote["text"], touched]


def _need_rows(session: FgdSession, language: str) -> Iterator[list[Any]]:
    labels = _need_labels(forms_for(session)[1], language)
    for name, part in session.current_record.get("prompts", {}).items():
        for code in part.get("needs", []):
            yield [session.id, name, code, labels.get(code, code), False]
        for label in part.get("new_needs", []):
            yield [session.id, name, None, label, True]


def _ranking(session: FgdSession, labels: dict[str, str]) -> Iterator[list[Any]]:
    """``[session_id, *RANKING_KEYS]`` per pick, best first; a need that is no survey
    competency has no code, only its label."""
    for participant, picks in session.current_record.get("ranking", {}).items():
        for place, pick in enumerate(picks, start=1):
            need, new = pick["need"], pick["need"].startswith(NEW_NEED)
            code, label = (None, need[len(NEW_NEED) :]) if new else (need, labels.get(need, need))
            yield [session.id, participant, place, code, label, new, pick["points"]]


def _ranking_rows(session: FgdSession, language: str) -> Iterator[list[Any]]:
    touched = _touched(session, "ranking")
    labels = _need_labels(forms_for(session)[1], language)
    yield from ([*row, touched] for row in _ranking(session, labels))


def _action_rows(session: FgdSession) -> Iterator[list[Any]]:
    touched = _touched(session, "actions")
    for number, text in enumerate(session.current_record.get("actions", []), start=1):
        yield [session.id, number, text, touched]


def _amendment_rows(session: FgdSession) -> Iterator[list[Any]]:
    for number, amendment in enumerate(session.amendments, start=1):
        yield [session.id, number, _utc(amendment.at), amendment.reason, list(amendment.changed)]


def _need_labels(survey: Form, language: str) -> dict[str, str]:
    return {code: survey.text(label, language) for code, label in competency_labels(survey).items()}


def _touched(session: FgdSession, part: str) -> bool:
    """Whether an amendment changed ``part`` (a dotted path) or anything inside it."""
    return any(
        path == part or path.startswith(part + ".") or part.startswith(path + ".")
        for amendment in session.amendments
        for path in amendment.changed
    )


def _utc(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"
