"""Preferred forms counted among the respondents in need: checked against hand counts."""

from __future__ import annotations

import math

import numpy as np

from survey_app.analysis.preferences import FormCounts, count_forms, in_need

#: Four respondents, two items (importance, competence), three forms.
IMPORTANCE = [[5, 3], [4, 4], [2, 5], [5, math.nan]]
COMPETENCE = [[3, 3], [3, 2], [2, 5], [1, 1]]
CHOSE = [[1, 0, 1], [0, 1, 0], [0, 0, 0], [1, 1, 0]]


def test_in_need_is_a_gap_of_at_least_the_threshold_and_never_a_missing_rating():
    need = in_need(IMPORTANCE, COMPETENCE)
    assert need.tolist() == [[True, False], [True, True], [False, False], [True, False]]
    assert in_need(IMPORTANCE, COMPETENCE, threshold=2).tolist() == [
        [True, False],
        [False, True],
        [False, False],
        [True, False],
    ]


def test_counts_match_a_hand_count():
    counts = count_forms(in_need(IMPORTANCE, COMPETENCE), CHOSE)
    assert counts.answered == 3  # the third respondent chose nothing
    assert counts.overall.tolist() == [2, 2, 1]
    # item 1: respondents 1, 2 and 4 in need, all answered; item 2: respondent 2 only
    assert counts.in_need.tolist() == [3, 1]
    assert counts.by_need.tolist() == [[2, 2, 1], [0, 1, 0]]


def test_chunks_add_up_to_the_whole():
    need, chose = in_need(IMPORTANCE, COMPETENCE), np.array(CHOSE)
    whole = count_forms(need, chose)
    parts = FormCounts.zero(2, 3).plus(count_forms(need[:2], chose[:2]))
    parts = parts.plus(count_forms(need[2:], chose[2:]))
    assert parts.answered == whole.answered
    for name in ("overall", "in_need", "by_need"):
        assert getattr(parts, name).tolist() == getattr(whole, name).tolist()
