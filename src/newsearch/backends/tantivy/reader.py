"""Reading one committed state of a tantivy index, shaped to the Reader protocol of the engine seam
(``newsearch.backends.base.Reader``), plus engine-side fast paths (:meth:`count`, :meth:`value_counts`,
:meth:`day_counts`, :meth:`page`, :meth:`fold_search`): tantivy answers those in Rust, where the
protocol's route (every matching document number into Python, then per-document columns) costs far more
here than in Whoosh (see the issue-15 note).

**Document numbers** are ``bases[segment_ord] + doc`` of the state's segment layout
(:class:`.store.Snapshot`): dense ints, valid within one Reader, increasing with tantivy's own document
order, so "ties by document number" is tantivy's tie order too.

**Columns** (:meth:`column`), built once per state and shared by every Reader of it: ``date`` from the
``date_ts`` fast field and ``dup_keys`` from the 16 per-band fast fields (tantivy-py reads numeric fast
fields only, one value per document); value fields from every document's small stored ``values`` blob
(one pass fills all five: seconds at 100k articles, so the fast paths avoid them); ``dup_sig`` read from
a stored record on first access (grouping reads the candidates' only).

Everything comes back as plain Python; nothing tantivy returns outlives the call.
"""

from __future__ import annotations

import bisect
import json
import operator
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain
from typing import Any

from ...models import Ranking
from . import fields, require, scoring, terms
from .compile import DateRange, MatchAll, MatchNone, Node, Term, filtered, to_query, within
from .store import Snapshot, TantivyStore

SORTS = ("relevance", "date", "-date")
# Terms aggregations return at most this many buckets (tantivy refuses more than 65,000 per request).
MAX_FACET_VALUES = 60_000
# A search for every match first asks for this many hits (and the count): one call for most queries, and a
# buffer small enough that tantivy allocating it costs nothing (a limit of the index size would, at 1M).
ALL_FIRST = 4096
# fold_search (layout 2) asks for this many hits past the page, so that a tie at the page's end is seen whole.
TIE_ROOM = 64
# fold_search looks up at most this many neighbours of marked matches by id (more: the generic route).
MAX_PARTNERS = 4096
_DAY_US = 86_400_000_000
_EPOCH_DAY = date(1970, 1, 1).toordinal()
Record = dict[str, Any]


class TantivyReader:
    """One committed state; safe to share between threads (tantivy's searcher is)."""

    def __init__(
        self, store: TantivyStore, snapshot: Snapshot, columns: Columns | None = None, ranking: Any = None
    ) -> None:
        self.store = store
        self.stemmer = store.stemmer
        self.generation = snapshot.generation
        self._snap = snapshot
        self._searcher = snapshot.searcher
        self._schema = store.schema
        self._tantivy = require()
        self._columns = columns if columns is not None else Columns(snapshot.generation)
        self.ranking = ranking
        ranking = ranking if ranking is not None else Ranking()
        scoring.check(ranking)
        searcher = self._searcher
        self._weight = scoring.idf_weight(
            ranking, int(searcher.num_docs), lambda field, term: int(searcher.doc_freq(field, term))
        )

    @classmethod
    def latest(cls, store: TantivyStore) -> TantivyReader:
        """A reader of the newest commit (a new one only after a commit; columns are not shared)."""
        return cls(store, store.snapshot())

    # ------------------------------------------------------------------------------ document numbers
    def _doc(self, address: Any) -> int:
        return self._snap.bases[address.segment_ord] + address.doc

    def _address(self, doc: int) -> Any:
        segment = bisect.bisect_right(self._snap.bases, doc) - 1
        if segment < 0 or doc >= self._snap.size:
            raise IndexError(f"no document number {doc} in this state")
        return self._tantivy.DocAddress(segment, doc - self._snap.bases[segment])

    def _query(self, query: Node, filter: Node | None = None) -> Any:
        return to_query(query if filter is None else filtered(query, filter), self._schema, self._weight)

    def _all(self, query: Any) -> list[tuple[float, Any]]:
        """Every (score, address) ``query`` matches, best first (ties in document order). tantivy needs a
        limit: a first search fetches up to ALL_FIRST hits and counts; only a larger set needs a second."""
        result = self._searcher.search(query, ALL_FIRST, count=True)
        if result.count <= ALL_FIRST:
            return list(result.hits)
        return list(self._searcher.search(query, int(result.count), count=False).hits)

    def _numbers(self, hits: list[tuple[float, Any]]) -> set[int]:
        bases = self._snap.bases
        return {bases[a.segment_ord] + a.doc for _, a in hits}

    # ------------------------------------------------------------------------------ statistics
    def doc_count(self) -> int:
        return int(self._searcher.num_docs)

    def all_docs(self) -> set[int]:
        return self._columns.get("_all", self._build_all)

    def _build_all(self) -> set[int]:
        return {self._doc(a) for _, a in self._all(self._tantivy.Query.all_query())}

    def doc_frequency(self, field: str, term: str) -> int:
        """Documents holding ``term`` in ``field`` (deleted ones count until their segment is merged, as
        in Whoosh and Lucene)."""
        return int(self._searcher.doc_freq(field, term))

    def analyze(self, text: str) -> list[str]:
        return terms.index_terms(text, self.stemmer)

    def _terms(self, field: str, prefix: str) -> list[tuple[str, int]]:
        return [(t, int(df)) for t, df in self._searcher.terms_with_prefix(field, prefix)]

    def terms_with_prefix(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Up to ``limit`` (term, doc frequency) of ``field`` starting with ``prefix``, most frequent
        first."""
        return sorted(self._terms(field, prefix), key=lambda td: (-td[1], td[0]))[:limit]

    def similar_terms(
        self, field: str, term: str, maxdist: int, prefix: int, limit: int
    ) -> list[tuple[str, int]]:
        """(term, doc frequency) within ``maxdist`` Levenshtein edits of ``term`` sharing its first ``prefix``
        characters (``term`` excluded), most frequent first: the term dictionary under that prefix,
        filtered in Python (Whoosh's terms_within does the same with an automaton)."""
        if len(term) < prefix:
            return []
        found = [
            (t, df)
            for t, df in self._terms(field, term[:prefix])
            if t != term and edit_distance(term, t, maxdist) <= maxdist
        ]
        return sorted(found, key=lambda td: (-td[1], td[0]))[:limit]

    def field_values(self, field: str) -> Sequence[str]:
        """Every distinct value of a value or key field, sorted."""
        return sorted(t for t, _ in self._terms(field, ""))

    # ------------------------------------------------------------------------------ searching
    def search(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> list[tuple[int, float]]:
        """The best ``limit`` (document number, score) of ``query`` among ``within`` (None: all).

        Relevance: score descending, ties by document number. Dates: oldest/newest first, undated last,
        ties by document number, scores 0. ``within`` filters without changing scores; tantivy cannot take
        a set of document numbers, so the matches are ranked and then filtered (prefer :meth:`page` with a
        filter node, which tantivy runs itself).
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        if isinstance(query, MatchNone) or within == set() or limit <= 0:
            return []
        q = self._query(query)
        if within is None:
            return self._ranked(q, limit, 0, sort)
        fetch = max(4 * limit, 64)
        while True:
            ranked = self._ranked(q, fetch, 0, sort)
            kept = [(d, s) for d, s in ranked if d in within]
            if len(kept) >= limit or len(ranked) < fetch:
                return kept[:limit]
            fetch *= 4

    def search_all(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> tuple[list[tuple[int, float]], set[int]]:
        """``search(...)`` and ``matching(query) & within`` at once (one search needs both): ranked by
        relevance, the page is the head of the one list of every match tantivy returns best first."""
        if sort != "relevance" or isinstance(query, MatchAll | MatchNone):
            matched = self.matching(query)
            if within is not None:
                matched &= within
            return self.search(query, within=within, limit=limit, sort=sort), matched
        hits = self._all(self._query(query))
        matched = self._numbers(hits)
        if within is not None:
            matched &= within
        if not matched:
            return [], matched
        return _head(hits, self._doc, within, limit), matched

    def _ranked(self, q: Any, limit: int, offset: int, sort: str) -> list[tuple[int, float]]:
        if sort == "relevance":
            hits = self._searcher.search(q, limit, count=False, offset=offset).hits
            ranked = [(self._doc(a), float(s)) for s, a in hits]
            ranked.sort(key=lambda ds: (-ds[1], ds[0]))
            return ranked
        order = self._tantivy.Order.Asc if sort == "date" else self._tantivy.Order.Desc
        hits = self._searcher.search(
            q, limit, count=False, offset=offset, order_by_field=fields.DATE_TS, order=order
        ).hits
        sign = 1 if sort == "date" else -1
        keyed = [(value is None, 0 if value is None else sign * value, self._doc(a)) for value, a in hits]
        keyed.sort()
        return [(doc, 0.0) for _, _, doc in keyed]

    def matching(self, query: Node) -> set[int]:
        """Exactly the live documents ``query`` matches."""
        if isinstance(query, MatchAll):
            return set(self.all_docs())
        if isinstance(query, MatchNone):
            return set()
        return self._numbers(self._all(self._query(query)))

    def fold_search(
        self, query: Node, *, limit: int, neighbours: Callable[[int], Iterable[int]]
    ) -> tuple[list[tuple[int, float]], int, set[int]] | None:
        """(the best ``limit`` by relevance, the exact total, a pool) without every matching document number
        leaving tantivy: the pool holds each match that shares a band key with another match
        (``neighbours(doc)``: the live documents sharing one with ``doc``), and only matches, which is all
        near-duplicate grouping needs. None for an index without near-duplicate marks (made before them).

        Layout 2 (:func:`.fields.marks_layout`): both members of a pair carry ``dup_mark``, so the pool is
        one search (:meth:`_fold_pairs`). Layout 1 (an index made in issue 15 stage C): of two live documents
        sharing a key only the later-written one does, so the pool is the marked matches plus those of their
        neighbours that match (found by id hash), and below ALL_FIRST matches listing them all costs less.
        Either is a few percent of the matches instead of all of them (see the issue-15 notes).
        """
        layout = self._marks_layout()
        if layout == 2:
            return self._fold_pairs(query, limit)
        if layout != 1:
            return None
        tantivy = self._tantivy
        q = self._query(query)
        first = max(limit, ALL_FIRST)
        result = self._searcher.search(q, first, count=True)
        total = int(result.count)
        if total <= first:
            # Every match came back with the page: listing them costs less than the two searches below
            # (measured at 100k: each of those evaluates the query again, a phrase's positions included).
            hits = result.hits
            return _head(hits, self._doc, None, limit), total, self._numbers(hits)
        ranked = _head(result.hits, self._doc, None, limit)
        Occur, Query = tantivy.Occur, tantivy.Query
        marked = Query.boolean_query([(Occur.Must, q), (Occur.Must, self._mark_query())])
        pool = self._numbers(self._all(marked))
        partners = {other for doc in pool for other in neighbours(doc)} - pool
        if len(partners) > MAX_PARTNERS:
            return None
        if partners:
            docs = sorted(partners)
            hashes = self._searcher.fast_field_values(fields.ID_HASH, [self._address(d) for d in docs])
            # Unscored term queries, not a term set: tantivy's set query on a numeric field reads the whole
            # column (0.9 ms at 100k whatever its size; these cost 0.06-0.35 ms for 30-170 partners).
            ids = Query.boolean_query(
                [(Occur.Should, Query.term_query(self._schema, fields.ID_HASH, h)) for h in set(hashes) if h]
            )
            unscored = [(Occur.Must, Query.const_score_query(x, 0.0)) for x in (q, ids)]
            found = self._numbers(self._all(Query.boolean_query(unscored)))
            pool |= found & partners  # a hash two ids share may bring in a non-neighbour: not kept
        return ranked, total, pool

    def _fold_pairs(self, query: Node, limit: int) -> tuple[list[tuple[int, float]], int, set[int]]:
        """fold_search on a layout-2 index, where both members of every pair are marked: the page from a
        top-``limit`` search (widened while a tie runs past its end), the total from tantivy's count, the
        pool from one search for the marked matches. No search lists every match."""
        q = self._query(query)
        # Past the page, to see that the tie at its end ends: ties of 1-50 equal scores at rank 20 are
        # common (synthetic 100k: 21 of the benchmark's 30 queries), and each widening is another search.
        fetch = max(limit, 0) + TIE_ROOM
        result = self._searcher.search(q, fetch, count=True)
        total, hits = int(result.count), result.hits
        while limit > 0 and total > len(hits) == fetch and hits[-1][0] == hits[limit - 1][0]:
            fetch *= 4  # the whole tie is needed: the page takes its lowest document numbers
            hits = self._searcher.search(q, fetch, count=False).hits
        ranked = _head(hits, self._doc, None, limit)
        if total <= len(hits):
            return ranked, total, self._numbers(hits)
        return ranked, total, self._numbers(self._all(within(query, self._schema, self._mark_query())))

    def _marks_layout(self) -> int:
        return self._columns.get("_marks_layout", lambda: fields.marks_layout(self._schema))

    def _mark_query(self) -> Any:
        """The documents carrying a near-duplicate mark (``dup_mark`` = 1)."""
        return self._tantivy.Query.term_query(self._schema, fields.DUP_MARK, 1)

    # ------------------------------------------------------------------------------ engine-side fast paths
    def count(self, query: Node, *, filter: Node | None = None) -> int:
        """How many live documents match (exact; no document number leaves tantivy)."""
        return int(self._searcher.search(self._query(query, filter), 1, count=True).count)

    def page(
        self,
        query: Node,
        *,
        filter: Node | None = None,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
    ) -> tuple[int, list[tuple[int, float]]]:
        """(exact total, ranked ``offset``..``offset + limit``), the filter run by tantivy as an unscored
        clause: what ``search(within=…)`` plus ``len(matching(…))`` give, in one call."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        q = self._query(query, filter)
        total = int(self._searcher.search(q, 1, count=True).count)
        if not total or limit <= 0:
            return total, []
        return total, self._ranked(q, limit, offset, sort)

    def value_counts(
        self, query: Node, fields_: Sequence[str], *, filter: Node | None = None
    ) -> dict[str, Counter]:
        """For each value field, how many matching documents carry each value: one terms aggregation over
        the fields' hash columns (exact: every bucket comes back, up to MAX_FACET_VALUES values per field),
        hashes mapped back to values through the term dictionary."""
        if not fields_:
            return {}
        spec = {"size": MAX_FACET_VALUES, "segment_size": MAX_FACET_VALUES}
        names = {}
        for name in fields_:
            names[name] = fields.HASHED[name] if self._hashes(name) is not None else name
        aggs = {name: {"terms": {"field": column, **spec}} for name, column in names.items()}
        out = self._searcher.aggregate(self._query(query, filter), aggs)
        counts: dict[str, Counter] = {}
        for name in fields_:
            buckets = out[name]["buckets"]
            keys = map(_KEY, buckets)
            hashes = self._hashes(name)
            if hashes is not None:  # else two values share a hash: counted by value instead
                # a key comes back as a float, equal (and hashing equal) to its int below 2**53
                keys = map(hashes.__getitem__, keys)
            counts[name] = Counter(dict(zip(keys, map(_DOC_COUNT, buckets), strict=True)))
        return counts

    def _hashes(self, field: str) -> dict[int, str] | None:
        """hash -> value for a value field's values (None if two of them collide), built once per state."""

        def build() -> dict[int, str] | None:
            out: dict[int, str] = {}
            for value, _ in self._terms(field, ""):
                h = fields.value_hash(value)
                if out.setdefault(h, value) != value:
                    return None
            return out

        return self._columns.get(f"_hashes:{field}", build)

    def day_counts(self, query: Node, *, filter: Node | None = None) -> Counter:
        """How many matching documents fall on each (UTC) day; undated ones are not counted. A histogram of
        the ``date_ts`` column (7x cheaper than tantivy's date_histogram on the date field, measured)."""
        histogram = {"field": fields.DATE_TS, "interval": _DAY_US, "min_doc_count": 1}
        out = self._searcher.aggregate(self._query(query, filter), {"days": {"histogram": histogram}})
        buckets = out["days"]["buckets"]  # min_doc_count 1: none empty
        return Counter(
            dict(zip(map(_DAY_OF.__getitem__, map(_KEY, buckets)), map(_DOC_COUNT, buckets), strict=True))
        )

    def date_span(self) -> tuple[datetime | None, datetime | None]:
        """The first and last date in the index (as stored: naive UTC), or (None, None)."""
        dated = DateRange(fields.DATE, None, None)
        first = self._ranked(self._query(dated), 1, 0, "date")
        last = self._ranked(self._query(dated), 1, 0, "-date")
        if not first or not last:
            return None, None
        return self.stored(first[0][0]).get(fields.DATE), self.stored(last[0][0]).get(fields.DATE)

    # ------------------------------------------------------------------------------ documents
    def stored(self, doc: int) -> Record:
        return fields.decode(self._searcher.doc(self._address(doc))[fields.RECORD][0])

    def find(self, article_id: str) -> int | None:
        hits = self._searcher.search(to_query(Term("id", article_id), self._schema), 1).hits
        return self._doc(hits[0][1]) if hits else None

    def document(self, article_id: str) -> Record | None:
        """The stored record with this id, or None."""
        doc = self.find(article_id)
        return None if doc is None else self.stored(doc)

    def documents(self, fields_: Sequence[str]) -> Iterator[Record]:
        """The given stored fields of every live document (for rebuilding the manifest)."""
        for _, address in self._all(self._tantivy.Query.all_query()):
            record = fields.decode(self._searcher.doc(address)[fields.RECORD][0])
            yield {f: record.get(f) for f in fields_}

    def column(self, field: str) -> Sequence[Any]:
        """Per-document values indexable by document number (see the module docstring)."""
        return self._columns.get(field, lambda: self._build_column(field))

    def _build_column(self, field: str) -> Sequence[Any]:
        size = self._snap.size
        if field == "dup_sig":  # read on access: no listing of every document (0.1 s at 100k)
            return LazyColumn(size, lambda doc: tuple(self.stored(doc).get("dup_sig") or ()))
        addresses = [a for _, a in self._all(self._tantivy.Query.all_query())]
        if field == fields.DATE:
            column: list[Any] = [None] * size
            for address, value in zip(
                addresses, self._searcher.fast_field_values(fields.DATE_TS, addresses), strict=True
            ):
                if value is not None:
                    column[self._doc(address)] = fields.from_timestamp(int(value))
            return column
        if field == "dup_keys":
            return self._band_keys(addresses)
        if field not in fields.VALUE_FIELDS:
            raise ValueError(f"no column {field!r}")
        # Value fields, in record order: every document's small ``values`` blob, read once for all of them.
        built: dict[str, list[tuple]] = {name: [()] * size for name in fields.VALUE_FIELDS}
        for address in addresses:
            doc, kept = self._doc(address), json.loads(self._searcher.doc(address)[fields.VALUES][0])
            for name, found in kept.items():
                if found:
                    built[name][doc] = tuple(found)
        for name in fields.VALUE_FIELDS:
            if name != field:
                self._columns.get(name, lambda name=name: built[name])
        return built[field]

    def _band_keys(self, addresses: list[Any]) -> list[tuple]:
        """Per-document band keys of the documents at ``addresses`` (() for every other document)."""
        bands = [self._searcher.fast_field_values(name, addresses) for name in fields.BAND_FIELDS]
        keys: list[tuple] = [()] * self._snap.size
        for i, address in enumerate(addresses):
            keys[self._doc(address)] = tuple(int(b[i]) for b in bands if b[i] is not None)
        return keys

    def shared_keys(self) -> Sequence[Sequence[int]] | None:
        """The ``dup_keys`` column with () for every document that shares no band key with another live
        document: all near-duplicate grouping needs (``dedupe.Duplicates``). A layout-2 index marks every
        document that does (:func:`.fields.marks_layout`), so only the marked ones' keys are read — a few
        percent of the documents, where the whole column (16 fast-field reads of every document, then
        counting every key) cost a one-shot query at 100k ~1 s. None for an older layout."""
        if self._marks_layout() != 2:
            return None

        def build() -> list[tuple]:
            return self._band_keys([a for _, a in self._all(self._mark_query())])

        return self._columns.get("_shared_keys", build)

    def duplicate_candidates(self, query: Node, *, filter: Node | None = None) -> set[int]:
        """The documents matching ``query`` that share a band key with another matching document: the only
        ones near-duplicate grouping within the matches has to look at. The matching set cut to the
        documents that share a key with any other (found once per state), then their keys counted
        (measured: a terms aggregation over the keys plus a TermSet query for the shared ones cost
        1.4 + 14.5 ms for a 383-article query at 10k, this 0.5 ms)."""
        matched = self.matching(query if filter is None else filtered(query, filter))
        pool = matched & self._sharing()
        if len(pool) < 2:
            return set()
        keys = self.column("dup_keys")
        counts = Counter(chain.from_iterable(keys[d] for d in pool))
        shared = {k for k, c in counts.items() if c > 1}
        return {d for d in pool if not shared.isdisjoint(keys[d])}

    def _sharing(self) -> set[int]:
        """Documents that share a band key with some other live document (a few percent), once per state."""

        def build() -> set[int]:
            keys = self.column("dup_keys")
            live = self.all_docs()
            counts = Counter(chain.from_iterable(keys[d] for d in live))
            shared = {k for k, c in counts.items() if c > 1}
            return {d for d in live if not shared.isdisjoint(keys[d])}

        return self._columns.get("_sharing", build)

    # ------------------------------------------------------------------------------ more like this
    def more_like_this(self, article_id: str, *, limit: int = 10, numterms: int = 25, field: str = "body"):
        """(total, [(doc, score)]) of the documents most like ``article_id`` by its most distinctive terms
        (tantivy's MoreLikeThis: tf-idf over ``field``), the article itself excluded; None when absent."""
        record = self.document(article_id)
        if record is None:
            return None
        text = fields.text(record, field) or fields.text(record, "headline")
        mlt = self._tantivy.Query.more_like_this_document_fields_query(
            self._schema,
            {field: [" ".join(terms.index_terms(text, self.stemmer))]},
            min_doc_frequency=1,
            min_term_frequency=1,
            max_query_terms=numterms,
        )
        Occur = self._tantivy.Occur
        own = to_query(Term("id", article_id), self._schema)
        q = self._tantivy.Query.boolean_query([(Occur.Must, mlt), (Occur.MustNot, own)])
        total = int(self._searcher.search(q, 1, count=True).count)
        return total, self._ranked(q, limit, 0, "relevance") if total else []


class _Days(dict):
    """A day bucket's key (its first microsecond since the epoch, a float exact below 2**53) → its day,
    worked out once per process: a datetime per bucket cost 0.9 ms, and this integer arithmetic 0.5 ms,
    for the 1,400 days of a 1,800-article query at 100k; a look-up here 0.15 ms."""

    def __missing__(self, key: float) -> date:
        day = self[key] = date.fromordinal(_EPOCH_DAY + int(key) // _DAY_US)
        return day


_DAY_OF = _Days()
_KEY, _DOC_COUNT = operator.itemgetter("key"), operator.itemgetter("doc_count")


def _by_score(ds: tuple[int, float]) -> tuple[float, int]:
    return -ds[1], ds[0]


def _head(
    hits: Sequence[tuple[float, Any]], doc: Callable[[Any], int], within: set[int] | None, limit: int
) -> list[tuple[int, float]]:
    """The best ``limit`` (doc, score) of hits listed best first, ties by document number: hits past
    ``limit`` are taken while tied with the last, then the whole head is sorted and cut."""
    if limit <= 0:
        return []
    head: list[tuple[int, float]] = []
    for score, address in hits:
        d = doc(address)
        if within is not None and d not in within:
            continue
        if len(head) >= limit and score != head[-1][1]:
            break
        head.append((d, float(score)))
    head.sort(key=_by_score)
    return head[:limit]


class Columns:
    """Per-document values of one state, built on first use and shared by the readers of every thread."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()  # a column may be built from another (dup_keys from shared keys)

    def get(self, field: str, build) -> Any:
        with self._lock:
            if field not in self._built:
                self._built[field] = build()
            return self._built[field]


class LazyColumn(Sequence):
    """A column whose values are read one document at a time, on first access (then kept)."""

    def __init__(self, size: int, read) -> None:
        self._size = size
        self._read = read
        self._seen: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, doc):  # type: ignore[override]
        if isinstance(doc, slice):
            return [self[i] for i in range(*doc.indices(self._size))]
        if doc not in self._seen:
            self._seen[doc] = self._read(doc)
        return self._seen[doc]


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Levenshtein distance of ``a`` and ``b`` (insert, delete, substitute), or ``cutoff + 1`` when above."""
    if abs(len(a) - len(b)) > cutoff:
        return cutoff + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cutoff:
            return cutoff + 1
        previous = current
    return previous[-1] if previous[-1] <= cutoff else cutoff + 1
