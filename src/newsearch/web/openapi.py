"""The OpenAPI 3.1 document of the HTTP API, served at ``/openapi.json``.

Written out by hand from the same parameter names and limits as :mod:`newsearch.web.params`; a test
checks that every API route is here and every parameter here is accepted by the route.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..facets import GRANULARITIES
from ..models import PARTY_KINDS
from ..shapes import SHAPE_VERSION, schema
from .params import MAX_LIMIT, MAX_PAGE, MAX_QUERIES, MAX_QUERY_CHARS, MAX_TOP, SORTS


def _param(
    name: str,
    description: str,
    schema: dict[str, Any],
    *,
    required: bool = False,
    where: str = "query",
    many: bool = False,
) -> dict[str, Any]:
    if many:
        schema = {"type": "array", "items": schema}
    out: dict[str, Any] = {"name": name, "in": where, "description": description, "schema": schema}
    if required or where == "path":
        out["required"] = True
    if many:
        out["style"], out["explode"] = "form", True
    return out


STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
QUERY = _param(
    "q",
    'Query text: words, "phrases"~slop, AND/OR/NOT, field:value, date ranges (see the README).',
    {"type": "string", "maxLength": MAX_QUERY_CHARS},
    required=True,
)
FILTERS = [
    _param("speaker", "Only articles quoting this speaker (repeat: any of them).", STRING, many=True),
    _param("party", "Only articles naming this party (repeat: any of them).", STRING, many=True),
    _param("source", "Only articles from this source (repeat: any of them).", STRING, many=True),
    _param("author", "Only articles by this author (repeat: any of them).", STRING, many=True),
    _param("since", "Only articles dated on or after this day.", DATE),
    _param("until", "Only articles dated on or before this day (inclusive).", DATE),
]
FACETS = ", ".join(
    [
        "speakers",
        "parties",
        *(f"parties:{k}" for k in PARTY_KINDS),
        "source",
        "author",
        "date",
        *(f"date:{g}" for g in GRANULARITIES),
    ]
)


def _limit(default: int) -> dict[str, Any]:
    return _param(
        "limit",
        "How many results.",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": default},
    )


def _top(default: int) -> dict[str, Any]:
    return _param(
        "top", "How many values.", {"type": "integer", "minimum": 1, "maximum": MAX_TOP, "default": default}
    )


def _components(value: Any) -> Any:
    """The shapes' JSON Schema with its ``#/$defs/`` references pointing into OpenAPI's components."""
    if isinstance(value, dict):
        return {
            k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _components(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_components(v) for v in value]
    return value


def _answer(kind: str, description: str) -> dict[str, Any]:
    return {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{kind}"}}},
        },
        "400": {"$ref": "#/components/responses/BadRequest"},
    }


def _get(
    summary: str, kind: str, description: str, parameters: list[dict[str, Any]], *, not_found: bool = False
) -> dict[str, Any]:
    responses = _answer(kind, description)
    if not_found:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    return {
        "get": {
            "summary": summary,
            "operationId": kind if not not_found else f"{kind}_by_id",
            "parameters": parameters,
            "responses": responses,
        }
    }


ARTICLE_ID = _param(
    "id", "An article id as shown in results (percent-encode '#', '?' and '%').", STRING, where="path"
)


def document() -> dict[str, Any]:
    """The OpenAPI document (a fresh dict each call)."""
    search_params = [
        QUERY,
        _limit(10),
        _param(
            "page", "Page of results.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
        ),
        _param(
            "sort",
            "relevance, date (oldest first) or -date (newest first).",
            {"type": "string", "enum": list(SORTS), "default": "relevance"},
        ),
        _param("facet", f"Count values over all hits (repeat): {FACETS}.", STRING, many=True),
        _top(10),
        *FILTERS,
        _param(
            "all",
            "Show near-duplicates instead of folding them into Hit.similar.",
            {"type": "boolean", "default": False},
        ),
    ]
    timeline_params = [
        _param(
            "q",
            f"Up to {MAX_QUERIES} queries to compare (repeat q).",
            {"type": "string", "maxLength": MAX_QUERY_CHARS},
            required=True,
            many=True,
        ),
        _param(
            "granularity",
            "day, week (ISO), month or year; default chosen from the span.",
            {"type": "string", "enum": list(GRANULARITIES)},
        ),
        *FILTERS,
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsearch",
            "version": __version__,
            "description": (
                "Search news articles: ranked hits, facets, quotes, attention over time. Every answer is "
                f"newsearch's one JSON shape (shape_version {SHAPE_VERSION}): an object with shape_version "
                "and kind first, then the fields of the Python API's result (dates ISO 8601 with Z, "
                'elapsed_ms). Errors: {shape_version, kind: "error", error: {type, message}} with a 4xx '
                "status (5xx only when the index cannot be read). Read-only: GET only; parameters not "
                "listed are refused."
            ),
        },
        "paths": {
            "/api/search": _get(
                "Ranked search with facets and drill-down filters",
                "search",
                "A SearchResult: total, page, limit, hits, facets, suggestion, notices.",
                search_params,
            ),
            "/api/articles/{id}": _get(
                "One stored article",
                "article",
                "An Article: headline, body, date, source, speakers, parties, quotes.",
                [ARTICLE_ID],
                not_found=True,
            ),
            "/api/similar/{id}": _get(
                "Articles most like one article",
                "similar",
                "A SearchResult of the most similar articles.",
                [ARTICLE_ID, _limit(10)],
                not_found=True,
            ),
            "/api/facets/{facet}": _get(
                "A facet's values over the whole index",
                "facet",
                "{facet, values: [{value, count}]}",
                [_param("facet", f"One of: {FACETS}.", STRING, where="path"), _top(20)],
            ),
            "/api/quotes": _get(
                "Quotes whose text matches, and who is quoted most saying it",
                "quotes",
                "A QuoteResult: total, hits, and speakers counted over all matching quotes.",
                [
                    _param("q", 'Words and "phrases" the quote must contain.', STRING),
                    _param("speaker", "Only quotes by this speaker (name, last name or alias).", STRING),
                    _param(
                        "direct",
                        "Only the speakers' own words in quotation marks, not reported speech.",
                        {"type": "boolean", "default": False},
                    ),
                    _limit(20),
                    _top(10),
                ],
            ),
            "/api/timeline": _get(
                "Attention over time: matching articles per period",
                "timeline",
                "A Timeline: granularity, periods (label, first_day, last_day, articles) "
                "and one series per query (counts, shares of all articles, undated).",
                timeline_params,
            ),
            "/api/stats": _get(
                "What the index holds",
                "stats",
                "IndexStats: articles, sources, first and last date, size, last update.",
                [],
            ),
        },
        "components": {
            # The JSON Schema of every kind (src/newsearch/data/shapes.schema.json), the one the CLI's
            # --json output is tested against.
            "schemas": _components(schema()["$defs"]),
            "responses": {
                "BadRequest": {
                    "description": "A parameter or the query is wrong; the message says which.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}},
                },
                "NotFound": {
                    "description": "No article with that id.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}},
                },
            },
        },
    }
