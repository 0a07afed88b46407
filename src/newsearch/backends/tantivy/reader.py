"""Reading a tantivy index: ranked or date-sorted hits with exact totals, stored records, facet counts,
doc frequencies, term-dictionary look-ups (did-you-mean) and more-like-this.

Everything comes back as plain Python (stored records as dicts, counts as Counters); nothing tantivy
returns outlives the call. Each call takes a searcher of the newest commit (:meth:`TantivyStore.searcher`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import fields, require, terms
from .compile import DateRange, Node, Term, filtered, to_query
from .store import TantivyStore

SORTS = ("relevance", "date", "-date")
# Terms aggregations return at most this many buckets (tantivy refuses more than 65,000 per request).
MAX_FACET_VALUES = 60_000


@dataclass(frozen=True, slots=True)
class StoredHit:
    score: float  # 0.0 when sorted by date
    record: dict


@dataclass(frozen=True, slots=True)
class Page:
    total: int  # every matching record, exactly
    hits: tuple[StoredHit, ...]


class TantivyReader:
    """Runs query nodes against one :class:`TantivyStore`; safe to share between threads."""

    def __init__(self, store: TantivyStore) -> None:
        self.store = store
        self._tantivy = require()

    def _query(self, query: Node, filter: Node | None = None) -> Any:
        node = query if filter is None else filtered(query, filter)
        return to_query(node, self.store.schema)

    # ------------------------------------------------------------------------------ hits
    def search(
        self,
        query: Node,
        *,
        filter: Node | None = None,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
    ) -> Page:
        """The records ranked ``offset`` to ``offset + limit`` and the exact number of matches.

        ``sort``: "relevance" (best first), "date" (oldest first) or "-date" (newest first); undated
        records come last in both date orders (tantivy's order for a missing fast value).
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        searcher = self.store.searcher()
        q = self._query(query, filter)
        fetch = max(limit, 1)  # tantivy panics on a limit of 0
        if sort == "relevance":
            result = searcher.search(q, fetch, count=True, offset=offset)
        else:
            order = self._tantivy.Order.Asc if sort == "date" else self._tantivy.Order.Desc
            result = searcher.search(
                q, fetch, count=True, offset=offset, order_by_field=fields.DATE, order=order
            )
        by_date = sort != "relevance"
        hits = tuple(
            StoredHit(0.0 if by_date else float(score), fields.decode(searcher.doc(addr)[fields.RECORD][0]))
            for score, addr in result.hits[:limit]
        )
        return Page(int(result.count), hits)

    def count(self, query: Node, *, filter: Node | None = None) -> int:
        searcher = self.store.searcher()
        return int(searcher.search(self._query(query, filter), 1, count=True).count)

    def __len__(self) -> int:
        return int(self.store.searcher().num_docs)

    # ------------------------------------------------------------------------------ records
    def document(self, article_id: str) -> dict | None:
        """The stored record with this id, or None."""
        searcher = self.store.searcher()
        result = searcher.search(to_query(Term("id", article_id), self.store.schema), 1)
        if not result.hits:
            return None
        return fields.decode(searcher.doc(result.hits[0][1])[fields.RECORD][0])

    def records(self) -> Iterator[dict]:
        """Every stored record (for rebuilding the manifest), in index order."""
        searcher = self.store.searcher()
        n = int(searcher.num_docs)
        if n == 0:
            return
        result = searcher.search(self._tantivy.Query.all_query(), n, count=False)
        for _, addr in result.hits:
            yield fields.decode(searcher.doc(addr)[fields.RECORD][0])

    # ------------------------------------------------------------------------------ statistics
    def doc_frequency(self, field: str, term: str) -> int:
        """Records holding ``term`` in ``field`` (deleted ones count until their segment is merged, as
        in Whoosh)."""
        return int(self.store.searcher().doc_freq(field, term))

    def field_terms(self, field: str, prefix: str = "") -> list[tuple[str, int]]:
        """The term dictionary of ``field`` (terms starting with ``prefix``) with doc frequencies."""
        return [(t, int(df)) for t, df in self.store.searcher().terms_with_prefix(field, prefix)]

    def values(self, field: str) -> list[str]:
        """Every value of a value field (speakers, parties, party_keys, source, author), sorted."""
        return sorted(t for t, _ in self.field_terms(field))

    # ------------------------------------------------------------------------------ facets
    def value_counts(
        self, query: Node, fields_: Sequence[str], *, filter: Node | None = None
    ) -> dict[str, Counter]:
        """For each value field, how many matching records carry each value (exact; one aggregation)."""
        if not fields_:
            return {}
        aggs = {
            name: {"terms": {"field": name, "size": MAX_FACET_VALUES, "segment_size": MAX_FACET_VALUES}}
            for name in fields_
        }
        out = self.store.searcher().aggregate(self._query(query, filter), aggs)
        return {name: Counter({b["key"]: b["doc_count"] for b in out[name]["buckets"]}) for name in fields_}

    def day_counts(self, query: Node, *, filter: Node | None = None) -> Counter:
        """How many matching records fall on each day (UTC dates; undated records are not counted)."""
        histogram = {"field": fields.DATE, "fixed_interval": "1d", "min_doc_count": 1}
        aggs = {"days": {"date_histogram": histogram}}
        out = self.store.searcher().aggregate(self._query(query, filter), aggs)
        return Counter(
            {
                datetime.fromtimestamp(b["key"] / 1000, UTC).date(): b["doc_count"]
                for b in out["days"]["buckets"]
                if b["doc_count"]
            }
        )

    def date_span(self) -> tuple[datetime | None, datetime | None]:
        """The first and last date in the index (as stored: naive UTC), or (None, None)."""
        dated = DateRange()
        first = self.search(dated, limit=1, sort="date").hits
        last = self.search(dated, limit=1, sort="-date").hits
        if not first or not last:
            return None, None
        return first[0].record.get(fields.DATE), last[0].record.get(fields.DATE)

    # ------------------------------------------------------------------------------ did you mean
    def suggestions(
        self, term: str, *, field: str = "body", limit: int = 3, maxdist: int = 2, prefix: int = 1
    ) -> list[str]:
        """Index terms within ``maxdist`` edits of ``term`` sharing its first ``prefix`` characters, best
        first: fewer edits, then more frequent, then alphabetical — Whoosh's ReaderCorrector order, with
        document frequency standing in for its collection frequency (tantivy keeps no term totals).
        Like Whoosh, distance 2 is tried only when distance 1 gives fewer than ``limit``."""
        if len(term) < prefix:
            return []
        candidates = self.field_terms(field, term[:prefix])
        found: list[tuple[float, str]] = []
        for k in range(1, maxdist + 1):
            for word, df in candidates:
                if word != term and abs(len(word) - len(term)) <= k and edit_distance(term, word, k) == k:
                    found.append((-(k + 0.5 / max(df, 1)), word))
            if len(found) >= limit:
                break
        found.sort(key=lambda sw: (-sw[0], sw[1]))
        return [w for _, w in found[:limit]]

    # ------------------------------------------------------------------------------ more like this
    def more_like_this(
        self, article_id: str, *, limit: int = 10, numterms: int = 25, field: str = "body"
    ) -> Page | None:
        """Records like ``article_id`` by its most distinctive terms (tf-idf over ``field``, tantivy's
        MoreLikeThis), the record itself excluded; None when there is no such record."""
        record = self.document(article_id)
        if record is None:
            return None
        text = fields.text(record, field) or fields.text(record, "headline")
        value = terms.indexed_value(text, self.store.stemmer)
        joined = value if isinstance(value, str) else " ".join(terms.index_terms(text, self.store.stemmer))
        searcher = self.store.searcher()
        mlt = self._tantivy.Query.more_like_this_document_fields_query(
            self.store.schema,
            {field: [joined]},
            min_doc_frequency=1,
            min_term_frequency=1,
            max_query_terms=numterms,
        )
        own = to_query(Term("id", article_id), self.store.schema)
        q = self._tantivy.Query.boolean_query(
            [(self._tantivy.Occur.Must, mlt), (self._tantivy.Occur.MustNot, own)]
        )
        result = searcher.search(q, limit, count=True)
        hits = tuple(
            StoredHit(float(score), fields.decode(searcher.doc(addr)[fields.RECORD][0]))
            for score, addr in result.hits
        )
        return Page(int(result.count), hits)


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
