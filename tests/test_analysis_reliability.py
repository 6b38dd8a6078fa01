"""Cronbach's alpha and Kendall's W against values published by established software.

Reference data (copied into ``tests/data/`` from ``shared/reference-data``):

- ``pingouin_cronbach_alpha.csv`` and ``pingouin_cronbach_wide_missing.csv``: the
  ``cronbach_alpha`` and ``cronbach_wide_missing`` data sets of the Python package
  pingouin (GPL-3); expected values from ``pingouin.cronbach_alpha``'s documented
  examples, which agree with R's ``psych::alpha``.
- ``irr_anxiety.csv``: the ``anxiety`` data set of the R package ``irr`` 0.84.1
  (GPL >= 2); expected values from ``irr::kendall(anxiety, correct=TRUE/FALSE)``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from scipy import stats

from survey_app.analysis.agreement import kendall_w, kendall_w_from_rankings
from survey_app.analysis.reliability import (
    Deletion,
    InsufficientDataError,
    cronbach_alpha,
    feldt_interval,
)

DATA = Path(__file__).resolve().parent / "data"
Matrix = npt.NDArray[np.float64]


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(newline="") as handle:
        return list(csv.reader(handle))[1:]


def _wide_missing() -> Matrix:
    rows = _rows("pingouin_cronbach_wide_missing.csv")
    return np.array([[float(v) if v else np.nan for v in row] for row in rows])


def _long_to_wide() -> Matrix:
    """Pivot ``Subj, Items, Scores`` to subjects x items."""
    rows = _rows("pingouin_cronbach_alpha.csv")
    subjects = sorted({int(r[0]) for r in rows})
    items = sorted({r[1] for r in rows}, key=lambda code: int(code[1:]))
    wide = np.full((len(subjects), len(items)), np.nan)
    for subject, item, score in rows:
        wide[subjects.index(int(subject)), items.index(item)] = float(score)
    return wide


def _anxiety() -> Matrix:
    """3 raters x 20 subjects: the subjects are the items being ranked."""
    return np.array([[float(v) for v in row[1:]] for row in _rows("irr_anxiety.csv")]).T


def _sig6(value: float) -> float:
    return float(f"{value:.6g}")


# --- Cronbach's alpha -------------------------------------------------------------


def test_alpha_reproduces_pingouin_long_format() -> None:
    result = cronbach_alpha(_long_to_wide())
    assert result.alpha == pytest.approx(0.5917188485995826, abs=1e-10)
    assert (round(result.ci_low, 3), round(result.ci_high, 3)) == (0.195, 0.840)
    assert (result.n, result.k, result.n_complete) == (15, 10, 15)


def test_alpha_pairwise_reproduces_pingouin_and_psych() -> None:
    result = cronbach_alpha(_wide_missing(), deletion="pairwise")
    assert result.alpha == pytest.approx(0.732660835214447, abs=1e-10)
    assert (round(result.ci_low, 3), round(result.ci_high, 3)) == (0.435, 0.909)
    assert result.deletion == "pairwise"


def test_alpha_listwise_reproduces_pingouin_and_psych() -> None:
    result = cronbach_alpha(_wide_missing(), deletion="listwise")
    assert result.alpha == pytest.approx(0.8016949152542373, abs=1e-10)
    assert (round(result.ci_low, 3), round(result.ci_high, 3)) == (0.581, 0.933)
    assert (result.n, result.n_complete, result.k) == (12, 9, 11)


def test_listwise_with_analysed_n_gives_the_wider_interval_of_the_complete_cases() -> None:
    default = cronbach_alpha(_wide_missing())
    analysed = cronbach_alpha(_wide_missing(), feldt_n="analysed")
    assert analysed.alpha == default.alpha
    assert (analysed.ci_low, analysed.ci_high) == feldt_interval(default.alpha, 9, 11)
    assert analysed.ci_low < default.ci_low and analysed.ci_high > default.ci_high
    # Computed here, not published: Feldt with n = 9 complete cases.
    assert (round(analysed.ci_low, 3), round(analysed.ci_high, 3)) == (0.533, 0.947)


def test_alpha_matches_the_variance_formula_without_missing_values() -> None:
    data = _long_to_wide()
    k = data.shape[1]
    expected = k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / data.sum(axis=1).var(ddof=1))
    for deletion in ("listwise", "pairwise"):
        assert cronbach_alpha(data, deletion=deletion).alpha == pytest.approx(expected, abs=1e-12)


def test_listwise_equals_alpha_of_the_complete_rows() -> None:
    data = _wide_missing()
    complete = data[~np.isnan(data).any(axis=1)]
    assert cronbach_alpha(data).alpha == pytest.approx(cronbach_alpha(complete).alpha, abs=1e-12)


@pytest.mark.parametrize("deletion", ["listwise", "pairwise"])
def test_rows_without_any_answer_are_ignored(deletion: Deletion) -> None:
    data = _wide_missing()
    padded = np.vstack([data, np.full((3, data.shape[1]), np.nan)])
    assert cronbach_alpha(padded, deletion=deletion) == cronbach_alpha(data, deletion=deletion)


def test_narrower_confidence_gives_a_narrower_interval() -> None:
    wide = cronbach_alpha(_long_to_wide(), confidence=0.95)
    narrow = cronbach_alpha(_long_to_wide(), confidence=0.80)
    assert wide.ci_low < narrow.ci_low < narrow.alpha < narrow.ci_high < wide.ci_high


@pytest.mark.parametrize(
    "matrix",
    [
        [[1.0], [2.0], [3.0]],  # k < 2
        [[1.0, 2.0, 3.0]],  # n < 2
        [[1.0, np.nan], [2.0, 3.0], [np.nan, 1.0]],  # listwise leaves one row
        [[2.0, 2.0], [2.0, 2.0], [2.0, 2.0]],  # no variance
    ],
)
def test_too_little_data_raises(matrix: list[list[float]]) -> None:
    with pytest.raises(InsufficientDataError):
        cronbach_alpha(matrix)


def test_pairwise_needs_two_common_answers_per_pair() -> None:
    matrix = [[1.0, np.nan], [2.0, 3.0], [np.nan, 1.0], [4.0, np.nan]]
    with pytest.raises(InsufficientDataError, match="in common"):
        cronbach_alpha(matrix, deletion="pairwise")


@pytest.mark.parametrize(
    ("matrix", "options"),
    [
        ([1.0, 2.0, 3.0], {}),
        ([[1.0, np.inf], [2.0, 3.0]], {}),
        ([[1.0, 2.0], [2.0, 3.0]], {"deletion": "available"}),
        ([[1.0, 2.0], [2.0, 3.0]], {"confidence": 1.0}),
        ([[1.0, 2.0], [2.0, 3.0]], {"feldt_n": "rows"}),
    ],
)
def test_bad_input_raises_value_error(matrix: object, options: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        cronbach_alpha(matrix, **options)  # type: ignore[arg-type]


# --- Kendall's W ------------------------------------------------------------------


def test_kendall_w_with_tie_correction_reproduces_irr() -> None:
    result = kendall_w(_anxiety())
    assert _sig6(result.w) == 0.539657
    assert _sig6(result.chi2) == 30.7604
    assert round(result.p, 6) == 0.042883
    assert (result.df, result.raters, result.items, result.tie_corrected) == (19, 3, 20, True)


def test_kendall_w_without_tie_correction_reproduces_irr() -> None:
    result = kendall_w(_anxiety(), tie_correction=False)
    assert _sig6(result.w) == 0.501921
    assert _sig6(result.chi2) == 28.6095
    assert round(result.p, 6) == 0.072380


def test_tie_corrected_chi2_equals_friedman() -> None:
    ratings = _anxiety()
    friedman = stats.friedmanchisquare(*ratings.T)  # subjects as treatments, raters as blocks
    assert kendall_w(ratings).chi2 == pytest.approx(30.76044, abs=5e-6)
    assert kendall_w(ratings).chi2 == pytest.approx(float(friedman.statistic), rel=1e-12)


def test_scores_and_their_ranks_give_the_same_w() -> None:
    ratings = _anxiety()
    ranks = np.vstack([stats.rankdata(row) for row in ratings])
    assert kendall_w(ranks) == kendall_w(ratings)


def test_identical_raters_give_w_one() -> None:
    result = kendall_w([[1, 2, 3, 4], [10, 20, 30, 40], [1, 2, 3, 4]])
    assert result.w == pytest.approx(1.0)


@pytest.mark.parametrize("ratings", [[[1, 2, 3]], [[1], [2]], [[1, 1], [2, 2]]])
def test_kendall_w_too_little_data(ratings: list[list[int]]) -> None:
    with pytest.raises(InsufficientDataError):
        kendall_w(ratings)


def test_kendall_w_rejects_missing_ratings() -> None:
    with pytest.raises(ValueError, match="complete"):
        kendall_w([[1.0, 2.0, np.nan], [1.0, 2.0, 3.0]])


# --- partial rankings (nominal group technique) -------------------------------------

CANDIDATES = ["A", "B", "C", "D", "E"]


def test_agreeing_top_picks_give_w_one() -> None:
    rankings = {"p1": ["B", "A", "C"], "p2": ["B", "A", "C"], "p3": ["B", "A", "C"]}
    result = kendall_w_from_rankings(rankings, CANDIDATES, top=3)
    assert result is not None
    assert result.w == pytest.approx(1.0)
    assert (result.raters, result.items, result.tie_corrected) == (3, 5, True)


def test_reversed_rankings_give_small_w() -> None:
    forward, backward = ["A", "B", "C", "D"], ["D", "C", "B", "A"]
    two = kendall_w_from_rankings({"p1": forward, "p2": backward}, ["A", "B", "C", "D"], top=4)
    three = kendall_w_from_rankings(
        {"p1": forward, "p2": backward, "p3": forward}, ["A", "B", "C", "D"], top=4
    )
    assert two is not None and three is not None
    assert two.w == pytest.approx(0.0)
    assert three.w == pytest.approx(1 / 9)  # S = 5, m = 3, n = 4: 12 * 5 / (9 * 60)


def test_unranked_candidates_share_the_average_remaining_rank() -> None:
    rankings = {"p1": ["A", "B"], "p2": ["C"], "p3": ["A", "C"]}
    explicit = [
        [1.0, 2.0, 4.0, 4.0, 4.0],  # C, D, E share ranks 3..5
        [3.5, 3.5, 1.0, 3.5, 3.5],  # four candidates share ranks 2..5
        [1.0, 4.0, 2.0, 4.0, 4.0],
    ]
    assert kendall_w_from_rankings(rankings, CANDIDATES, top=2) == kendall_w(explicit)


def test_participants_without_picks_are_left_out() -> None:
    base = {"p1": ["A", "B"], "p2": ["A", "C"]}
    with_empty = {**base, "p3": []}
    assert kendall_w_from_rankings(with_empty, CANDIDATES, top=2) == kendall_w_from_rankings(
        base, CANDIDATES, top=2
    )


@pytest.mark.parametrize(
    ("rankings", "candidates"),
    [({"p1": ["A"]}, CANDIDATES), ({"p1": ["A"], "p2": ["A"]}, ["A"]), ({}, CANDIDATES)],
)
def test_too_few_raters_or_candidates_give_none(
    rankings: dict[str, list[str]], candidates: list[str]
) -> None:
    assert kendall_w_from_rankings(rankings, candidates, top=1) is None


@pytest.mark.parametrize(
    ("rankings", "candidates", "top"),
    [
        ({"p1": ["A", "B", "C"], "p2": ["A"]}, CANDIDATES, 2),  # longer than top
        ({"p1": ["A", "Z"], "p2": ["A"]}, CANDIDATES, 2),  # unknown candidate
        ({"p1": ["A", "A"], "p2": ["A"]}, CANDIDATES, 2),  # repeated pick
        ({"p1": ["A"], "p2": ["B"]}, ["A", "B", "A"], 2),  # duplicate candidate
        ({"p1": ["A"], "p2": ["B"]}, CANDIDATES, 0),
    ],
)
def test_invalid_rankings_raise(
    rankings: dict[str, list[str]], candidates: list[str], top: int
) -> None:
    with pytest.raises(ValueError):
        kendall_w_from_rankings(rankings, candidates, top)
