"""Trends across the waves of a campaign series: items matched by code, absent never
zero, suppression in every wave, statuses as the two-wave comparison gives them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from flask_babel import force_locale

from survey_app.monitoring.chart import chart_summary, trend_chart
from survey_app.monitoring.service import SeriesError, SeriesInput, create_series, get_series
from survey_app.monitoring.trends import State, Status, TrendError, series_trend
from survey_app.results.waves import compare

from .monitoring_helpers import close_gap, series, skip_item, wave


def rows_by_code(trend):
    return {row.code: row for row in trend.rows}


def test_items_are_matched_by_code_and_an_absent_item_is_absent(app):
    series("tna", wave("w1", 40, seed=1), wave("w2", 40, version=2, seed=2))
    trend = series_trend(get_series("tna"), "en")
    rows = rows_by_code(trend)
    assert [w.slug for w in trend.waves] == ["w1", "w2"]
    assert [c.state for c in rows["M.1"].cells] == [State.SHOWN, State.SHOWN]
    assert [c.state for c in rows["T.1"].cells] == [State.SHOWN, State.ABSENT]
    assert [c.state for c in rows["T.9"].cells] == [State.ABSENT, State.SHOWN]
    assert rows["T.1"].cells[1].mwds is None and rows["T.1"].cells[1].n is None
    assert rows["T.1"].pairs[0].status is Status.ABSENT
    assert rows["M.1"].pairs[0].status in (Status.PERSISTS, Status.REDUCED, Status.GREW)
    assert rows["T.9"].label == "Records management"


def test_a_wave_below_its_minimum_cell_size_shows_no_figure(app):
    series("tna", wave("w1", 40, seed=1), wave("w2", 4, seed=2), wave("w3", 40, seed=3))
    trend = series_trend(get_series("tna"), "en")
    assert [w.suppressed for w in trend.waves] == [False, True, False]
    for row in trend.rows:
        hidden = row.cells[1]
        assert hidden.state is State.SUPPRESSED
        assert (hidden.n, hidden.mwds, hidden.gap, hidden.rank) == (None, None, None, None)
        assert [p.status for p in row.pairs] == [Status.SUPPRESSED, Status.SUPPRESSED]
        assert all(p.p_adjusted is None for p in row.pairs)


def test_an_item_answered_by_too_few_is_suppressed_in_its_wave(app):
    w1, w2 = wave("w1", 40, seed=1), wave("w2", 30, seed=2)
    skip_item(w2, "spbe", keep=4)
    series("tna", w1, w2)
    rows = rows_by_code(series_trend(get_series("tna"), "en"))
    spbe, integrity = rows["T.1"], rows["M.1"]
    assert spbe.cells[0].state is State.SHOWN and spbe.cells[1].state is State.SUPPRESSED
    assert spbe.cells[1].mwds is None and spbe.pairs[0].status is Status.SUPPRESSED
    assert integrity.cells[1].state is State.SHOWN and integrity.pairs[0].p_adjusted is not None


def test_each_pair_has_the_status_and_holm_p_of_the_two_wave_comparison(app):
    w1, w2, w3 = wave("w1", 60, seed=1), wave("w2", 60, seed=2), wave("w3", 60, seed=3)
    close_gap(w2, "integritas")
    series("tna", w3, w1, w2)  # any order: the waves are ordered by their dates
    trend = series_trend(get_series("tna"), "en")
    assert [w.slug for w in trend.waves] == ["w1", "w2", "w3"]
    rows = rows_by_code(trend)
    for index, (before, after) in enumerate([(w1, w2), (w2, w3)]):
        for expected in compare(before, after, "en").rows:
            pair = rows[expected.code].pairs[index]
            assert pair.status.value == expected.flag.replace("need_reduced", "reduced")
            assert pair.p_adjusted == pytest.approx(expected.p_adjusted)
    assert rows["M.1"].pairs[0].status is Status.REDUCED
    assert rows["M.1"].pairs[1].status is Status.GREW


def test_the_chart_is_valid_svg_naming_the_competencies_and_a_png_for_documents(app):
    series("tna", wave("w1", 40, seed=1), wave("w2", 40, version=2, seed=2))
    with force_locale("en"):
        trend = series_trend(get_series("tna"), "en")
        svg, png, summary = (
            trend_chart(trend, "svg"),
            trend_chart(trend, "png"),
            chart_summary(trend),
        )
    text = " ".join(ET.fromstring(svg).itertext())
    assert "M.1" in text and "T.9" in text and "W1" in text and "W2" in text
    assert "T.1" not in text  # absent from the latest wave: not one of its top needs
    assert png.startswith(b"\x89PNG")
    assert "T.9 Records management: — →" in summary  # absent in the first wave: no point


def test_the_chart_draws_the_top_needs_of_the_latest_wave_that_may_be_shown(app):
    series("tna", wave("w1", 40, seed=1), wave("w2", 3, seed=2))
    with force_locale("en"):
        trend = series_trend(get_series("tna"), "en")
        svg, summary = trend_chart(trend), chart_summary(trend)
    first = sorted(trend.rows, key=lambda row: row.cells[0].rank or 99)
    assert [row.code for row in trend.top()] == [row.code for row in first]
    assert "M.1" in " ".join(ET.fromstring(svg).itertext())
    assert summary.count("→ —") == 2  # both items: a point in w1, none in w2


def test_the_chart_of_a_series_with_no_wave_to_show_says_so(app):
    series("tna", wave("w1", 3, seed=1), wave("w2", 3, seed=2))
    with force_locale("en"):
        trend = series_trend(get_series("tna"), "en")
        svg = trend_chart(trend)
    assert trend.top() == []
    assert "No wave may be shown" in " ".join(ET.fromstring(svg).itertext())
    assert "M.1" not in svg.decode()


@pytest.mark.parametrize(
    ("slug", "title", "campaigns", "field", "words"),
    [
        ("tna", "Needs", ("w1",), "campaigns", "at least two"),
        ("tna", "Needs", ("w1", "nope"), "campaigns", "nope"),
        ("tna", "Needs", ("w1", "r1"), "campaigns", "same questionnaire"),
        ("Bad Slug", "Needs", ("w1", "w2"), "slug", "lower-case"),
        ("tna", "  ", ("w1", "w2"), "title", "title"),
    ],
)
def test_a_wrong_series_is_refused_with_a_clear_error(
    app, make_campaign, slug, title, campaigns, field, words
):
    wave("w1", 0, seed=1)
    wave("w2", 0, seed=2)
    make_campaign(form="roles.yaml", slug="r1")
    with pytest.raises(SeriesError) as refused, force_locale("en"):
        create_series(SeriesInput(slug, title, campaigns))
    assert words in refused.value.errors[field]
    assert get_series(slug) is None


def test_a_series_left_with_one_wave_shows_no_trend(app):
    from survey_app.extensions import db

    series("tna", wave("w1", 10, seed=1), wave("w2", 10, seed=2))
    found = get_series("tna")
    found.waves = found.waves[:1]  # a wave taken out of the database by hand
    db.session.commit()
    db.session.expire_all()
    with pytest.raises(TrendError):
        series_trend(get_series("tna"), "en")
