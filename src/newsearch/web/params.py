"""Request parameters: one parser for the page and the API, the same names and limits as the CLI.

Works on plain ``(name, value)`` pairs so that it knows nothing of the web framework. Every problem is a
:class:`BadRequest` naming the parameter, which the app turns into a 400 JSON error (API) or a message on
the page; nothing is silently dropped: the API refuses parameters it does not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from .. import facets as facetlib
from ..corpus import parse_date

MAX_LIMIT = 1000  # as the CLI's --limit
MAX_PAGE = 10_000
MAX_TOP = 1000
MAX_QUERY_CHARS = 10_000  # as the query parser's own limit
MAX_VALUES = 50  # repeated filter values per parameter
MAX_QUERIES = 3  # series on one chart
SORTS = ("relevance", "date", "-date")
FILTERS = (("speaker", "speakers"), ("party", "parties"), ("source", "sources"), ("author", "authors"))


class BadRequest(ValueError):
    """A request parameter that is missing, repeated, unknown or out of range."""


class Params:
    """The query string of one request as ``name -> [values]``, read with checks."""

    def __init__(self, pairs: Iterable[tuple[str, str]], *, allowed: Iterable[str] | None = None) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in pairs:
            self._values.setdefault(name, []).append(value)
        if allowed is not None:
            known = set(allowed)
            unknown = sorted(n for n in self._values if n not in known)
            if unknown:
                raise BadRequest(
                    f"unknown parameter {unknown[0]!r} (accepted: {', '.join(sorted(known)) or 'none'})"
                )

    def one(self, name: str, default: str | None = None) -> str | None:
        values = self._values.get(name)
        if not values:
            return default
        if len(values) > 1:
            raise BadRequest(f"parameter {name!r} given {len(values)} times; give it once")
        return values[0]

    def many(self, name: str, most: int = MAX_VALUES) -> tuple[str, ...]:
        values = tuple(v.strip() for v in self._values.get(name, ()) if v.strip())
        if len(values) > most:
            raise BadRequest(f"parameter {name!r} given {len(values)} times; at most {most}")
        return values

    def text(self, name: str, *, required: bool = False) -> str:
        value = (self.one(name) or "").strip()
        if required and not value:
            raise BadRequest(f"parameter {name!r} is required")
        if len(value) > MAX_QUERY_CHARS:
            raise BadRequest(f"parameter {name!r} is longer than {MAX_QUERY_CHARS} characters")
        return value

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.one(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise BadRequest(f"parameter {name!r} must be a whole number, not {raw[:40]!r}") from None
        if not low <= value <= high:
            raise BadRequest(f"parameter {name!r} must be between {low} and {high} (got {value})")
        return value

    def choice(self, name: str, choices: Sequence[str], default: str) -> str:
        value = self.one(name) or default
        if value not in choices:
            raise BadRequest(f"parameter {name!r} must be one of {', '.join(choices)} (got {value[:40]!r})")
        return value

    def flag(self, name: str) -> bool:
        raw = (self.one(name) or "").strip().lower()
        if raw in ("", "0", "false", "no", "off"):
            return False
        if raw in ("1", "true", "yes", "on"):
            return True
        raise BadRequest(f"parameter {name!r} must be true or false (got {raw[:40]!r})")

    def day(self, name: str) -> date | None:
        raw = (self.one(name) or "").strip()
        if not raw:
            return None
        parsed = parse_date(raw)
        if parsed is None:
            raise BadRequest(f"parameter {name!r} is not a date (use YYYY-MM-DD): {raw[:40]!r}")
        return parsed.date()


@dataclass(frozen=True)
class Filters:
    """Drill-down filters as in ``Index.search``: OR within one, AND across."""

    speakers: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    @classmethod
    def read(cls, p: Params) -> Filters:
        since, until = p.day("since"), p.day("until")
        if since and until and until < since:
            raise BadRequest(f"'until' ({until}) is before 'since' ({since})")
        return cls(
            speakers=p.many("speaker"),
            parties=p.many("party"),
            sources=p.many("source"),
            authors=p.many("author"),
            since=since,
            until=until,
        )

    def kwargs(self) -> dict:
        """Keyword arguments for ``Index.search`` / ``Index.timeline``."""
        return {
            "speakers": self.speakers,
            "parties": self.parties,
            "sources": self.sources,
            "authors": self.authors,
            "since": self.since,
            "until": self.until,
        }

    def pairs(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs."""
        out = [(name, v) for name, attr in FILTERS for v in getattr(self, attr)]
        out += [(name, str(v)) for name, v in (("since", self.since), ("until", self.until)) if v]
        return out

    def __bool__(self) -> bool:
        return bool(self.pairs())


@dataclass(frozen=True)
class SearchRequest:
    """What ``/api/search``, the search page and the exports take."""

    q: str
    limit: int = 10
    page: int = 1
    sort: str = "relevance"
    facets: tuple[str, ...] = ()
    top: int = facetlib.DEFAULT_TOP
    filters: Filters = field(default_factory=Filters)
    show_all: bool = False

    @classmethod
    def read(cls, p: Params, *, required: bool = True, default_limit: int = 10) -> SearchRequest:
        facets = p.many("facet", most=20)
        for spec in facets:
            try:
                facetlib.parse_spec(spec)
            except ValueError as exc:
                raise BadRequest(str(exc)) from None
        return cls(
            q=p.text("q", required=required),
            limit=p.integer("limit", default_limit, 1, MAX_LIMIT),
            page=p.integer("page", 1, 1, MAX_PAGE),
            sort=p.choice("sort", SORTS, "relevance"),
            facets=facets,
            top=p.integer("top", facetlib.DEFAULT_TOP, 1, MAX_TOP),
            filters=Filters.read(p),
            show_all=p.flag("all"),
        )

    def kwargs(self) -> dict:
        """Keyword arguments for ``Index.search``."""
        return {
            "limit": self.limit,
            "page": self.page,
            "sort": self.sort,
            "facets": self.facets,
            "facet_top": self.top,
            "collapse": not self.show_all,
            **self.filters.kwargs(),
        }


FILTER_PARAMS = ("since", "until", *(name for name, _ in FILTERS))
SEARCH_PARAMS = ("q", "limit", "page", "sort", "facet", "top", "all", *FILTER_PARAMS)


def query_string(pairs: Iterable[tuple[str, object]]) -> str:
    """``?a=1&b=2`` of the pairs whose value is not empty ("" when none)."""
    kept = [(k, str(v)) for k, v in pairs if v not in (None, "", False)]
    return "?" + urlencode(kept) if kept else ""
