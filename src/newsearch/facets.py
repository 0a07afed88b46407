"""Facet specifications, date buckets and counting: engine-free.

A facet spec names what to count over the whole result set:

====================  =====================================================
``speakers``          who is quoted or reported as saying something
``parties``           named people, organisations, countries, places, groups
``parties:KIND``      parties of one kind (person, organisation, country, …)
``source``            the outlet
``author``            the byline
``date``              a histogram: by year, month or day, chosen from the span
``date:year|month|day``  a histogram at that granularity
====================  =====================================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from .models import PARTY_KINDS, FacetValue

VALUE_FIELDS = ("speakers", "parties", "source", "author")
GRANULARITIES = ("year", "month", "day")
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
        raise ValueError(f"unknown facet {spec!r} (facets: {', '.join(VALUE_FIELDS)}, date[:year|month|day])")
    if arg:
        if field != "parties" or arg not in PARTY_KINDS:
            raise ValueError(f"facet {spec!r}: only parties take a kind ({', '.join(PARTY_KINDS)})")
        return FacetSpec(name, field, kind=arg)
    return FacetSpec(name, field)


def auto_granularity(first: datetime, last: datetime) -> str:
    span = (last - first).days
    return "year" if span > 3 * 365 else "month" if span > 90 else "day"


def bucket(day: datetime, granularity: str) -> str:
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.strftime("%Y-%m-%d")


def top_values(counts: Counter, top: int) -> tuple[FacetValue, ...]:
    """Most frequent first, ties in alphabetical order."""
    ranked = sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
    return tuple(FacetValue(v, c) for v, c in ranked[:top])


def count_values(docs: Iterable[int], doc_values: Sequence[Sequence[str]]) -> Counter:
    """How many of ``docs`` carry each value; ``doc_values[doc]`` lists a document's values."""
    # map + chain + Counter run in C: about 5x faster than a Python loop over 10k+ matching articles.
    return Counter(chain.from_iterable(map(doc_values.__getitem__, docs)))


def date_histogram(dates: Iterable[datetime], granularity: str | None) -> tuple[FacetValue, ...]:
    """Counts per year, month or day in chronological order (granularity None: chosen from the span)."""
    dates = list(dates)
    if not dates:
        return ()
    if granularity is None:
        granularity = auto_granularity(min(dates), max(dates))
    counts = Counter(bucket(d, granularity) for d in dates)
    return tuple(FacetValue(v, counts[v]) for v in sorted(counts))
