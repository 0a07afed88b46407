"""Periods (ISO weeks, zero-filled histograms), Index.timeline and the speaker counts of Index.quotes."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsearch
from newsearch import facets, shapes
from newsearch.models import FacetValue

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
GRANULARITY = st.sampled_from(facets.GRANULARITIES)


def test_iso_weeks_and_labels():
    assert facets.bucket(date(2024, 12, 30), "week") == "2025-W01"  # ISO year, Monday first
    assert facets.bucket(date(2021, 1, 3), "week") == "2020-W53"
    assert facets.period_bounds("2025-W47") == (date(2025, 11, 17), date(2025, 11, 23))
    assert facets.period_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert facets.period_bounds("2025") == (date(2025, 1, 1), date(2025, 12, 31))
    assert facets.label_granularity("2025-W01") == "week" and facets.label_granularity("2025-11") == "month"
    assert facets.parse_spec("date:week").granularity == "week"
    for bad in ("2025-W54", "2025-13", "twenty", "2025-02-30"):
        with pytest.raises(ValueError):
            facets.period_bounds(bad)


@given(day=DAYS, granularity=GRANULARITY)
def test_a_day_lies_in_the_bounds_of_its_period(day, granularity):
    label = facets.bucket(day, granularity)
    first, last = facets.period_bounds(label)
    assert first <= day <= last
    assert facets.bucket(first, granularity) == facets.bucket(last, granularity) == label
    assert facets.bucket(first - timedelta(days=1), granularity) != label
    assert facets.label_granularity(label) == granularity


@given(
    a=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    b=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    granularity=GRANULARITY,
)
def test_periods_are_contiguous_ordered_and_cover_the_span(a, b, granularity):
    first, last = min(a, b), max(a, b)
    if granularity == "day" and (last - first).days >= facets.MAX_PERIODS:
        with pytest.raises(ValueError, match="coarser granularity"):
            facets.periods(first, last, granularity)
        return
    labels = facets.periods(first, last, granularity)
    assert list(labels) == sorted(labels) and len(set(labels)) == len(labels)
    bounds = [facets.period_bounds(label) for label in labels]
    assert bounds[0][0] <= first and bounds[-1][1] >= last
    assert all(prev[1] + timedelta(days=1) == nxt[0] for prev, nxt in itertools.pairwise(bounds))


@given(
    days=st.lists(
        st.tuples(st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)), st.integers(1, 5)),
        min_size=1,
        max_size=30,
    ),
    granularity=GRANULARITY,
    window=st.tuples(st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)), st.integers(0, 400)),
)
def test_regroup_keeps_every_count_in_the_window_and_fills_the_rest_with_zero(days, granularity, window):
    counts = Counter()
    for day, n in days:
        counts[day] += n
    day_values = [FacetValue(d.isoformat(), n) for d, n in sorted(counts.items())]
    first, last = window[0], window[0] + timedelta(days=window[1])
    grouped = facets.regroup(day_values, granularity, first, last)
    assert [fv.value for fv in grouped] == list(facets.periods(first, last, granularity))
    assert sum(fv.count for fv in grouped) == sum(n for d, n in counts.items() if first <= d <= last)
    for fv in grouped:
        lo, hi = facets.period_bounds(fv.value)
        assert fv.count == sum(n for d, n in counts.items() if max(lo, first) <= d <= min(hi, last))


def test_date_histogram_lists_found_periods_or_fills_them():
    dates = [datetime(2025, 1, 5), datetime(2025, 3, 9), datetime(2025, 3, 10)]
    assert facets.date_histogram(dates, "month") == (FacetValue("2025-01", 1), FacetValue("2025-03", 2))
    assert facets.date_histogram(dates, "month", fill=True) == (
        FacetValue("2025-01", 1),
        FacetValue("2025-02", 0),
        FacetValue("2025-03", 2),
    )
    assert [fv.value for fv in facets.date_histogram(dates, "week", fill=True)][:2] == [
        "2025-W01",
        "2025-W02",
    ]
    assert facets.date_histogram([], "day", fill=True) == ()


def test_timeline_granularity_from_the_span():
    start = date(2025, 1, 1)
    assert facets.timeline_granularity(start, start + timedelta(days=30)) == "day"
    assert facets.timeline_granularity(start, start + timedelta(days=200)) == "week"
    assert facets.timeline_granularity(start, start + timedelta(days=3 * 365)) == "month"
    assert facets.timeline_granularity(start, start + timedelta(days=40 * 365)) == "year"


# ------------------------------------------------------------------------------------- Index.timeline
def test_timeline_counts_shares_and_zero_periods(ix):
    t = ix.timeline(["prisoner OR election", "strike"], granularity="month")
    assert t.granularity == "month" and len(t.series) == 2
    labels = [p.label for p in t.periods]
    first, last = t.periods[0].first_day, t.periods[-1].last_day
    assert labels == list(facets.periods(first, last, "month"))
    prisoner = t.series[0]
    matched = ix.search("prisoner OR election", limit=100, collapse=False)
    dated = Counter(h.date.strftime("%Y-%m") for h in matched.hits if h.date)
    assert {p.label: c for p, c in zip(t.periods, prisoner.counts, strict=True) if c} == dict(dated)
    assert prisoner.total == matched.total and prisoner.undated == matched.total - sum(dated.values())
    everything = {fv.value: fv.count for fv in ix.facet_values("date:month", top=1000)}
    for period, count, share in zip(t.periods, prisoner.counts, prisoner.shares, strict=True):
        assert period.articles == everything.get(period.label, 0)
        assert share == (pytest.approx(count / period.articles) if period.articles else 0.0)
    assert 0 in prisoner.counts  # months between the first and the last match are there, as zeros
    data = shapes.envelope("timeline", t)
    assert data["kind"] == "timeline" and data["periods"][0]["first_day"] == first.isoformat()


def test_timeline_span_follows_since_and_until_and_filters(ix):
    t = ix.timeline(["prisoner"], since="2025-11-01", until="2025-11-30", granularity="week")
    assert t.periods[0].first_day == date(2025, 10, 27) and t.periods[-1].last_day == date(2025, 11, 30)
    assert sum(t.series[0].counts) == ix.search("prisoner", since="2025-11-01", until="2025-11-30").total
    narrowed = ix.timeline(["prisoner"], sources=["Northgate Wire"], granularity="month")
    assert narrowed.series[0].total == ix.search("prisoner", sources=["Northgate Wire"]).total


def test_timeline_without_dated_matches_says_so(ix):
    t = ix.timeline(["dock workers"])
    assert t.periods == () and t.series[0].total > 0 and t.series[0].undated == t.series[0].total
    assert [n.kind for n in t.notices] == ["undated"]


def test_timeline_refuses_bad_requests(ix):
    with pytest.raises(ValueError, match="at most 3"):
        ix.timeline(["a", "b", "c", "d"])
    with pytest.raises(ValueError, match="at least one"):
        ix.timeline(["  "])
    with pytest.raises(ValueError, match="granularity"):
        ix.timeline(["prisoner"], granularity="fortnight")
    with pytest.raises(newsearch.QueryError):
        ix.timeline(['"unbalanced'])


# ------------------------------------------------------------------------------------- Index.quotes
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The project's own sample corpus (45 articles)."""
    from pathlib import Path

    index = tmp_path_factory.mktemp("timeline") / "ix"
    newsearch.create_index(index).add([Path(__file__).resolve().parents[1] / "corpus"])
    with newsearch.open_index(index) as opened:
        yield opened


def test_quote_speakers_count_every_matching_quote_not_the_page(sample):
    ix = sample
    everything = ix.quotes("government", limit=1000, speaker_top=1000)
    page = ix.quotes("government", limit=1, speaker_top=1000)
    assert len(page.hits) == 1 and page.speakers == everything.speakers
    expected = Counter(h.speaker for h in everything.hits if h.speaker)
    assert {fv.value: fv.count for fv in everything.speakers} == dict(expected)
    counts = [fv.count for fv in everything.speakers]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > 1 and len(everything.speakers) > 2
    assert len(ix.quotes("government", speaker_top=1).speakers) == 1
    # Speakers of the matching articles who did not say the word are not counted.
    in_articles = {s for h in ix.search("government", limit=1000).hits for s in h.speakers}
    assert set(expected) < in_articles
