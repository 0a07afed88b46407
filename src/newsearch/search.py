"""Query parsing, value matching for facet fields, ranking and snippets: Whoosh results become models.

Everything Whoosh hands back is copied into newsearch's own frozen models inside the searcher's scope.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from whoosh import highlight, qparser, query, scoring, sorting
from whoosh.util.times import long_to_datetime

from . import dedupe, feedback
from . import facets as facetlib
from .analysis import TOKEN_RE, normalize
from .errors import QueryError
from .models import Article, FacetValue, Filters, Hit, Party, Quote, Ranking, SearchResult, Span
from .schema import FACET_FIELDS, TEXT_FIELDS

# Friendly names users type -> schema fields.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "speakers": ("speaker", "speakers", "said", "by"),
    "parties": ("party", "parties", "who", "entity"),
    "headline": ("headline", "title"),
    "standfirst": ("standfirst", "dek"),
    "body": ("body", "text"),
    "source": ("source", "outlet", "publication"),
    "author": ("author", "byline"),
    "date": ("date", "published"),
    "id": ("id",),
    "path": ("path", "file"),
    "url": ("url",),
}
QUERY_FIELDS = tuple(sorted({a for names in FIELD_ALIASES.values() for a in names}))
MAX_QUERY_CHARS = 10_000
# Every word (phrases included) costs a posting scan and a did-you-mean look-up: 1,000 ORed words or 400
# phrases took seconds to minutes. Deeper brackets than this only ever come from generated input.
MAX_QUERY_TERMS = 100
MAX_QUERY_DEPTH = 32
SNIPPET_CHARS = 220
_OPEN, _CLOSE = "\x02", "\x03"
_WHITESPACE = re.compile(r"\s+")
SORTS = ("relevance", "date", "-date")
_FIELD_VALUE = re.compile(r"(?<![\w\"'])[A-Za-z_]+:(\"[^\"]*\"|\[[^\]]*\]|\S+)")
_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_]+):(?=\S)")

ValueMatcher = Callable[[str, str, Sequence[str]], list[str]]  # (field, text, values) -> matched values


def default_value_matcher(field: str, text: str, values: Sequence[str]) -> list[str]:
    """Values equal to ``text`` ignoring case, else values that contain it as whole words ("Gallant")."""
    wanted = " ".join(text.lower().split())
    exact = [v for v in values if v.lower() == wanted]
    if exact or not wanted:
        return exact
    pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    return [v for v in values if pattern.search(v.lower())]


class _FacetCache:
    """Per-document facet values of one reader generation, built once from the postings.

    Counting then walks the matched documents in Python without touching stored fields, which is what
    makes facets over large result sets affordable (Whoosh's groupedby reads every document's values).
    """

    def __init__(self, key, searcher) -> None:
        self.key = key
        self._searcher = searcher
        self._size = searcher.doc_count_all()
        self._values: dict[str, list] = {}
        self._build_lock = threading.Lock()
        self.dates: list[datetime | None] = [None] * self._size
        reader = searcher.reader()
        if reader.has_column("date"):
            column = reader.column_reader("date", translate=False)
            missing = searcher.schema["date"].column_type.default_value()
            self.dates = [None if v == missing else long_to_datetime(v) for v in column]

    def values(self, field: str) -> list:
        with self._build_lock:
            built = self._values.get(field)
            if built is None and self._searcher.reader().has_column(field):
                column = self._searcher.reader().column_reader(field)
                if field in ("source", "author"):  # one value each; the others are comma lists
                    built = [(v,) if v else () for v in column]
                else:
                    built = [tuple(x for x in v.split(",") if x) for v in column]
                self._values[field] = built
            if built is None:  # an index from before the columns: walk the postings
                built = [()] * self._size
                for raw in self._searcher.lexicon(field):
                    value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                    for doc in self._searcher.postings(field, raw).all_ids():
                        built[doc] = (*built[doc], value)
                self._values[field] = built
            return built


def _date_sort(reverse: bool, dates: list[datetime | None]):
    """Sort by date, oldest or newest first; articles without a date come last either way."""
    sign = -1 if reverse else 1

    def key(_searcher, docnum: int):
        value = dates[docnum]
        return (1, 0) if value is None else (0, sign * value.toordinal() * 86400 + sign * _seconds(value))

    return sorting.FunctionFacet(key)


def _seconds(value: datetime) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _end_of(until: datetime | None) -> datetime | None:
    """An ``until`` date without a time covers the whole day."""
    if until is None:
        return None
    if (until.hour, until.minute, until.second, until.microsecond) == (0, 0, 0, 0):
        return until.replace(hour=23, minute=59, second=59, microsecond=999999)
    return until


def _collapse(results) -> tuple[list[tuple[object, list[str]]], int]:
    """Fold each ranked hit into the first earlier hit it near-duplicates; returns kept hits and the count."""
    kept: list[tuple[object, list[str]]] = []
    signatures: list[Sequence[int]] = []
    owner_of_key: dict[str, int] = {}
    folded = 0
    for hit in results:
        sig = hit.get("dup_sig") or ()
        keys = dedupe.band_keys(sig)
        owner = next(
            (
                owner_of_key[k]
                for k in keys
                if k in owner_of_key
                and dedupe.similarity(sig, signatures[owner_of_key[k]]) >= dedupe.THRESHOLD
            ),
            None,
        )
        if owner is not None:
            kept[owner][1].append(hit["id"])
            folded += 1
            continue
        for k in keys:
            owner_of_key.setdefault(k, len(kept))
        kept.append((hit, []))
        signatures.append(sig)
    return kept, folded


_NOTHING = query.Term("id", "")


def _nothing():
    """A query that matches no article and, unlike Whoosh's NullQuery, survives normalize() inside an And."""
    return _NOTHING


def _matches_nothing(q) -> bool:
    """Whether a filter certainly matches nothing (Whoosh treats an empty filter set as no filter at all)."""
    if q is None:
        return False
    if q == _NOTHING:
        return True
    return type(q) is query.And and any(_matches_nothing(c) for c in q.subqueries)


class _SpanFormatter(highlight.Formatter):
    """Marks matched words with control characters that become Span offsets afterwards."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{_OPEN}{highlight.get_text(text, token, replace)}{_CLOSE}"


def _spans(marked: str) -> tuple[str, tuple[Span, ...]]:
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    start = None
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            if start is not None:
                spans.append(Span(start, length))
            start = None
        else:
            part = _WHITESPACE.sub(" ", part)  # paragraph breaks become spaces in a one-line snippet
            out.append(part)
            length += len(part)
    return "".join(out), tuple(spans)


class Searcher:
    """Parses and runs queries against one Whoosh index; safe to share between threads.

    Each thread keeps its own Whoosh searcher, reused across queries and refreshed only when a writer has
    committed since (a cheap generation check), so readers never reload everything per query.
    """

    def __init__(
        self,
        ix,
        *,
        ranking: Ranking | None = None,
        value_matcher: ValueMatcher = default_value_matcher,
    ) -> None:
        ranking = ranking or Ranking()
        if ranking.grouping not in ("and", "or"):
            raise ValueError("grouping must be 'and' or 'or'")
        self.ranking = ranking
        self._ix = ix
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()
        self._match_values = value_matcher
        self._facets: _FacetCache | None = None
        self.field_boosts = {
            "headline": ranking.headline_boost,
            "standfirst": ranking.standfirst_boost,
            "body": 1.0,
            "subheads": 1.0,
        }
        self._weighting = scoring.BM25F(B=ranking.bm25_b, K1=ranking.bm25_k1)
        # Read once, through a reader: Whoosh's ``ix.schema`` re-reads the newest TOC file on every access,
        # which fails (FileNotFoundError) when a writer's commit deletes it in between. The schema of an
        # index never changes (a new one means a rebuild).
        with ix.searcher() as searcher:
            self._schema = searcher.schema
        self._parser = self._make_parser()

    # ------------------------------------------------------------------------------ searchers
    def _searcher(self):
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self._ix.searcher(weighting=self._weighting)
            self._local.searcher = s
            with self._lock:
                self._all.append(s)
        elif not s.up_to_date():
            # The fresh searcher reuses the old one's unchanged segment readers, so the old one is not
            # closed here (Whoosh lets it go once unreferenced).
            fresh = s.refresh()
            if fresh is not s:
                with self._lock:
                    self._all.remove(s)
                    self._all.append(fresh)
            s = self._local.searcher = fresh
        return s

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                s.close()
            self._all.clear()
        self._local = threading.local()

    # ------------------------------------------------------------------------------ parsing
    def _make_parser(self) -> qparser.QueryParser:
        schema = self._schema
        # Always parse with AND so that NOT, OR and field filters keep their meaning; "or" grouping is
        # applied afterwards to the free words only (see _shape).
        parser = qparser.MultifieldParser(
            list(TEXT_FIELDS), schema, fieldboosts=self.field_boosts, group=qparser.AndGroup
        )
        aliases = {field: [a for a in names if a != field] for field, names in FIELD_ALIASES.items()}
        parser.add_plugin(qparser.FieldAliasPlugin(aliases))
        parser.remove_plugin_class(qparser.WildcardPlugin)  # "*" and "a*" scan the whole lexicon
        parser.remove_plugin_class(qparser.BoostPlugin)
        return parser

    def parse(self, text: str):
        if not isinstance(text, str):
            raise TypeError("query text must be a string")
        stripped = text.strip()
        if not stripped:
            raise QueryError(text, "empty query")
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(text[:60] + "…", f"query longer than {MAX_QUERY_CHARS} characters")
        if text.count('"') % 2:
            raise QueryError(text, 'unbalanced quote: every " needs a closing "', text.rfind('"'))
        _check_size(text)
        for m in _FIELD_PREFIX.finditer(text):
            name = m.group(1).lower()
            if name not in QUERY_FIELDS and name not in self._schema.names():
                known = ", ".join(sorted({names[0] for names in FIELD_ALIASES.values()}))
                raise QueryError(text, f"unknown field {m.group(1)!r} (fields: {known})", m.start())
        rewritten = _rewrite_dates(_MINUS.sub("NOT ", text), text)
        try:
            return self._parser.parse(rewritten)
        except Exception as exc:  # Whoosh's parser raises assorted builtins on odd input
            raise QueryError(text, f"cannot parse ({type(exc).__name__}: {exc})") from None

    def _shape(self, q, all_required: bool = False):
        """Turn the parsed AND of clauses into the ranking query.

        Free words are "should" clauses: with "or" grouping an article needs one of them, and ranks higher
        the more it has (an extra all-words clause) and the closer they stand (a sloppy phrase in the body).
        Quoted phrases are required and scored; NOT excludes. Field filters (speaker:, source:, date:, …) come
        back separately as a Whoosh filter, so they narrow results without changing scores.
        """
        clauses = list(q.subqueries) if isinstance(q, query.And) else [q]
        words, required, filters, excluded = [], [], [], []
        for clause in clauses:
            fields = {f for f, _ in _terms(clause)}
            if isinstance(clause, query.Not):
                excluded.append(clause.query)
            elif fields and not fields <= set(TEXT_FIELDS):
                filters.append(clause)
            elif _is_word_group(clause):
                words.append(clause)
            elif (parts := _compound_word(clause)) is not None:
                words.extend(parts)  # "newly-created", "four-power": optional words like the rest
            else:
                required.append(clause)
        r = self.ranking
        if r.grouping == "and" or all_required or len(words) < 2:
            scored = words + required
        else:
            bonus = [query.And(words, boost=r.all_terms_bonus)] if r.all_terms_bonus else []
            plain = [t for t in (_single_word(w) for w in words) if t is not None]
            if r.proximity_bonus and len(plain) == len(words):
                bonus.append(query.Phrase("body", plain, slop=r.proximity_slop, boost=r.proximity_bonus))
            scored = [query.Or([query.Or(words), *bonus]), *required]
        shaped = (scored[0] if len(scored) == 1 else query.And(scored)) if scored else query.Every()
        if excluded:
            shaped = query.AndNot(shaped, query.Or(excluded) if len(excluded) > 1 else excluded[0])
        narrowing = (filters[0] if len(filters) == 1 else query.And(filters)) if filters else None
        return shaped, narrowing

    def _expand_facet_terms(self, q, searcher):
        """Term/phrase queries on exact-value fields become an OR of the stored values they match."""
        if isinstance(q, query.Term | query.Phrase) and q.fieldname in FACET_FIELDS:
            text = q.text if isinstance(q, query.Term) else " ".join(q.words)
            if not isinstance(text, str):
                text = text.decode("utf-8")
            values = self._field_values(q.fieldname, searcher)
            matched = self._match_values(q.fieldname, text, values)
            if not matched:
                return _nothing()
            return (
                query.Or([query.Term(q.fieldname, v) for v in matched])
                if len(matched) > 1
                else query.Term(q.fieldname, matched[0])
            )
        if isinstance(q, query.Phrase) and not any(q.words):
            return query.NullQuery
        if q.is_leaf():
            return q
        return q.apply(lambda sub: self._expand_facet_terms(sub, searcher))

    def _field_values(self, field: str, searcher) -> list[str]:
        cache = getattr(self._local, "values", None)
        key = (
            id(searcher),
            searcher.reader().generation() if hasattr(searcher.reader(), "generation") else 0,
        )
        if cache is None or cache[0] != key:
            cache = (key, {})
            self._local.values = cache
        values = cache[1].get(field)
        if values is None:
            values = [t.decode("utf-8") if isinstance(t, bytes) else t for t in searcher.lexicon(field)]
            cache[1][field] = values
        return values

    def _expand(self, q, searcher):
        """RM3 pseudo-relevance feedback for free-word queries: words from the top articles re-rank the rest.

        The feedback words only add score (AndMaybe): which articles match, the total and the facet counts
        stay those of the typed words. Queries with quoted phrases, AND or NOT are left alone. The feedback
        articles come from the unfiltered query, so a filter narrows results without changing scores; a query
        matching no more than twice the feedback articles is left alone (there is nothing else to re-rank).
        """
        r = self.ranking
        words = {t for f, t in _terms(q) if f in TEXT_FIELDS and t is not None}
        if type(q) is not query.Or or len(words) < max(1, r.expansion_min_words) or r.expansion_weight <= 0:
            return q
        top = searcher.search(q, limit=r.expansion_docs)
        if len(top) <= 2 * r.expansion_docs:
            return q
        docs = [(h.score, "\n".join(h.get(f) or "" for f in ("headline", "standfirst", "body"))) for h in top]
        chosen = feedback.expansion_terms(
            docs,
            limit=r.expansion_terms,
            stemmer=self._stemmer(searcher),
            doc_frequency=lambda w: searcher.doc_frequency("body", w),
            doc_count=searcher.doc_count(),
        )
        if not chosen:
            return q
        # Both parts carry the mass of len(words) plain word clauses, split (1 - weight) : weight.
        scale = r.expansion_weight * len(words)
        extra = [
            query.Term(f, w, boost=self.field_boosts[f] * p * scale) for w, p in chosen for f in TEXT_FIELDS
        ]
        return query.AndMaybe(q.with_boost(q.boost * (1 - r.expansion_weight)), query.Or(extra)).normalize()

    def field_values(self, field: str) -> list[str]:
        return list(self._field_values(field, self._searcher()))

    # ------------------------------------------------------------------------------ searching
    def search(
        self,
        text: str,
        *,
        limit: int = 10,
        page: int = 1,
        facets: Sequence[str] = (),
        facet_top: int = facetlib.DEFAULT_TOP,
        filters: Filters | None = None,
        sort: str = "relevance",
        collapse: bool = True,
    ) -> SearchResult:
        if limit < 1 or page < 1:
            raise ValueError("limit and page must be at least 1")
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        specs = [facetlib.parse_spec(f) for f in facets]
        started = time.perf_counter()
        searcher = self._searcher()
        q = self._expand_facet_terms(self.parse(text), searcher)
        q, narrowing = self._shape(q, all_required=bool(_EXPLICIT_AND.search(text)))
        narrowing = self._with_filters(narrowing, filters, searcher)
        q = q.normalize()
        # The filter as a set of document numbers, computed once: Whoosh would count hits as if an empty
        # filter set were no filter at all, and facets reuse the set.
        nothing = narrowing is not None and _matches_nothing(narrowing)
        allowed = None if narrowing is None or nothing else set(narrowing.docs(searcher))
        if q is query.NullQuery or nothing or allowed == set():
            return SearchResult(
                query=text,
                total=0,
                page=page,
                limit=limit,
                hits=(),
                elapsed=time.perf_counter() - started,
                facets={spec.name: () for spec in specs},
            )
        try:
            typed_query = q
            if self.ranking.expansion and sort == "relevance":
                q = self._expand(q, searcher)
            sortedby = None
            if sort != "relevance":
                sortedby = _date_sort(sort == "-date", self._facet_cache(searcher).dates)
            results, page_hits, folded = self._ranked_page(
                searcher, q, allowed, sortedby, page, limit, collapse
            )
            # The matching set gives the facets and, where Whoosh cannot (its filter's count includes the
            # documents it dropped; its fast top-k collection counts nothing), the total.
            matched = None
            if specs or allowed is not None or not results.has_exact_length():
                matched = _matching_docs(q, searcher, allowed)
            counted = self._facet_counts(searcher, matched, specs, facet_top) if specs else {}
        except QueryError:
            raise
        except Exception as exc:  # a query Whoosh cannot run (e.g. a phrase on a field without positions)
            raise QueryError(text, f"cannot run ({type(exc).__name__}: {exc})") from None
        typed = _typed_terms(typed_query)
        hits = tuple(self._hit(h, similar, typed) for h, similar in page_hits)
        total = len(matched) if matched is not None else len(results)
        suggestion = self._did_you_mean(text, searcher)
        return SearchResult(
            query=text,
            total=total,
            page=page,
            limit=limit,
            hits=hits,
            elapsed=time.perf_counter() - started,
            facets=counted,
            suggestion=suggestion,
            collapsed=folded,
        )

    def _ranked_page(self, searcher, q, narrowing, sortedby, page: int, limit: int, collapse: bool):
        """(Whoosh results, [(hit, ids folded into it)] for the page, number folded).

        With ``collapse``, a hit whose MinHash signature matches a higher-ranked hit's (estimated Jaccard
        similarity >= dedupe.THRESHOLD) is folded into it; the window of ranked hits grows until the page
        is full or the results run out.
        """
        want = page * limit
        fetch = want if not collapse else want * 2 + 10
        while True:
            results = searcher.search(q, limit=fetch, filter=narrowing, sortedby=sortedby)
            if not collapse:
                return results, [(h, ()) for h in results[(page - 1) * limit : want]], 0
            kept, folded = _collapse(results)
            if len(kept) >= want or fetch >= len(results):
                start = (page - 1) * limit
                return results, [(h, tuple(ids)) for h, ids in kept[start:want]], folded
            fetch *= 2

    def similar(self, article_id: str, limit: int) -> SearchResult | None:
        """Articles most like one article by its key terms (Whoosh more_like over the body); None if no id."""
        started = time.perf_counter()
        searcher = self._searcher()
        docnum = searcher.document_number(id=article_id)
        if docnum is None:
            return None
        results = searcher.more_like(docnum, "body", top=limit, numterms=25, normalize=True)
        hits = tuple(self._hit(h) for h in results)
        return SearchResult(
            query=f"similar:{article_id}",
            total=len(hits),
            page=1,
            limit=limit,
            hits=hits,
            elapsed=time.perf_counter() - started,
        )

    # ------------------------------------------------------------------------------ did you mean
    def _did_you_mean(self, text: str, searcher) -> str | None:
        """The query with each word that is in no article replaced by the closest indexed word, or None.

        Suggestions come from the index's own terms (Whoosh's corrector over the body field) and are shown
        in a form that occurs in the articles (the stem's first occurrence), never applied to the query.
        """
        text_part = _FIELD_VALUE.sub(" ", text)  # only free words are corrected
        changed = False
        out, last = [], 0
        corrector = None
        for match in TOKEN_RE.finditer(text_part):
            word = match.group()
            if word in ("AND", "OR", "NOT"):
                continue
            term = normalize(word, self._stemmer(searcher))
            if term is None or any(searcher.doc_frequency(f, term) for f in TEXT_FIELDS):
                continue
            corrector = corrector or searcher.corrector("body")
            candidates = [c for c in corrector.suggest(term, limit=3, maxdist=2, prefix=1) if c != term]
            surface = self._surface(candidates[0], searcher) if candidates else None
            if surface is None:
                continue
            out.append(text_part[last : match.start()])
            out.append(surface if not word[:1].isupper() else surface.capitalize())
            last = match.end()
            changed = True
        if not changed:
            return None
        out.append(text_part[last:])
        return " ".join("".join(out).split())

    def _stemmer(self, searcher) -> str:
        return getattr(searcher.schema["body"].analyzer, "stemmer", "snowball")

    def _surface(self, term: str, searcher) -> str | None:
        """A word as written in an article whose index term is ``term``."""
        hits = searcher.search(query.Term("body", term), limit=1)
        if not hits:
            return None
        body = hits[0].get("body") or ""
        stemmer = self._stemmer(searcher)
        for match in TOKEN_RE.finditer(body):
            if normalize(match.group(), stemmer) == term:
                return match.group().lower()
        return None

    # ------------------------------------------------------------------------------ filters and facets
    def _with_filters(self, narrowing, filters: Filters | None, searcher):
        """AND the drill-down filters onto the query's own field filters (OR within one field)."""
        if not filters:
            return narrowing
        clauses = [] if narrowing is None else [narrowing]
        for field, wanted in (
            ("speakers", filters.speakers),
            ("parties", filters.parties),
            ("source", filters.sources),
            ("author", filters.authors),
        ):
            if wanted:
                values = self._field_values(field, searcher)
                matched = sorted({v for w in wanted for v in self._match_values(field, w, values)})
                clauses.append(query.Or([query.Term(field, v) for v in matched]) if matched else _nothing())
        if filters.since or filters.until:
            clauses.append(query.DateRange("date", filters.since, _end_of(filters.until)))
        return clauses[0] if len(clauses) == 1 else query.And(clauses)

    def _facet_counts(self, searcher, docs: set[int], specs, top: int) -> dict[str, tuple[FacetValue, ...]]:
        """Counts over every matching article (``docs``), not just the page shown."""
        cache = self._facet_cache(searcher)
        out: dict[str, tuple[FacetValue, ...]] = {}
        for spec in specs:
            if spec.field == "date":
                dates = cache.dates
                out[spec.name] = facetlib.date_histogram(
                    (dates[d] for d in docs if dates[d]), spec.granularity
                )
            elif spec.kind:
                counts = facetlib.count_values(docs, cache.values("party_keys"))
                prefix = spec.kind + ":"
                kind_counts = Counter(
                    {k[len(prefix) :]: c for k, c in counts.items() if k.startswith(prefix)}
                )
                out[spec.name] = facetlib.top_values(kind_counts, top)
            else:
                out[spec.name] = facetlib.top_values(
                    facetlib.count_values(docs, cache.values(spec.field)), top
                )
        return out

    def facet_over_index(self, facet: str, top: int) -> tuple[FacetValue, ...]:
        spec = facetlib.parse_spec(facet)
        searcher = self._searcher()
        docs = _matching_docs(query.Every(), searcher, None)
        return self._facet_counts(searcher, docs, [spec], top)[spec.name]

    def _facet_cache(self, searcher) -> _FacetCache:
        generation = searcher.reader().generation() if hasattr(searcher.reader(), "generation") else 0
        key = (id(searcher.reader()), generation)
        with self._lock:
            if self._facets is None or self._facets.key != key:
                self._facets = _FacetCache(key, searcher)
            return self._facets

    def _hit(self, h, similar: tuple[str, ...] = (), typed: dict[str, set[str]] | None = None) -> Hit:
        """A Hit with a snippet around the words the user typed (not feedback words added by expansion)."""
        stored = h.fields()
        snippet, spans = "", ()
        for field in ("body", "standfirst", "headline"):
            words = (typed or {}).get(field)
            if stored.get(field) and words:
                marked = highlight.highlight(
                    stored[field],
                    words,
                    self._schema[field].analyzer,
                    highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60),
                    _SpanFormatter(),
                    top=2,
                )
                if marked:
                    snippet, spans = _spans(marked)
                    break
        if not snippet:
            snippet = _lead(stored.get("standfirst") or stored.get("body") or "")
        return Hit(
            id=stored["id"],
            score=round(float(h.score), 4)
            if isinstance(h.score, int | float)
            else 0.0,  # 0 when sorted by date
            headline=stored.get("headline", ""),
            date=stored.get("date"),
            source=stored.get("source"),
            path=stored.get("path", ""),
            speakers=_split(stored.get("speakers")),
            parties=tuple(Party(name, kind) for name, kind in stored.get("party_kinds") or ()),
            snippet=snippet,
            highlights=spans,
            url=stored.get("url"),
            similar=similar,
        )

    # ------------------------------------------------------------------------------ articles
    def get(self, article_id: str) -> Article | None:
        stored = self._searcher().document(id=article_id)
        return None if stored is None else article_from_stored(stored)

    def count(self) -> int:
        return self._searcher().doc_count()

    def stats(self) -> StatsFigures:
        searcher = self._searcher()
        sources = sorted(
            ((v, searcher.doc_frequency("source", v)) for v in self._field_values("source", searcher)),
            key=lambda vc: (-vc[1], vc[0]),
        )
        first = last = None
        if searcher.reader().has_column("date"):
            column = searcher.reader().column_reader("date", translate=False)
            missing = searcher.schema["date"].column_type.default_value()
            present = [v for v in column if v != missing]
            if present:
                first, last = long_to_datetime(min(present)), long_to_datetime(max(present))
        return StatsFigures(searcher.doc_count(), sources, _as_datetime(first), _as_datetime(last))


@dataclass(frozen=True, slots=True)
class StatsFigures:
    articles: int
    sources: list[tuple[str, int]]
    first_date: datetime | None
    last_date: datetime | None


def _as_datetime(value) -> datetime | None:
    return value if isinstance(value, datetime) else None


_EXPLICIT_AND = re.compile(r"(?<![\w\"])AND(?![\w\"])")
_MINUS = re.compile(r"(?:(?<=^)|(?<=[\s(]))-(?=[\w\"(])")
_DATE_FIELDS = "|".join(FIELD_ALIASES["date"])
_DATE_VALUE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_DATE_COMPARE = re.compile(rf"\b(?:{_DATE_FIELDS}):(>=|<=|>|<)({_DATE_VALUE})(?![\w-])", re.IGNORECASE)


def _check_size(text: str) -> None:
    """QueryError for queries too big to answer in bounded time (see MAX_QUERY_TERMS, MAX_QUERY_DEPTH)."""
    short = text if len(text) <= 80 else text[:77] + "…"
    words = sum(1 for w in TOKEN_RE.findall(text) if w not in ("AND", "OR", "NOT", "TO"))
    if words > MAX_QUERY_TERMS:
        raise QueryError(short, f"query has {words} words; at most {MAX_QUERY_TERMS} are allowed")
    depth = 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
            if depth > MAX_QUERY_DEPTH:
                raise QueryError(short, f"brackets nested more than {MAX_QUERY_DEPTH} deep", i)
        elif c in ")]}":
            depth = max(0, depth - 1)


def _rewrite_dates(text: str, original: str) -> str:
    """``date:>2024-03-01`` and friends become ranges Whoosh parses: [next day TO], [TO day before], …"""

    def replace(m: re.Match) -> str:
        op, value = m.group(1), m.group(2)
        parts = [int(p) for p in value.split("-")]
        try:
            date(*(parts + [1] * (3 - len(parts))))  # validates month and day
            if op in (">", "<"):
                value = _shift(parts, +1 if op == ">" else -1)
        except ValueError:
            reason = f"not a date: {m.group(2)!r} (use YYYY, YYYY-MM or YYYY-MM-DD)"
            raise QueryError(original, reason) from None
        return f"date:[{value} TO]" if op.startswith(">") else f"date:[TO {value}]"

    return _DATE_COMPARE.sub(replace, text)


def _shift(parts: list[int], step: int) -> str:
    """The next (step=1) or previous (step=-1) year, month or day, at the precision it was given in."""
    if len(parts) == 1:
        return f"{parts[0] + step:04d}"
    if len(parts) == 2:
        months = parts[0] * 12 + parts[1] - 1 + step
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    day = date(*parts) + timedelta(days=step)
    return day.isoformat()


def _terms(q) -> list[tuple[str, object]]:
    try:
        return list(q.iter_all_terms())
    except Exception:  # some query types (ranges) have no terms
        return [(f, None) for f in _fields(q)]


def _fields(q) -> set[str]:
    name = getattr(q, "fieldname", None)
    found = {name} if name else set()
    if not q.is_leaf():
        for child in q.children():
            found |= _fields(child)
    return found


def _is_word_group(q) -> bool:
    """One free word searched across the text fields: a Term, or an Or of Terms for the same word."""
    if isinstance(q, query.Term):
        return q.fieldname in TEXT_FIELDS
    if isinstance(q, query.Or) and type(q) is query.Or:
        texts = {getattr(c, "text", None) for c in q.subqueries}
        return all(isinstance(c, query.Term) for c in q.subqueries) and len(texts) == 1
    return False


def _compound_word(q) -> list | None:
    """A free word the analyzer split ("newly-created", "U.S.-Soviet") as one word group per part, else None.

    The parser makes it an Or over the text fields of And(parts); under "or" grouping requiring it would
    make one hyphenated word of a long query mandatory, so its parts join the optional words instead.
    """
    children = [q] if isinstance(q, query.And) else list(q.subqueries) if type(q) is query.Or else []
    per_field = []
    for child in children:
        if not (type(child) is query.And and all(isinstance(t, query.Term) for t in child.subqueries)):
            return None
        if child.subqueries[0].fieldname not in TEXT_FIELDS:
            return None
        per_field.append(child.subqueries)
    if not per_field or len({tuple(t.text for t in terms) for terms in per_field}) != 1:
        return None
    return [query.Or(list(group)) for group in zip(*per_field, strict=True)]


def _single_word(q) -> str | None:
    if isinstance(q, query.Term):
        return q.text
    texts = {c.text for c in q.subqueries}
    return texts.pop() if len(texts) == 1 else None


def _matching_docs(q, searcher, allowed: set[int] | None) -> set[int]:
    """The document numbers ``q`` matches (within ``allowed``), without scoring them.

    A disjunction of words (the common query) is the union of its terms' postings, read straight from
    the posting lists; anything else walks Whoosh's matcher tree.
    """
    terms = _disjunction_terms(q)
    if terms is None:
        docs = set(q.docs(searcher))
    else:
        docs = set()
        for field, text in set(terms):
            if searcher.doc_frequency(field, text):
                docs.update(searcher.postings(field, text).all_ids())
        reader = searcher.reader()
        if reader.has_deletions():
            docs = {d for d in docs if not reader.is_deleted(d)}
    return docs if allowed is None else docs & allowed


def _disjunction_terms(q) -> list[tuple[str, object]] | None:
    """The (field, term) pairs of a query that matches exactly the documents holding any of them, or None.

    Bonus clauses (all words, proximity) whose terms are all among the disjuncts add no documents.
    """
    if isinstance(q, query.Term):
        return [(q.fieldname, q.text)]
    if type(q) is query.AndMaybe:
        return _disjunction_terms(q.a)
    if type(q) is not query.Or:
        return None
    out: list[tuple[str, object]] = []
    bonus = []
    for child in q.subqueries:
        if isinstance(child, query.And | query.Phrase):
            bonus.append(child)
            continue
        found = _disjunction_terms(child)
        if found is None:
            return None
        out += found
    covered = set(out)
    if any(not set(b.iter_all_terms()) <= covered for b in bonus):
        return None
    return out


def _typed_terms(q) -> dict[str, set[str]]:
    """The terms of the user's own query, per text field: what snippets highlight."""
    out: dict[str, set[str]] = {}
    for field, text in _terms(q):
        if field in TEXT_FIELDS and text is not None:
            out.setdefault(field, set()).add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return out


def _lead(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def article_from_stored(stored: dict) -> Article:
    kinds = stored.get("party_kinds") or []
    quotes = stored.get("quotes") or []
    date = stored.get("date")
    return Article(
        id=stored["id"],
        headline=stored.get("headline", ""),
        body=stored.get("body", ""),
        standfirst=stored.get("standfirst", ""),
        date=date if isinstance(date, datetime) else None,
        source=stored.get("source"),
        url=stored.get("url"),
        author=stored.get("author"),
        path=stored.get("path", ""),
        record=stored.get("record"),
        subheads=tuple(s for s in (stored.get("subheads") or "").split("\n") if s),
        links=tuple(stored.get("links") or ()),
        content_hash=stored.get("content_hash", ""),
        speakers=_split(stored.get("speakers")),
        parties=tuple(Party(name, kind) for name, kind in kinds),
        quotes=tuple(
            Quote(text=t, speaker=s, speaker_label=label, position=pos, direct=d)
            for t, s, label, pos, d in quotes
        ),
        meta=dict(stored.get("meta") or {}),
    )
