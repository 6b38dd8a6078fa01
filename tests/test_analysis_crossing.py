"""Two-way breakdowns: no hidden cell of A x B can be recovered from a row, a column or
the one-way counts; the dashboard and the draft never show such a table unchecked."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.analysis.crossing import suppress_crossed
from survey_app.questionnaire import Form
from survey_app.results.dataset import Dataset
from survey_app.results.priorities import hidden_groups

# status (rows) x golongan (columns), as counted
TABLE = {
    "pns": {"I-II": 30, "III": 40, "IV": 2},
    "cpns": {"I-II": 9, "III": 6, "IV": 0},
    "pppk": {"I-II": 1, "III": 12, "IV": 7},
}


def _lines(counts, hidden):
    rows = sorted(counts)
    columns = sorted({b for line in counts.values() for b in line})
    for a in rows:
        yield [(counts[a].get(b, 0), (a, b) in hidden) for b in columns]
    for b in columns:
        yield [(counts[a].get(b, 0), (a, b) in hidden) for a in rows]


def _safe(line, k):
    """No hidden cell recoverable from the line's total: none hidden, all hidden, or at
    least two hidden summing to k or more."""
    hidden = [count for count, is_hidden in line if is_hidden]
    return not hidden or len(hidden) == len(line) or (len(hidden) >= 2 and sum(hidden) >= k)


def test_a_small_cell_takes_partners_in_its_row_and_its_column():
    result = suppress_crossed(TABLE, min_cell=5)
    assert {("pns", "IV"), ("cpns", "IV"), ("pppk", "I-II")} <= result.hidden
    assert result.reasons[("pns", "IV")] == "primary"
    assert all(_safe(line, 5) for line in _lines(TABLE, result.hidden))
    assert result.in_row("pns") == frozenset(b for a, b in result.hidden if a == "pns")


tables = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]),
    st.dictionaries(st.sampled_from(["x", "y", "z"]), st.integers(0, 12), min_size=1),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(1, 8))
def test_every_row_and_column_is_safe(counts, k):
    result = suppress_crossed(counts, min_cell=k)
    for a, line in counts.items():
        for b, count in line.items():
            assert count >= k or (a, b) in result.hidden
    assert all(_safe(line, k) for line in _lines(counts, result.hidden))


def _dataset(status: list[str], golongan: list[str]) -> Dataset:
    from survey_app.questionnaire import parse_form
    from tests.conftest import form_text

    form: Form = parse_form(form_text("tna-asn.yaml"))
    groups = {
        "status": np.array(status, dtype=object),
        "golongan": np.array(golongan, dtype=object),
    }
    return Dataset(form, form.numeric_columns, np.zeros((len(status), 0)), groups)


def test_one_rule_for_a_breakdown_alone_and_within_a_group():
    pairs = [(a, b) for a, line in TABLE.items() for b, n in line.items() for _ in range(n)]
    data = _dataset([a for a, _ in pairs], [b for _, b in pairs])
    alone = hidden_groups(data, "golongan", 5)
    # nobody answered "not applicable": a zero is hidden, and IV with it (complementary)
    assert alone.reasons == {"tidak_berlaku": "primary", "IV": "complementary"}
    crossed = suppress_crossed(
        {a: {**line, "tidak_berlaku": 0} for a, line in TABLE.items()}, min_cell=5
    )
    within = hidden_groups(data, "golongan", 5, within=("status", "pppk"))
    assert within.hidden == crossed.in_row("pppk") and "I-II" in within.hidden
