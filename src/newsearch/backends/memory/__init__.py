"""An in-memory engine: a dict of postings per field, BM25 scoring, evaluated document by document.

It exists so that the behaviour tests run as a contract suite on more than one engine (httpx's
MockTransport, Whoosh's RamStorage): small, obviously correct, and independent of Whoosh. The index lives
in the process that made it (a registry keyed by the folder's real path; the folder holds only
newsearch's own marker and manifest); another process opening it gets a clear error.

Scoring is :mod:`newsearch.bm25`'s per-field BM25, as the Whoosh adapter's (the Ranking's idf formula and
scope, per-field ``k1``/``b``; exact field lengths where Whoosh stores them to a byte), so rankings agree
with it on small corpora.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import analysis, bm25, documents
from ...errors import IndexLocked, NewsearchError
from ...models import Ranking
from ...query.match import phrase_at
from ...query.nodes import Boolean, DateRange, MatchAll, MatchNone, Node, Occur, Phrase, Term, TermSet
from ...suggest import edit_distance
from ..base import Record, date_order

_STORES: dict[str, _Store] = {}
_STORES_LOCK = threading.Lock()


@dataclass
class _Snapshot:
    """One committed state: records by document number (None: deleted) and what is derived from them."""

    generation: int
    records: list[Record | None]
    stemmer: str
    postings: dict[str, dict[str, dict[int, list[int]]]] = field(default_factory=dict)  # field/term/doc
    lengths: dict[str, list[int]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.postings = {f: defaultdict(dict) for f in (*documents.TEXT_FIELDS, *documents.VALUE_FIELDS)}
        self.postings.update({f: defaultdict(dict) for f in documents.KEY_FIELDS})
        self.lengths = {f: [0] * len(self.records) for f in documents.TEXT_FIELDS}
        for doc, rec in enumerate(self.records):
            if rec is None:
                continue
            self.ids[rec["id"]] = doc
            for f in documents.TEXT_FIELDS:
                terms = analysis.terms(documents.text(rec, f), self.stemmer)
                self.lengths[f][doc] = len(terms)
                for pos, term in enumerate(terms):
                    self.postings[f][term].setdefault(doc, []).append(pos)
            for f in (*documents.VALUE_FIELDS, *documents.KEY_FIELDS):
                for value in documents.values(rec, f):
                    self.postings[f][value].setdefault(doc, []).append(0)


@dataclass
class _Store:
    path: str
    stemmer: str
    snapshot: _Snapshot
    lock: threading.Lock = field(default_factory=threading.Lock)


class MemoryBackend:
    name = "memory"

    def create(self, folder: Path, *, stemmer: str) -> None:
        key = os.path.realpath(folder)
        with _STORES_LOCK:
            _STORES[key] = _Store(key, stemmer, _Snapshot(0, [], stemmer))

    def open(self, folder: Path, *, stemmer: str) -> MemoryEngine:
        with _STORES_LOCK:
            store = _STORES.get(os.path.realpath(folder))
        if store is None:
            raise NewsearchError(
                f"{folder} is a memory index, which lives only in the process that made it: rebuild it"
            )
        return MemoryEngine(Path(folder), store)

    @contextlib.contextmanager
    def creation_lock(self, folder: Path, timeout: float = 30.0) -> Iterator[None]:
        yield  # one process: creating is already serialised by the registry's lock

    def is_creation_leftover(self, name: str) -> bool:
        return False

    def remove(self, folder: Path, *, keep_lock: bool = True) -> None:
        with _STORES_LOCK:
            _STORES.pop(os.path.realpath(folder), None)


class MemoryEngine:
    def __init__(self, path: Path, store: _Store) -> None:
        self.path = path
        self._store = store

    def reader(self, ranking: Ranking) -> MemoryReader:
        return MemoryReader(self._store.snapshot, ranking)

    def snapshot(self, ranking: Ranking) -> contextlib.AbstractContextManager[MemoryReader]:
        return contextlib.nullcontext(self.reader(ranking))  # a Reader is an immutable snapshot already

    def writer(self, *, timeout: float = 10.0, workers: int = 1) -> MemoryWriter:
        if not self._store.lock.acquire(timeout=timeout):
            raise IndexLocked(f"{self.path} is locked by another writer (waited {timeout:g}s)")
        return MemoryWriter(self._store)

    def generation(self) -> int:
        return self._store.snapshot.generation

    def close(self) -> None:
        pass


class MemoryWriter:
    def __init__(self, store: _Store) -> None:
        self._store = store
        self._added: list[Record] = []
        self._deleted: set[str] = set()
        self.closed = False
        self.recovered: list[str] = []  # a killed process leaves nothing in memory

    def add(self, record: Record) -> None:
        self._added.append(dict(record))

    def delete(self, article_id: str) -> None:
        self._deleted.add(article_id)

    def commit(self, progress: Callable[[int, int], None] | None = None) -> None:
        old = self._store.snapshot
        records = [
            None if rec is None or rec["id"] in self._deleted else rec for rec in old.records
        ] + self._added
        self._store.snapshot = _Snapshot(old.generation + 1, records, old.stemmer)
        self._close()

    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        if not self.closed:
            self.closed = True
            self._store.lock.release()


class MemoryReader:
    def __init__(self, snap: _Snapshot, ranking: Ranking) -> None:
        self._snap = snap
        self.generation = snap.generation
        self.stemmer = snap.stemmer
        bm25.check(ranking)
        self._ranking = ranking
        self._live = {d for d, r in enumerate(snap.records) if r is not None}
        self._columns: dict[str, list[Any]] = {}
        n = len(self._live) or 1
        self._avg = {
            f: (sum(lengths[d] for d in self._live) / n) or 1.0 for f, lengths in snap.lengths.items()
        }

    # ------------------------------------------------------------------------------ statistics
    def doc_count(self) -> int:
        return len(self._live)

    def all_docs(self) -> set[int]:
        return set(self._live)

    def doc_frequency(self, field: str, term: str) -> int:
        return len(self._snap.postings.get(field, {}).get(term, ()))

    def analyze(self, text: str) -> list[str]:
        return analysis.terms(text, self.stemmer)

    def _lexicon(self, field: str) -> list[tuple[str, int]]:
        return [(t, len(docs)) for t, docs in self._snap.postings.get(field, {}).items() if docs]

    def terms_with_prefix(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        found = [(t, df) for t, df in self._lexicon(field) if t.startswith(prefix)]
        return sorted(found, key=lambda td: (-td[1], td[0]))[:limit]

    def similar_terms(
        self, field: str, term: str, maxdist: int, prefix: int, limit: int
    ) -> list[tuple[str, int]]:
        found = [
            (t, df)
            for t, df in self._lexicon(field)
            if t != term and t[:prefix] == term[:prefix] and edit_distance(t, term, maxdist) <= maxdist
        ]
        return sorted(found, key=lambda td: (-td[1], td[0]))[:limit]

    def field_values(self, field: str) -> Sequence[str]:
        return sorted(t for t, df in self._lexicon(field))

    # ------------------------------------------------------------------------------ documents
    def stored(self, doc: int) -> Record:
        rec = self._snap.records[doc]
        assert rec is not None
        return {k: v for k, v in rec.items() if k not in documents.DERIVED}

    def find(self, article_id: str) -> int | None:
        return self._snap.ids.get(article_id)

    def column(self, field: str) -> Sequence[Any]:
        built = self._columns.get(field)
        if built is None:
            records = self._snap.records
            if field == "date":
                built = [r.get("date") if r else None for r in records]
            elif field in documents.COLUMN_FIELDS:
                built = [tuple(r.get(field) or ()) if r else () for r in records]
            else:
                built = [documents.values(r, field) if r else () for r in records]
            self._columns[field] = built
        return built

    def documents(self, fields: Sequence[str]) -> Iterator[Record]:
        for doc in sorted(self._live):
            rec = self._snap.records[doc]
            assert rec is not None
            yield {f: rec.get(f) for f in fields}

    # ------------------------------------------------------------------------------ searching
    def matching(self, query: Node) -> set[int]:
        return {d for d in self._live if self._score(query, d) is not None}

    def search_all(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> tuple[list[tuple[int, float]], set[int]]:
        matched = self.matching(query)
        return self.search(query, within=within, limit=limit, sort=sort), (
            matched if within is None else matched & within
        )

    def search(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> list[tuple[int, float]]:
        pool = self._live if within is None else self._live & within
        scored = [(d, s) for d in pool if (s := self._score(query, d)) is not None]
        if sort == "relevance":
            scored.sort(key=lambda ds: (-ds[1], ds[0]))
            return scored[:limit]
        key = date_order(self.column("date"), newest_first=sort == "-date")
        return [(d, 0.0) for d, _ in sorted(scored, key=lambda ds: key(ds[0]))[:limit]]

    def _score(self, node: Node, doc: int) -> float | None:
        """The score of ``doc`` for ``node``, or None when it does not match."""
        if isinstance(node, Term):
            positions = self._snap.postings.get(node.field, {}).get(node.text, {}).get(doc)
            if positions is None:
                return None
            return node.boost * self._bm25(node.field, [node.text], len(positions), doc)
        if isinstance(node, Phrase):
            postings = self._snap.postings.get(node.field, {})
            if any(doc not in postings.get(t, {}) for t in node.terms):
                return None
            terms = self._terms_of(node.field, doc)
            count, start = 0, 0
            while (found := phrase_at(node.terms, terms[start:], node.slop)) is not None:
                count += 1
                start += found + 1
            return None if not count else node.boost * self._bm25(node.field, list(node.terms), count, doc)
        if isinstance(node, TermSet):
            postings = self._snap.postings.get(node.field, {})
            return 0.0 if any(doc in postings.get(v, {}) for v in node.values) else None
        if isinstance(node, DateRange):
            when = self.column("date")[doc]
            inside = when is not None and (node.start is None or when >= node.start)
            return 0.0 if inside and (node.end is None or when <= node.end) else None  # type: ignore[operator]
        if isinstance(node, MatchAll):
            return 0.0
        if isinstance(node, MatchNone):
            return None
        assert isinstance(node, Boolean)
        total, musts, any_should = 0.0, False, False
        for occur, child in node.clauses:
            score = self._score(child, doc)
            if occur is Occur.MUST_NOT:
                if score is not None:
                    return None
            elif occur is Occur.MUST:
                if score is None:
                    return None
                musts = True
                total += score
            elif score is not None:
                any_should = True
                total += score
        if not musts and not any_should:
            return None
        return total * node.boost

    def _terms_of(self, field: str, doc: int) -> list[str]:
        rec = self._snap.records[doc]
        return analysis.terms(documents.text(rec or {}, field), self.stemmer)

    def _frequency_of(self, term: str) -> Callable[[str], int]:
        return lambda field: self.doc_frequency(field, term)

    def _bm25(self, field: str, terms: list[str], tf: int, doc: int) -> float:
        n = len(self._live) or 1
        text_fields = [f for f in documents.TEXT_FIELDS if f in self._snap.lengths]
        idf = 0.0
        for term in terms:
            df = bm25.scoped_frequency(self._ranking, field, text_fields, self._frequency_of(term))
            idf += bm25.idf(self._ranking, n, df)
        k1, b = bm25.field_parameters(self._ranking, field)
        lengths = self._snap.lengths.get(field)
        if lengths is None:  # value fields: no length normalisation
            return idf * tf * (k1 + 1) / (tf + k1)
        return bm25.bm25(idf, tf, lengths[doc], self._avg[field], k1, b)


BACKEND = MemoryBackend()
__all__ = ["BACKEND", "MemoryBackend", "MemoryEngine", "MemoryReader", "MemoryWriter"]
