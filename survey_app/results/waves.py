"""Comparing two survey waves of one questionnaire, item by item (matched by code).

Each item's gap is compared with :func:`survey_app.analysis.compare_waves` (Mann-Whitney
U, rank-biserial r). The flags are read as a list, so the p-values are Holm-adjusted
across the items first (docs/statistics.md, "Monitoring"): an item is flagged
``need_reduced`` or ``grew`` only when its adjusted p is below alpha.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ..analysis import WaveComparison, adjust_pvalues, compare_waves
from ..campaigns.models import Campaign
from ..extensions import db
from ..versions.models import Questionnaire, QuestionnaireVersion
from ..versions.service import form_of
from .dataset import Dataset, load_dataset
from .priorities import competencies


@dataclass(frozen=True)
class WaveRow:
    code: str
    label: str
    result: WaveComparison
    p_adjusted: float
    flag: str


@dataclass(frozen=True)
class Waves:
    """``rows`` is empty when either wave is below ``min_cell`` responses (suppressed)."""

    n_before: int
    n_after: int
    min_cell: int
    rows: list[WaveRow]

    @property
    def suppressed(self) -> bool:
        return min(self.n_before, self.n_after) < self.min_cell


def other_waves(campaign: Campaign) -> list[Campaign]:
    """Other campaigns on the same questionnaire (any version of its ``form_id``)."""
    form_id = campaign.version.questionnaire.form_id
    query = (
        sa.select(Campaign)
        .join(QuestionnaireVersion, Campaign.version_id == QuestionnaireVersion.id)
        .join(Questionnaire)
        .where(Questionnaire.form_id == form_id, Campaign.id != campaign.id)
        .order_by(Campaign.created_at.desc())
    )
    return list(db.session.scalars(query))


def compare(before: Campaign, after: Campaign, language: str) -> Waves:
    """Items of both waves, in the ``after`` form's order."""
    old = load_dataset(before.id, form_of(before.version))
    new = load_dataset(after.id, form_of(after.version))
    return compare_datasets(old, new, max(before.min_cell_size, after.min_cell_size), language)


def compare_datasets(old: Dataset, new: Dataset, threshold: int, language: str) -> Waves:
    """:func:`compare` of two waves already read (a series reads each wave once)."""
    if min(old.n, new.n) < threshold:
        return Waves(old.n, new.n, threshold, [])
    old_names = {item.code: item.name for item in competencies(old.form)}
    items = [item for item in competencies(new.form) if item.code in old_names]
    results = [compare_waves(*_pair(old, old_names[i.code]), *_pair(new, i.name)) for i in items]
    adjusted = adjust_pvalues([r.p_value for r in results])
    rows = [
        WaveRow(item.code, new.form.text(item.label, language), r, p, _flag(r, p))
        for item, r, p in zip(items, results, adjusted, strict=True)
    ]
    return Waves(old.n, new.n, threshold, rows)


def _pair(data: Dataset, name: str) -> tuple[np.ndarray, np.ndarray]:
    importance = data.column(f"{name}/importance").astype(np.float64)
    return importance, data.column(f"{name}/competence").astype(np.float64)


def _flag(result: WaveComparison, p_adjusted: float) -> str:
    return result.flag if p_adjusted < result.alpha else "persists"
