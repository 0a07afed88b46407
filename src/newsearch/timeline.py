"""Attention over time: how many articles match each of up to three queries per day, week, month or year.

Built on the public Index API only (``Index.search`` with a ``date:day`` facet for each query, and
``Index.facet_values("date:day")`` for every article in the index, handed in by ``Index.timeline``), with
the period arithmetic of :mod:`newsearch.facets`, so any engine behind ``Index`` gives the same chart.

>>> ix.timeline(["prisoner exchange", "ceasefire"]).series[0].counts     # doctest: +SKIP
(2, 0, 2, 2, 0, 0, 1, 2)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, datetime

from . import facets as facetlib
from .corpus import parse_date
from .models import FacetValue, Notice, Period, SearchResult, Timeline, TimelineSeries

MAX_QUERIES = 3
DAYS = "date:day"


def build(
    search: Callable[[str], SearchResult],
    all_days: Callable[[], Sequence[FacetValue]],
    queries: Sequence[str],
    *,
    granularity: str | None = None,
    since: datetime | date | str | None = None,
    until: datetime | date | str | None = None,
) -> Timeline:
    """See :meth:`newsearch.Index.timeline`.

    ``search(q)`` runs one query with the user's filters (``since``/``until`` included) and a ``date:day``
    facet; ``all_days()`` is the ``date:day`` facet of the whole index.
    """
    started = time.perf_counter()
    if isinstance(queries, str):
        queries = [queries]
    queries = [q for q in queries if q and q.strip()]
    if not queries:
        raise ValueError("give at least one query")
    if len(queries) > MAX_QUERIES:
        raise ValueError(f"at most {MAX_QUERIES} queries on one chart (got {len(queries)})")
    if granularity is not None and granularity not in facetlib.GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(facetlib.GRANULARITIES)}")
    found = []
    for q in queries:
        result = search(q)
        found.append((q, result.total, result.facets.get(DAYS, ())))
    # The span: what the user bounded it to, else the first to the last matching day of any query.
    first = _day(since)
    last = _day(until)
    matched_days = [facetlib.period_bounds(fv.value)[0] for _, _, days in found for fv in days]
    if first is None and matched_days:
        first = min(matched_days)
    if last is None and matched_days:
        last = max(matched_days)
    notices: list[Notice] = []
    if first is None or last is None or last < first:
        periods: tuple[Period, ...] = ()
        granularity = granularity or "day"
        series = tuple(TimelineSeries(q, total, (), (), undated=total) for q, total, _ in found)
    else:
        granularity = granularity or facetlib.timeline_granularity(first, last)
        everything = facetlib.regroup(all_days(), granularity, first, last)
        periods = tuple(
            Period(fv.value, *facetlib.period_bounds(fv.value), articles=fv.count) for fv in everything
        )
        series = tuple(_series(q, total, days, granularity, first, last, periods) for q, total, days in found)
    for s in series:
        if s.undated:
            notices.append(
                Notice("undated", f"{s.undated} of the {s.total} articles matching {s.query!r} have no date")
            )
    return Timeline(granularity, periods, series, time.perf_counter() - started, tuple(notices))


def _series(
    query: str,
    total: int,
    days: Sequence[FacetValue],
    granularity: str,
    first: date,
    last: date,
    periods: Sequence[Period],
) -> TimelineSeries:
    counts = tuple(fv.count for fv in facetlib.regroup(days, granularity, first, last))
    shares = tuple(
        round(c / p.articles, 6) if p.articles else 0.0 for c, p in zip(counts, periods, strict=True)
    )
    dated = sum(fv.count for fv in days)
    return TimelineSeries(query, total, counts, shares, undated=total - dated)


def _day(value: datetime | date | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed.date()
