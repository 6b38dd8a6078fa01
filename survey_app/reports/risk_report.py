"""The risk report that comes with every response export.

Rows per class-size band before protection, after recoding and as released; the level
each quasi-identifier is shown at and its information loss; cells suppressed per
variable; free text withheld; ``k``. As JSON (the ``.risk.json`` file next to a CSV or
JSON Lines export on the command line), as a sheet (XLSX), as lines (the SAV file's
note) and on the downloads page. An unprotected file's report has the "before" figures
and the reason it was asked for.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from ..analysis.disclosure import RiskProfile
from .codebook import Labels
from .protection import MAX_SHARE_BELOW_K, Assessment, Tally, suppressed_per_column
from .quasi import MARKER

METHOD = (
    "global recoding along the declared hierarchies (every combination of levels tried; "
    f"the least normalised-entropy loss that leaves at most {MAX_SHARE_BELOW_K:.0%} of the "
    "rows in classes below k), then local suppression of the fewest quasi-identifier cells "
    f"(marker '{MARKER}'), then the free text of rows below k after recoding withheld; "
    "docs/statistics.md, 'Protected exports'"
)


@dataclass(frozen=True)
class Variable:
    name: str
    #: Level shown (0 = as answered) of ``levels`` coarser ones.
    level: int
    levels: int
    shown_as: Labels
    cells_suppressed: int
    information_loss: float


@dataclass(frozen=True)
class RiskReport:
    protected: bool
    k: int
    responses: int
    before: RiskProfile
    after_recoding: RiskProfile
    after: RiskProfile
    variables: tuple[Variable, ...]
    rows_suppressed: int
    information_loss: float
    text_columns: tuple[str, ...]
    text_rows_withheld: int
    reason: str | None = None

    @property
    def cells_suppressed(self) -> int:
        return sum(v.cells_suppressed for v in self.variables)

    def as_dict(self, tally: Tally | None = None) -> dict[str, Any]:
        """JSON-friendly; ``tally`` adds what was counted while a file was written."""
        result: dict[str, Any] = {
            "protected": self.protected,
            "k": self.k,
            "responses": self.responses,
        }
        result["class_sizes"] = {"before": profile_dict(self.before)}
        if not self.protected:
            return {**result, "unprotected_reason": self.reason, "warning": UNPROTECTED_WARNING}
        result["class_sizes"] |= {
            "after_recoding": profile_dict(self.after_recoding),
            "released": profile_dict(self.after),
        }
        result |= {
            "method": METHOD,
            "marker": MARKER,
            "quasi_identifiers": [_variable(v) for v in self.variables],
            "rows_with_suppressed_cells": self.rows_suppressed,
            "cells_suppressed": self.cells_suppressed,
            "information_loss": round(self.information_loss, 4),
            "free_text": {
                "columns": list(self.text_columns),
                "rows_whose_text_is_withheld": self.text_rows_withheld,
            },
        }
        if tally is not None:
            result["free_text"]["cells_withheld"] = tally.text_cells_withheld
            result["rows_submitted_during_export"] = tally.late_rows
        return result

    def json_text(self, tally: Tally | None = None) -> str:
        return json.dumps(self.as_dict(tally), indent=2, ensure_ascii=False) + "\n"

    def sheet(self, tally: Tally | None = None) -> list[list[Any]]:
        """``(dotted key, value)`` rows, as the priorities' ``method`` sheet."""
        return [["key", "value"], *_flat(self.as_dict(tally), "")]


UNPROTECTED_WARNING = (
    "This file is not protected: its rows keep every quasi-identifier as answered and can "
    "identify people. Keep it to the purpose given as the reason, and delete it after use."
)


def profile_dict(profile: RiskProfile) -> dict[str, Any]:
    return {
        "classes": profile.classes,
        "unique": profile.unique,
        "below_k": profile.below_k,
        "share_below_k": round(profile.share_below_k, 4),
        "rows_per_class_size": dict(profile.bands),
    }


def _variable(variable: Variable) -> dict[str, Any]:
    return {
        "name": variable.name,
        "level": variable.level,
        "levels": variable.levels,
        "shown_as": variable.shown_as["en"],
        "cells_suppressed": variable.cells_suppressed,
        "information_loss": round(variable.information_loss, 4),
    }


def _flat(value: Any, prefix: str) -> list[list[Any]]:
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in _flat(item, _join(prefix, key))]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [row for item in value for row in _flat(item, _join(prefix, item.get("name", "")))]
    if isinstance(value, list):
        return [[prefix, ", ".join(str(item) for item in value)]]
    return [[prefix, value]]


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


AS_ANSWERED: Labels = {"id": "seperti dijawab", "en": "as answered"}


def build_report(
    assessment: Assessment,
    text_columns: list[str],
    *,
    protected: bool = True,
    reason: str | None = None,
) -> RiskReport:
    protection, columns = assessment.protection, assessment.quasi.columns
    suppressed = suppressed_per_column(assessment)
    variables = tuple(
        Variable(
            column.name,
            level,
            column.hierarchy.height,
            column.describe(level) if level else AS_ANSWERED,
            suppressed[column.name],
            loss,
        )
        for column, level, loss in zip(
            columns, protection.levels, protection.recoding_loss, strict=True
        )
    )
    return RiskReport(
        protected=protected,
        k=protection.k,
        responses=protection.before.n,
        before=protection.before,
        after_recoding=protection.after_recoding,
        after=protection.after,
        variables=variables,
        rows_suppressed=protection.rows_suppressed,
        information_loss=protection.information_loss,
        text_columns=tuple(text_columns),
        text_rows_withheld=protection.rows_withheld,
        reason=reason,
    )


_LINES: dict[str, dict[str, str]] = {
    "id": {
        "title": "Ekspor terlindungi (k = {k}), {n} respons; metode: docs/statistics.md.",
        "unprotected": "EKSPOR TIDAK TERLINDUNGI: dapat mengenali orang. Alasan: {reason}",
        "risk": "Baris dalam kelas < {k}: sebelum {before}, setelah pengelompokan {recoded}, "
        "dirilis {after}.",
        "variables": "Tingkat: {variables}.",
        "level": "tingkat {level} dari {levels}",
        "hidden": "{n} disembunyikan ({marker})",
        "text": "Teks bebas ditahan untuk {rows} baris dalam kelas < {k}.",
    },
    "en": {
        "title": "Protected export (k = {k}), {n} responses; method: docs/statistics.md.",
        "unprotected": "UNPROTECTED EXPORT: it can identify people. Reason: {reason}",
        "risk": "Rows in classes < {k}: before {before}, after recoding {recoded}, "
        "released {after}.",
        "variables": "Levels: {variables}.",
        "level": "level {level} of {levels}",
        "hidden": "{n} suppressed ({marker})",
        "text": "Free text withheld for {rows} rows in classes < {k}.",
    },
}


def note_lines(report: RiskReport, language: str) -> list[str]:
    """The report in short lines of at most 80 characters (an SPSS file's document)."""
    words = _LINES.get(language, _LINES["en"])
    lines = [words["title"].format(k=report.k, n=report.responses)]
    if not report.protected:
        lines = [words["unprotected"].format(reason=report.reason)]
    else:
        variables = "; ".join(_variable_words(v, words, language) for v in report.variables)
        lines += [
            words["risk"].format(
                k=report.k,
                before=report.before.below_k,
                recoded=report.after_recoding.below_k,
                after=report.after.below_k,
            ),
            words["variables"].format(variables=variables),
            words["text"].format(rows=report.text_rows_withheld, k=report.k),
        ]
    return [part for line in lines for part in textwrap.wrap(line, 80)]


def _variable_words(variable: Variable, words: dict[str, str], language: str) -> str:
    """``unit: level 1 of 1, 2 suppressed (*)``."""
    parts = [
        words["level"].format(level=variable.level, levels=variable.levels)
        if variable.level
        else AS_ANSWERED.get(language, AS_ANSWERED["en"])
    ]
    if variable.cells_suppressed:
        parts.append(words["hidden"].format(n=variable.cells_suppressed, marker=MARKER))
    return f"{variable.name}: {', '.join(parts)}"
