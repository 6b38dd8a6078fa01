"""A session's nominal-group ranking, read per participant present and checked row by row.

Field names: ``ranking/P3/K`` is participant P3's K-th choice and, with ``method: points``,
``ranking/P3/K/points`` its points. Every error belongs to one row (field ``ranking/P3``)
or to one place in it (``ranking/P3/K``), so the page shows it next to that row.

Rules: a row only for a participant present, known needs, each need once, points that
add up. A draft may hold a partial row (:data:`PARTIAL` kinds are no error there); a final
record needs every row complete (all places filled, or all points spread) or empty; the
confirmation page names the participants whose row is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..questionnaire import FieldError, SessionForm
from ..questionnaire.session_form import NominalRanking
from ..questionnaire.types import RawAnswers

#: A row with some places empty, or with points left over: allowed in a draft only.
PARTIAL = frozenset({"ranking_partial", "ranking_points_left"})
FIELD = re.compile(r"^ranking/P(\d+)/(\d+)(/points)?$")
Ranking = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Pick:
    place: int
    need: str
    #: The points as typed (``method: points``), else "".
    points: str


def posted_rows(raw: RawAnswers, spec: NominalRanking) -> dict[str, list[Pick]]:
    """Participant label -> the places where something was typed, in place order."""
    numbers = sorted({int(m.group(1)) for name in raw if (m := FIELD.match(name))})
    rows = {
        f"P{n}": [_pick(raw, f"ranking/P{n}", k, spec) for k in range(1, spec.top + 1)]
        for n in numbers
    }
    return {label: [p for p in picks if p.need or p.points] for label, picks in rows.items()}


def _pick(raw: RawAnswers, row: str, place: int, spec: NominalRanking) -> Pick:
    points = _first(raw, f"{row}/{place}/points") if spec.method == "points" else ""
    return Pick(place, _first(raw, f"{row}/{place}"), points)


def _first(raw: RawAnswers, field: str) -> str:
    return (raw.get(field) or [""])[0].strip()[:130]


def read_ranking(
    raw: RawAnswers, form: SessionForm, allowed: list[str], present: int | None
) -> tuple[Ranking, list[FieldError]]:
    """The rows worth keeping as ``{label: [{need, points}, ...]}``, and every row's errors."""
    spec = form.spec.ranking
    if spec is None:
        return {}, []
    ranking: Ranking = {}
    errors: list[FieldError] = []
    labels = form.participant_labels(present)
    for label, picks in posted_rows(raw, spec).items():
        found, scored = _check_row(label, picks, labels, allowed, spec)
        errors += found
        if scored:
            ranking[label] = scored
    return ranking, errors


def _check_row(
    label: str, picks: list[Pick], labels: list[str], allowed: list[str], spec: NominalRanking
) -> tuple[list[FieldError], list[dict[str, Any]]]:
    """The row's errors, and its scored picks unless an error other than PARTIAL stops it."""
    if errors := _row_errors(label, picks, labels, allowed):
        return errors, []
    scored = _scored(label, picks, spec, errors)
    if errors:
        return errors, []
    return _partial(label, picks, spec, len(allowed)), scored


def _row_errors(
    label: str, picks: list[Pick], labels: list[str], allowed: list[str]
) -> list[FieldError]:
    """A participant not present, a need that is no choice, or one need twice."""
    if label not in labels:
        params = {"participant": label, "count": len(labels)}
        return [FieldError("ranking", f"ranking/{label}", "ranking_absent", params)]
    errors = [
        FieldError("ranking", f"ranking/{label}/{p.place}", "invalid_choice")
        for p in picks
        if p.need and p.need not in allowed
    ]
    if errors:
        return errors
    return _repeats(label, [p for p in picks if p.need])


def _repeats(label: str, picks: list[Pick]) -> list[FieldError]:
    needs = [pick.need for pick in picks]
    twice = [str(p.place) for p in picks if needs.count(p.need) > 1]
    if not twice:
        return []
    params = {"participant": label, "places": ", ".join(twice)}
    return [FieldError("ranking", f"ranking/{label}", "ranking_repeat", params)]


def _scored(
    label: str, picks: list[Pick], spec: NominalRanking, errors: list[FieldError]
) -> list[dict[str, Any]]:
    """Rank: the first pick gets ``top`` points, the next one less; points: as given."""
    chosen = [pick for pick in picks if pick.need]
    if spec.method == "rank":
        return [{"need": p.need, "points": spec.top - index} for index, p in enumerate(chosen)]
    given = {p.place: _points(label, p, errors) for p in picks}
    if errors:
        return []
    if sum(given.values()) > (spec.points or 0):
        params = {"participant": label, "limit": spec.points}
        errors.append(FieldError("ranking", f"ranking/{label}", "too_many_points", params))
        return []
    return [{"need": p.need, "points": given[p.place]} for p in chosen]


def _points(label: str, pick: Pick, errors: list[FieldError]) -> int:
    if not pick.points.isdigit() or not pick.need:
        kind = "not_integer" if pick.need else "points_without_need"
        errors.append(FieldError("ranking", f"ranking/{label}/{pick.place}/points", kind))
        return 0
    return int(pick.points)


def _partial(label: str, picks: list[Pick], spec: NominalRanking, choices: int) -> list[FieldError]:
    """A started row that is not complete: places left empty, or points left over."""
    if not picks:
        return []
    if spec.method == "points":
        given = sum(int(p.points) for p in picks)
        if given == spec.points:
            return []
        params = {"participant": label, "given": given, "total": spec.points}
        return [FieldError("ranking", f"ranking/{label}", "ranking_points_left", params)]
    places = min(spec.top, choices)
    if [pick.place for pick in picks] == list(range(1, places + 1)):
        return []
    params = {"participant": label, "count": places}
    return [FieldError("ranking", f"ranking/{label}", "ranking_partial", params)]


def unranked(form: SessionForm, details: dict[str, Any], ranking: Ranking) -> list[str]:
    """Participants present whose row is empty: the confirmation page names them."""
    if form.spec.ranking is None:
        return []
    return [
        label for label in form.participant_labels(form.present(details)) if label not in ranking
    ]
