"""Adjusting the items' p-values for multiple testing.

Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
Journal of Statistics*, 6(2), 65-70. Benjamini, Y., & Hochberg, Y. (1995). Controlling the
false discovery rate. *JRSS B*, 57(1), 289-300.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from scipy import stats

from .descriptives import FloatArray

AdjustMethod = Literal["holm", "bh"]


def adjust_pvalues(p: Sequence[float], method: AdjustMethod = "holm") -> list[float]:
    """Adjusted p-values, in input order; ``nan`` entries stay ``nan``.

    m is the number of non-``nan`` p-values, :math:`p_{(1)} \\le \\dots \\le p_{(m)}`.

    * ``"holm"`` (family-wise error rate, Holm 1979), step-down:
      :math:`\\tilde p_{(i)} = \\min\\{1, \\max_{j \\le i} (m - j + 1)\\,p_{(j)}\\}`.
    * ``"bh"`` (false discovery rate, Benjamini & Hochberg 1995), step-up:
      :math:`\\tilde p_{(i)} = \\min\\{1, \\min_{j \\ge i} m\\,p_{(j)} / j\\}`, by
      :func:`scipy.stats.false_discovery_control`.

    Both are monotone in the raw p-values and never below them; Holm >= BH.
    """
    if method not in ("holm", "bh"):
        raise ValueError(f"unknown adjustment method {method!r}; use 'holm' or 'bh'")
    values = np.asarray(p, dtype=np.float64).reshape(-1)
    finite = ~np.isnan(values)
    if np.any((values[finite] < 0) | (values[finite] > 1)):
        raise ValueError("p-values must lie in [0, 1] (or be nan)")
    adjusted = np.full(values.shape, np.nan)
    if finite.any():
        raw = values[finite]
        adjusted[finite] = _holm(raw) if method == "holm" else _bh(raw)
    return [float(x) for x in adjusted]


def _holm(p: FloatArray) -> FloatArray:
    order = np.argsort(p, kind="stable")
    m = p.size
    stepped = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    adjusted = np.empty_like(p)
    adjusted[order] = stepped
    return adjusted


def _bh(p: FloatArray) -> FloatArray:
    result: FloatArray = np.asarray(stats.false_discovery_control(p, method="bh"))
    return np.minimum(result, 1.0)
