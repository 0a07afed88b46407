"""Facet specifications, date buckets and counting: engine-free.

A facet spec names what to count over the whole result set:

====================  =====================================================
``speakers``          who is quoted or reported as saying something
``parties``           named people, organisations, countries, places, groups
``parties:KIND``      parties of one kind (person, organisation, country, …)
``source``            the outlet
``author``            the byline
``date``              a histogram: by year, month or day, chosen from the span
``date:year|month|week|day``  a histogram at that granularity (weeks: ISO, ``2025-W47``)
====================  =====================================================

Period labels sort chronologically as text: ``2025``, ``2025-11``, ``2025-W47``, ``2025-11-03``. A
histogram lists the periods that have articles; :func:`fill_periods` adds the empty ones as zeros, and
:func:`regroup` turns day counts into weeks, months or years (what the attention-over-time chart uses).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import chain

from .models import PARTY_KINDS, FacetValue

VALUE_FIELDS = ("speakers", "parties", "source", "author")
GRANULARITIES = ("year", "month", "week", "day")
MAX_PERIODS = 5000  # a filled histogram longer than this is refused: choose a coarser granularity
DEFAULT_TOP = 10


@dataclass(frozen=True, slots=True)
class FacetSpec:
    name: str  # as the user wrote it: the key of SearchResult.facets
    field: str  # speakers, parties, source, author or date
    kind: str | None = None  # parties:KIND
    granularity: str | None = None  # date:GRANULARITY (None: automatic)


def parse_spec(spec: str) -> FacetSpec:
    """``"parties:person"`` -> FacetSpec; ValueError with the accepted forms otherwise."""
    name = spec.strip()
    field, _, arg = name.partition(":")
    singular = {"speaker": "speakers", "party": "parties", "sources": "source", "authors": "author"}
    field = singular.get(field, field)
    if field == "date":
        if arg and arg not in GRANULARITIES:
            raise ValueError(f"facet {spec!r}: date granularity must be one of {', '.join(GRANULARITIES)}")
        return FacetSpec(name, "date", granularity=arg or None)
    if field not in VALUE_FIELDS:
        raise ValueError(
            f"unknown facet {spec!r} (facets: {', '.join(VALUE_FIELDS)}, date[:year|month|week|day])"
        )
    if arg:
        if field != "parties" or arg not in PARTY_KINDS:
            raise ValueError(f"facet {spec!r}: only parties take a kind ({', '.join(PARTY_KINDS)})")
        return FacetSpec(name, field, kind=arg)
    return FacetSpec(name, field)


def auto_granularity(first: datetime, last: datetime) -> str:
    span = (last - first).days
    return "year" if span > 3 * 365 else "month" if span > 90 else "day"


def timeline_granularity(first: date, last: date) -> str:
    """Day, week, month or year for a chart over ``first``..``last``: a few dozen bars, rarely more."""
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 370 else "month" if span <= 15 * 366 else "year"


def bucket(day: date, granularity: str) -> str:
    """The label of the period ``day`` falls in (weeks are ISO weeks, Monday first: ``2025-W47``)."""
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "day":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")


def period_bounds(label: str) -> tuple[date, date]:
    """The first and last day (inclusive) of a period label made by :func:`bucket`."""
    try:
        if "-W" in label:
            year, week = label.split("-W")
            first = date.fromisocalendar(int(year), int(week), 1)
            return first, first + timedelta(days=6)
        parts = [int(p) for p in label.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            return first, _next_month(first) - timedelta(days=1)
        if len(parts) == 3:
            day = date(*parts)
            return day, day
    except ValueError:
        pass
    raise ValueError(f"not a period: {label!r} (YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD)")


def label_granularity(label: str) -> str:
    """Which granularity a period label is at."""
    if "-W" in label:
        return "week"
    return ("year", "month", "day")[label.count("-")] if label.count("-") <= 2 else "day"


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def periods(first: date, last: date, granularity: str) -> tuple[str, ...]:
    """Every period label from the one holding ``first`` to the one holding ``last``, in order."""
    if last < first:
        return ()
    out: list[str] = []
    day = period_bounds(bucket(first, granularity))[0]
    while day <= last:
        out.append(bucket(day, granularity))
        if len(out) > MAX_PERIODS:
            raise ValueError(
                f"{first} to {last} by {granularity} is more than {MAX_PERIODS} periods: "
                "choose a coarser granularity"
            )
        day = period_bounds(out[-1])[1] + timedelta(days=1)
    return tuple(out)


def fill_periods(
    values: Iterable[FacetValue],
    granularity: str,
    first: date | None = None,
    last: date | None = None,
) -> tuple[FacetValue, ...]:
    """A date histogram with every period from ``first`` to ``last`` (default: its own span), empty ones 0.

    Values outside ``first``..``last`` are dropped (a caller that narrows the span asked for that).
    """
    counts = {fv.value: fv.count for fv in values}
    if not counts and (first is None or last is None):
        return ()
    bounds = [period_bounds(v) for v in counts]
    first = first if first is not None else min(b[0] for b in bounds)
    last = last if last is not None else max(b[1] for b in bounds)
    return tuple(FacetValue(p, counts.get(p, 0)) for p in periods(first, last, granularity))


def zero_filled(facet: str, values: Sequence[FacetValue]) -> tuple[FacetValue, ...]:
    """A facet's values with, for a date facet, the empty periods inside its span as 0 (the others as
    they are); ValueError when the span holds more than MAX_PERIODS periods."""
    if not values or parse_spec(facet).field != "date":
        return tuple(values)
    return fill_periods(values, label_granularity(values[0].value))


def regroup(
    day_counts: Iterable[FacetValue],
    granularity: str,
    first: date | None = None,
    last: date | None = None,
) -> tuple[FacetValue, ...]:
    """Day counts (``YYYY-MM-DD`` labels) as a zero-filled histogram at ``granularity``.

    Only days within ``first``..``last`` count (both inclusive; None: unbounded on that side).
    """
    counts: Counter = Counter()
    for fv in day_counts:
        day = period_bounds(fv.value)[0]
        if (first is None or day >= first) and (last is None or day <= last):
            counts[bucket(day, granularity)] += fv.count
    return fill_periods((FacetValue(v, c) for v, c in counts.items()), granularity, first, last)


def top_values(counts: Counter, top: int) -> tuple[FacetValue, ...]:
    """Most frequent first, ties in alphabetical order."""
    items: Iterable[tuple[str, int]] = counts.items()
    if 0 < top < len(counts):
        # Only values counted at least as often as the top-th can be listed: sort those, not all (a word
        # query's parties facet at 100k articles has ~700 values for 10 shown).
        floor = heapq.nlargest(top, counts.values())[-1]
        items = [vc for vc in items if vc[1] >= floor]
    ranked = sorted(items, key=lambda vc: (-vc[1], vc[0]))
    return tuple(FacetValue(v, c) for v, c in ranked[:top])


def count_values(docs: Iterable[int], doc_values: Sequence[Sequence[str]]) -> Counter:
    """How many of ``docs`` carry each value; ``doc_values[doc]`` lists a document's values."""
    # map + chain + Counter run in C: about 5x faster than a Python loop over 10k+ matching articles.
    return Counter(chain.from_iterable(map(doc_values.__getitem__, docs)))


def date_histogram(
    dates: Iterable[datetime], granularity: str | None, *, fill: bool = False
) -> tuple[FacetValue, ...]:
    """Counts per year, month, week or day in chronological order (granularity None: from the span).

    Only periods with articles are listed, unless ``fill``: then every period of the span, empty ones 0.
    """
    dates = list(dates)
    if not dates:
        return ()
    if granularity is None:
        granularity = auto_granularity(min(dates), max(dates))
    counts = Counter(bucket(d, granularity) for d in dates)
    found = tuple(FacetValue(v, counts[v]) for v in sorted(counts))
    return fill_periods(found, granularity) if fill else found
