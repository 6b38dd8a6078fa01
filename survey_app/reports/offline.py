"""The offline mode: a CSV in the project's export layout, read into a :class:`Dataset`.

One row per response; a competency item is two columns ``{name}/importance`` and
``{name}/competence``; likert, integer and decimal answers are ``{name}``; a
``select_one`` is its value code. Only the columns the analysis uses are required: the
competency columns, and the ``--group`` column when one is asked for; any other numeric
or report-group column may be absent (read as unanswered), so a Borich data set from
another tool works once its columns are renamed. Other columns are ignored. Bad input
names the row and the column, and nothing is analysed until the whole file reads cleanly.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..questionnaire import Form
from ..questionnaire.types.choice import ChoiceQuestion
from ..questionnaire.types.scale import Competency
from ..results.dataset import Dataset
from .quasi import released_values

MAX_ERRORS = 20


class OfflineDataError(ValueError):
    """The CSV cannot be analysed; ``problems`` say where (row, column) and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_csv_dataset(form: Form, path: Path, group: str | None = None) -> Dataset:
    """Read ``path``; ``group`` (a report group) is required only when it is given."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        required = [*competency_columns(form), *([group] if group else [])]
        if missing := [column for column in required if column not in header]:
            raise OfflineDataError([f"{path.name}: missing column(s): {', '.join(missing)}"])
        rows = list(reader)
    problems = list(_problems(form, rows, path.name)) or _recoded_group(form, rows, path, group)
    if problems:
        raise OfflineDataError(
            problems[:MAX_ERRORS] + (["... and more"] if len(problems) > MAX_ERRORS else [])
        )
    values = np.array(
        [[_number(row.get(c)) for c in form.numeric_columns] for row in rows], dtype=np.float32
    )
    values = values.reshape(len(rows), len(form.numeric_columns))
    groups = {
        g: np.array([(row.get(g) or "").strip() for row in rows], dtype=object)
        for g in form.report_groups
    }
    return Dataset(form, form.numeric_columns, values, groups)


def competency_columns(form: Form) -> list[str]:
    """The two rating columns of every competency item: all a priority analysis reads."""
    return [
        f"{question.name}/{dimension}"
        for question in form.questions.values()
        if isinstance(question, Competency)
        for dimension in ("importance", "competence")
    ]


def _number(text: str | None) -> float:
    text = (text or "").strip().replace(",", ".")
    return math.nan if text == "" else float(text)


def _problems(form: Form, rows: list[dict[str, str]], name: str) -> Iterator[str]:
    allowed = _allowed_values(form)
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        for column in form.numeric_columns:
            yield from _check_number(name, line, column, row.get(column), allowed.get(column))
        for group in form.report_groups:
            code = (row.get(group) or "").strip()
            if code and code not in allowed[group]:
                yield f"{_at(name, line, group)} '{code}' is not one of {sorted(allowed[group])}"


def _recoded_group(
    form: Form, rows: list[dict[str, str]], path: Path, group: str | None
) -> list[str]:
    """A protected export may show ``group`` coarsened or suppressed: not its groups."""
    question = form.questions.get(group or "")
    if not isinstance(question, ChoiceQuestion):
        return []
    foreign = {(row.get(question.name) or "").strip() for row in rows}
    foreign -= {"", *question.values(form.spec)}
    if not foreign:
        return []
    return [
        f"{path.name}: column {question.name} was recoded or suppressed by the protected export "
        f"({', '.join(sorted(foreign))}); break down by a column it shows as answered"
    ]


def _at(name: str, line: int, column: str) -> str:
    return f"{name}: row {line}, column {column}:"


def _check_number(
    name: str, line: int, column: str, text: str | None, points: set[str] | None
) -> Iterator[str]:
    try:
        number = _number(text)
    except ValueError:
        yield f"{_at(name, line, column)} '{text}' is not a number"
        return
    if not math.isnan(number) and points is not None and f"{number:g}" not in points:
        scale = ", ".join(sorted(points))
        yield f"{_at(name, line, column)} {number:g} is not on the scale ({scale})"


def _allowed_values(form: Form) -> dict[str, set[str]]:
    """Scale points per rated column, and value codes per report group."""
    allowed: dict[str, set[str]] = {}
    for question in form.questions.values():
        if isinstance(question, ChoiceQuestion):
            allowed[question.name] = set(question.values(form.spec)) | released_values(question)
        for column, scale in question.rated_columns().items():
            allowed[column] = {f"{v:g}" for v in form.spec.scales[scale].values()}
    return allowed
