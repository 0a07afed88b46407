"""The ``newsearch serve`` application: server-rendered pages and the HTTP JSON API over one Index.

Starlette routes, Jinja2 templates (autoescaped: article text is untrusted), JSON in newsearch's one
shape (:mod:`newsearch.shapes`). Every route is GET (read-only); every error is a 4xx/5xx JSON body (an
HTML page for the pages), never a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import shapes
from ..errors import ArticleNotFound, NewsearchError, QueryError
from ..index import Index, open_index
from . import export, openapi, views
from .params import (
    FILTER_PARAMS,
    MAX_LIMIT,
    MAX_QUERIES,
    MAX_TOP,
    SEARCH_PARAMS,
    BadRequest,
    Filters,
    Params,
    SearchRequest,
)

log = logging.getLogger("newsearch.web")
STATIC = Path(__file__).parent / "static"
JSON = "application/json"

# Headers on every response: no inline script or remote content can run even if escaping ever failed;
# article links leave no referrer behind.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _Guard:
    """Pure ASGI middleware (streamed responses keep streaming): security headers on every response, and
    with ``allowed_hosts`` a 400 JSON error for any other Host header."""

    def __init__(self, app, allowed_hosts: Sequence[str] | None = None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed:
                response = error_response(400, "BadRequest", f"Host {host[:100]!r} is not served here")
                await response(scope, receive, self._with_headers(send))
                return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send):

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        return send_with_headers


# ------------------------------------------------------------------------------------- JSON answers
def json_response(data: dict[str, Any], status: int = 200) -> Response:
    return Response(shapes.dumps(data, indent=None).encode("utf-8"), status_code=status, media_type=JSON)


def error_response(status: int, error_type: str, message: str) -> Response:
    return json_response(shapes.error(error_type, message), status)


def _status_of(exc: BaseException) -> tuple[int, str]:
    """The HTTP status and error type of an exception raised while answering."""
    if isinstance(exc, ArticleNotFound):
        return 404, "ArticleNotFound"
    if isinstance(exc, QueryError):
        return 400, "QueryError"
    if isinstance(exc, BadRequest):
        return 400, "BadRequest"
    if isinstance(exc, ValueError | TypeError):
        return 400, "BadRequest"
    if isinstance(exc, NewsearchError):
        return 503, type(exc).__name__  # the index went away or cannot be read right now
    return 500, "InternalError"


def _is_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path == "/openapi.json" or path.startswith("/export."))


def create_app(
    index: Index | str | os.PathLike[str] | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
) -> Starlette:
    """The ASGI app serving ``index`` (an open Index, or a path; default ``index/``).

    ``allowed_hosts``: Host header values to accept (None: any). ``newsearch serve`` on a loopback address
    passes the loopback names, so a web page elsewhere cannot read the index through DNS rebinding.
    """
    ix = index if isinstance(index, Index) else open_index(index)
    env = Environment(
        loader=PackageLoader("newsearch.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url_for_article"] = views.article_url

    def page(template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        body = env.get_template(template).render(**context)
        return HTMLResponse(body, status_code=status)

    def page_error(request: Request, status: int, message: str) -> HTMLResponse:
        return page("error.html", {"status": status, "message": message, "request": request}, status)

    # --------------------------------------------------------------------------------- the JSON API
    def api(allowed: Sequence[str], answer: Callable[[Request, Params], tuple[str, Any]]):
        """An API endpoint: check parameters, run ``answer`` in a worker thread, shape the JSON."""

        async def endpoint(request: Request) -> Response:
            params = Params(request.query_params.multi_items(), allowed=allowed)
            kind, model = await run_in_threadpool(answer, request, params)
            return json_response(shapes.envelope(kind, model))

        return endpoint

    def api_search(request: Request, p: Params):
        req = SearchRequest.read(p)
        return "search", ix.search(req.q, **req.kwargs())

    def api_article(request: Request, p: Params):
        return "article", ix.get(request.path_params["id"])

    def api_similar(request: Request, p: Params):
        limit = p.integer("limit", 10, 1, MAX_LIMIT)
        return "similar", ix.similar(request.path_params["id"], limit=limit)

    def api_facet(request: Request, p: Params):
        facet = request.path_params["facet"]
        values = ix.facet_values(facet, top=p.integer("top", 20, 1, MAX_TOP))
        return "facet", {"facet": facet, "values": values}

    def api_quotes(request: Request, p: Params):
        text, speaker = p.text("q"), p.text("speaker")
        if not text and not speaker:
            raise BadRequest("give q (words to look for), speaker, or both")
        result = ix.quotes(
            text or None,
            speaker=speaker or None,
            limit=p.integer("limit", 20, 1, MAX_LIMIT),
            speaker_top=p.integer("top", 10, 1, MAX_TOP),
            direct_only=p.flag("direct"),
        )
        return "quotes", result

    def api_timeline(request: Request, p: Params):
        queries = p.many("q", most=MAX_QUERIES)
        if not queries:
            raise BadRequest("parameter 'q' is required (up to 3, repeated: ?q=a&q=b)")
        granularity = p.one("granularity") or None
        return "timeline", ix.timeline(queries, granularity=granularity, **Filters.read(p).kwargs())

    def api_stats(request: Request, p: Params):
        return "stats", ix.stats()

    async def openapi_json(request: Request) -> Response:
        Params(request.query_params.multi_items(), allowed=())
        return json_response(openapi.document())

    # --------------------------------------------------------------------------------- exports
    def export_endpoint(kind: str):
        async def endpoint(request: Request) -> Response:
            p = Params(request.query_params.multi_items(), allowed=SEARCH_PARAMS)
            req = SearchRequest.read(p)
            # Ranks every match on one committed state (off the event loop); a bad query fails here, as a
            # 400, before streaming starts.
            hits = await run_in_threadpool(
                functools.partial(
                    ix.iter_hits, req.q, sort=req.sort, collapse=not req.show_all, **req.filters.kwargs()
                )
            )
            lines = export.csv_lines(hits) if kind == "csv" else export.jsonl_lines(hits)
            media = "text/csv; charset=utf-8" if kind == "csv" else "application/x-ndjson"
            disposition = f'attachment; filename="newsearch-export.{kind}"'
            return StreamingResponse(lines, media_type=media, headers={"content-disposition": disposition})

        return endpoint

    # --------------------------------------------------------------------------------- pages
    def search_page(request: Request) -> Response:
        return views.search_page(ix, request, page)

    def article_page(request: Request) -> Response:
        return views.article_page(ix, request, page)

    def quotes_page(request: Request) -> Response:
        return views.quotes_page(ix, request, page)

    def timeline_page(request: Request) -> Response:
        return views.timeline_page(ix, request, page)

    # --------------------------------------------------------------------------------- errors
    async def handle_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
        message = {
            404: f"nothing at {request.url.path}",
            405: f"{request.method} is not allowed: this server is read-only (GET only)",
        }.get(exc.status_code, str(exc.detail))
        if _is_page(request) and exc.status_code == 404:
            return page_error(request, 404, message)
        return error_response(exc.status_code, kind, message)

    async def handle_error(request: Request, exc: Exception) -> Response:
        status, kind = _status_of(exc)
        if status >= 500:
            log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        message = str(exc) if status < 500 else f"{kind}: the server could not answer this request"
        if status == 503:
            message = str(exc)
        if _is_page(request):
            return page_error(request, status, message)
        return error_response(status, kind, message)

    get = ["GET", "HEAD"]
    routes = [
        Route("/", search_page, methods=get),
        Route("/article/{id:path}", article_page, methods=get),
        Route("/quotes", quotes_page, methods=get),
        Route("/timeline", timeline_page, methods=get),
        Route("/export.csv", export_endpoint("csv"), methods=get),
        Route("/export.jsonl", export_endpoint("jsonl"), methods=get),
        Route("/openapi.json", openapi_json, methods=get),
        Route("/api/search", api(SEARCH_PARAMS, api_search), methods=get),
        Route("/api/articles/{id:path}", api((), api_article), methods=get),
        Route("/api/similar/{id:path}", api(("limit",), api_similar), methods=get),
        Route("/api/facets/{facet}", api(("top",), api_facet), methods=get),
        Route("/api/quotes", api(("q", "speaker", "limit", "top", "direct"), api_quotes), methods=get),
        Route("/api/timeline", api(("q", "granularity", *FILTER_PARAMS), api_timeline), methods=get),
        Route("/api/stats", api((), api_stats), methods=get),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    # Expected errors are answered by Starlette's exception middleware; anything else reaches the
    # server-error middleware, which answers with the same JSON and logs the traceback (never sends it).
    handlers = {
        HTTPException: handle_http,
        NewsearchError: handle_error,
        ValueError: handle_error,
        TypeError: handle_error,
        Exception: handle_error,
    }
    app = Starlette(
        routes=routes,
        middleware=[Middleware(_Guard, allowed_hosts=allowed_hosts)],
        exception_handlers=handlers,
    )
    app.state.index = ix
    return app
