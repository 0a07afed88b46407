"""What the pages show: models from the Index turned into template context (links, marked text, chart).

Every URL a page links to is built here from GET parameters, so each state of a page is a shareable URL.
Text from articles is never trusted: it reaches the page only through :func:`marked` (which escapes it) or
through Jinja2's autoescaping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response

from .. import facets as facetlib
from ..errors import ArticleNotFound, QueryError
from ..index import Index
from ..models import PARTY_KINDS, Article, Hit, Span, Timeline
from . import chart
from .params import MAX_QUERIES, BadRequest, Filters, Params, SearchRequest, query_string

Render = Callable[..., Response]
PAGE_LIMIT = 20
FACET_TOP = 10
KIND_TITLES = {
    "person": "People",
    "organisation": "Organisations",
    "country": "Countries",
    "place": "Places",
    "group": "Groups",
    "outlet": "Outlets",
}
# (facet spec, heading, the filter parameter a click adds; None: the date facet sets since/until)
SIDEBAR: tuple[tuple[str, str, str | None], ...] = (
    ("speakers", "Speakers", "speaker"),
    *((f"parties:{kind}", KIND_TITLES[kind], "party") for kind in PARTY_KINDS),
    ("source", "Sources", "source"),
    ("author", "Authors", "author"),
    ("date", "Date", None),
)
PARAM_ATTR = {"speaker": "speakers", "party": "parties", "source": "sources", "author": "authors"}


# ------------------------------------------------------------------------------------- links and text
def article_url(article_id: str) -> str:
    return "/article/" + quote(article_id, safe="/")


def field_query(field: str, value: str) -> str:
    """Query-language text for one field value: ``speaker:"Amara Okonjo"``."""
    return f'{field}:"{value.replace(chr(34), " ").strip()}"'


def search_url(q: str) -> str:
    return "/" + query_string([("q", q)])


def marked(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` escaped, with the highlighted spans in ``<mark>``."""
    out, last = [], 0
    for span in spans:
        if span.start < last or span.end > len(text):
            continue
        out.append(escape(text[last : span.start]))
        out.append(Markup("<mark>") + escape(text[span.start : span.end]) + Markup("</mark>"))
        last = span.end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a stored ``javascript:`` URL never becomes a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _fields(changes: dict[str, Any]) -> dict[str, Any]:
    """Field changes for ``dataclasses.replace`` whose field name is only known at run time."""
    return changes


@dataclass(frozen=True)
class State:
    """The GET parameters of the search page that define what it shows (paging aside)."""

    req: SearchRequest

    def pairs(self, *, page: int | None = None) -> list[tuple[str, Any]]:
        r = self.req
        pairs: list[tuple[str, Any]] = [("q", r.q)]
        if r.sort != "relevance":
            pairs.append(("sort", r.sort))
        if r.limit != PAGE_LIMIT:
            pairs.append(("limit", r.limit))
        if r.show_all:
            pairs.append(("all", "1"))
        pairs += r.filters.pairs()
        if page and page > 1:
            pairs.append(("page", page))
        return pairs

    def url(self, path: str = "/", **changes: Any) -> str:
        return path + query_string(State(replace(self.req, **changes)).pairs())

    def with_filter(self, name: str, value: str) -> str:
        """The URL with one more drill-down value (or without it, when it is already active)."""
        f, attr = self.req.filters, PARAM_ATTR[name]
        current = getattr(f, attr)
        if value in current:
            return self.without_filter(name, value)
        return self.url(filters=replace(f, **_fields({attr: (*current, value)})), page=1)

    def without_filter(self, name: str, value: str) -> str:
        f = self.req.filters
        if name in ("since", "until"):
            return self.url(filters=replace(f, **_fields({name: None})), page=1)
        attr = PARAM_ATTR[name]
        return self.url(
            filters=replace(f, **_fields({attr: tuple(v for v in getattr(f, attr) if v != value)})), page=1
        )

    def with_period(self, label: str) -> str:
        first, last = facetlib.period_bounds(label)
        return self.url(filters=replace(self.req.filters, since=first, until=last), page=1)

    def chips(self) -> list[tuple[str, str, str]]:
        """(name, value, URL without it) for each active filter."""
        return [(name, v, self.without_filter(name, v)) for name, v in self.req.filters.pairs()]


# ------------------------------------------------------------------------------------- the search page
def search_page(ix: Index, request: Request, render: Render) -> Response:
    p = Params(request.query_params.multi_items())
    context: dict[str, Any] = {"request": request, "q": "", "nav": "search"}
    try:
        req = SearchRequest.read(p, required=False, default_limit=PAGE_LIMIT)
    except BadRequest as exc:
        context["error"] = str(exc)
        context["q"] = (p.one("q") or "")[:10_000] if _single(p, "q") else ""
        return render("search.html", context, 400)
    context["q"] = req.q
    context["sort"] = req.sort
    state = State(req)
    context["state"] = state
    if not req.q:
        if req.filters:
            context["error"] = "type words to search for: filters narrow a search"
            context["chips"] = state.chips()
            return render("search.html", context)
        return render("search.html", {**context, **landing(ix)})
    specs = [spec for spec, _, _ in SIDEBAR]
    try:
        result = ix.search(req.q, **{**req.kwargs(), "facets": specs, "facet_top": FACET_TOP})
    except (QueryError, ValueError) as exc:
        context["error"] = str(exc)
        context["chips"] = state.chips()
        return render("search.html", context, 400)
    context.update(
        result=result,
        chips=state.chips(),
        facets=sidebar(result.facets, state),
        hits=[hit_view(ix, h) for h in result.hits],
        first=(req.page - 1) * req.limit + 1,
        prev_url=state.url(page=req.page - 1) if req.page > 1 else None,
        next_url=state.url(page=req.page + 1)
        if req.page * req.limit < result.total and len(result.hits) == req.limit
        else None,
        export_csv=state.url("/export.csv", page=1),
        export_jsonl=state.url("/export.jsonl", page=1),
        suggestion_url=state.url(q=result.suggestion, page=1) if result.suggestion else None,
        all_url=state.url(show_all=not req.show_all, page=1),
        timeline_url="/timeline" + query_string([("q", req.q), *req.filters.pairs()]),
    )
    try:
        timeline = ix.timeline([req.q], **req.filters.kwargs())
    except (QueryError, ValueError):
        timeline = None
    if timeline is not None:
        context["chart"] = chart.timeline_svg(
            timeline, link=lambda i, j: state.with_period(timeline.periods[j].label)
        )
        context["timeline"] = timeline
    return render("search.html", context)


def _single(p: Params, name: str) -> bool:
    try:
        p.one(name)
    except BadRequest:
        return False
    return True


def landing(ix: Index) -> dict[str, Any]:
    """The page without a query: what the index holds, with its most frequent values as searches."""
    stats = ix.stats()
    groups = []
    for spec, title, field in (
        ("speakers", "Most quoted", "speaker"),
        ("parties", "Most named", "party"),
        ("source", "Sources", "source"),
    ):
        values = ix.facet_values(spec, top=12)
        groups.append((title, [(v.value, v.count, search_url(field_query(field, v.value))) for v in values]))
    return {"stats": stats, "landing_groups": groups}


def sidebar(facets: dict, state: State) -> list[dict[str, Any]]:
    """The facet sidebar: each value with its count, its drill-down URL and whether it is active."""
    groups = []
    f = state.req.filters
    for spec, title, param in SIDEBAR:
        values = facets.get(spec, ())
        if not values:
            continue
        rows = []
        for fv in values:
            if param is None:
                first, last = facetlib.period_bounds(fv.value)
                active = (f.since, f.until) == (first, last)
                url = (
                    state.url(filters=replace(f, since=None, until=None), page=1)
                    if active
                    else state.with_period(fv.value)
                )
            else:
                active = fv.value in getattr(f, PARAM_ATTR[param])
                url = state.with_filter(param, fv.value)
            rows.append({"value": fv.value, "count": fv.count, "url": url, "active": active})
        groups.append({"spec": spec, "title": title, "param": param or "date", "values": rows})
    return groups


def hit_view(ix: Index, hit: Hit) -> dict[str, Any]:
    similar = []
    for sid in hit.similar[:20]:
        try:
            similar.append((sid, ix.get(sid).headline))
        except ArticleNotFound:  # removed by a commit since the search
            continue
    return {
        "hit": hit,
        "url": article_url(hit.id),
        "snippet": marked(hit.snippet, hit.highlights),
        "speakers": [(s, search_url(field_query("speaker", s))) for s in hit.speakers],
        "similar": similar,
        "similar_count": len(hit.similar),
    }


# ------------------------------------------------------------------------------------- the article page
def article_page(ix: Index, request: Request, render: Render) -> Response:
    article = ix.get(request.path_params["id"])  # ArticleNotFound: the app's 404 page
    try:
        more = ix.similar(article.id, limit=6).hits
    except ArticleNotFound:
        more = ()
    parties: dict[str, list[tuple[str, str]]] = {}
    for party in article.parties:
        parties.setdefault(party.kind, []).append((party.name, search_url(field_query("party", party.name))))
    context = {
        "request": request,
        "nav": "",
        "article": article,
        "body": body_with_quotes(article),
        "speakers": [
            (s, search_url(field_query("speaker", s)), "/quotes" + query_string([("speaker", s)]))
            for s in article.speakers
        ],
        "parties": [(KIND_TITLES.get(k, k), parties[k]) for k in PARTY_KINDS if k in parties],
        "source_url": search_url(field_query("source", article.source)) if article.source else None,
        "author_url": search_url(field_query("author", article.author)) if article.author else None,
        "href": safe_href(article.url),
        "related": [(title, search_url(field_query("headline", title))) for title in article.links],
        "more": [(h.headline, article_url(h.id), h.date, h.source) for h in more if h.id != article.id][:5],
    }
    return render("article.html", context)


def body_with_quotes(article: Article) -> Markup:
    """The body, escaped, each extracted quote in ``<q>``, its speaker after it (a link to their quotes)."""
    body = article.body
    out, last = [], 0
    for q in sorted(article.quotes, key=lambda q: q.position):
        start = (
            q.position if body[q.position : q.position + len(q.text)] == q.text else body.find(q.text, last)
        )
        if start < last or not q.text:
            continue  # overlapping or not found in the body: listed under the body instead
        end = start + len(q.text)
        who = q.speaker or q.speaker_label
        out.append(escape(body[last:start]))
        out.append(
            Markup('<span class="quote" id="q-{}" data-speaker="{}">{}</span>').format(
                start, who, body[start:end]
            )
        )
        if q.speaker:
            link = "/quotes" + query_string([("speaker", q.speaker)])
            out.append(Markup('<a class="said-by" href="{}">{}</a>').format(link, q.speaker))
        elif who:
            out.append(Markup('<span class="said-by unnamed">{}</span>').format(who))
        last = end
    out.append(escape(body[last:]))
    return Markup("").join(out)


# ------------------------------------------------------------------------------------- quotes
def quotes_page(ix: Index, request: Request, render: Render) -> Response:
    p = Params(request.query_params.multi_items())
    context: dict[str, Any] = {"request": request, "nav": "quotes", "q": "", "speaker": "", "direct": False}
    try:
        q, speaker = p.text("q"), p.text("speaker")
        limit = p.integer("limit", 50, 1, 1000)
        direct = p.flag("direct")
    except BadRequest as exc:
        return render("quotes.html", {**context, "error": str(exc)}, 400)
    context.update(q=q, speaker=speaker, direct=direct)
    keep = ("direct", "1" if direct else "")  # the links below keep the choice
    if not q and not speaker:
        return render("quotes.html", context)
    try:
        result = ix.quotes(
            q or None, speaker=speaker or None, limit=limit, speaker_top=15, direct_only=direct
        )
    except (QueryError, ValueError) as exc:
        return render("quotes.html", {**context, "error": str(exc)}, 400)
    context.update(
        result=result,
        speakers=[
            (
                fv.value,
                fv.count,
                "/quotes" + query_string([("q", q), ("speaker", fv.value), keep]),
            )
            for fv in result.speakers
        ],
        clear_speaker="/quotes" + query_string([("q", q), keep]) if speaker and q else None,
        quotes=[
            {
                "quote": h,
                "url": f"{article_url(h.article_id)}#q-{h.position}",
                "speaker_url": "/quotes" + query_string([("q", q), ("speaker", h.speaker), keep])
                if h.speaker
                else None,
            }
            for h in result.hits
        ],
    )
    return render("quotes.html", context)


# ------------------------------------------------------------------------------------- attention over time
def timeline_page(ix: Index, request: Request, render: Render) -> Response:
    p = Params(request.query_params.multi_items())
    context: dict[str, Any] = {"request": request, "nav": "timeline", "queries": ["", "", ""]}
    try:
        queries = list(p.many("q", most=MAX_QUERIES))
        granularity = p.choice("granularity", ("", *facetlib.GRANULARITIES), "") or None
        measure = p.choice("measure", ("count", "share"), "count")
        filters = Filters.read(p)
    except BadRequest as exc:
        return render("timeline.html", {**context, "error": str(exc)}, 400)
    context.update(
        queries=queries + [""] * (MAX_QUERIES - len(queries)),
        granularity=granularity or "",
        measure=measure,
        filters=filters,
        granularities=facetlib.GRANULARITIES,
    )
    if not queries:
        return render("timeline.html", context)
    try:
        timeline = ix.timeline(queries, granularity=granularity, **filters.kwargs())
    except (QueryError, ValueError) as exc:
        return render("timeline.html", {**context, "error": str(exc)}, 400)
    base = [("q", q) for q in queries] + filters.pairs()
    if granularity:
        base.append(("granularity", granularity))
    context.update(
        timeline=timeline,
        chart=chart.timeline_svg(timeline, measure=measure, link=_bar_link(timeline, filters)),
        table=_table(timeline),
        count_url="/timeline" + query_string(base),
        share_url="/timeline" + query_string([*base, ("measure", "share")]),
    )
    return render("timeline.html", context)


def _bar_link(timeline: Timeline, filters: Filters) -> Callable[[int, int], str]:
    def link(i: int, j: int) -> str:
        period = timeline.periods[j]
        narrowed = replace(filters, since=period.first_day, until=period.last_day)
        return "/" + query_string([("q", timeline.series[i].query), *narrowed.pairs()])

    return link


def _table(timeline: Timeline) -> list[tuple[Any, list[tuple[int, float]]]]:
    return [
        (period, [(s.counts[j], s.shares[j]) for s in timeline.series])
        for j, period in enumerate(timeline.periods)
    ]
