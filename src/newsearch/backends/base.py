"""The engine seam: the whole contract between newsearch and a search engine, as typing Protocols.

Everything engine-neutral — the query language and plan (:mod:`newsearch.query`), ranking rules
(:mod:`newsearch.feedback`), facets, near-duplicate folding, snippets, did-you-mean, quotes, the incremental
sync (:mod:`newsearch.sync`) — is written against these four protocols. An adapter (``backends/whoosh``,
``backends/memory``, ``backends/tantivy``) implements them and registers itself in
:mod:`newsearch.backends` (one line); the contract suite (``tests/test_contract.py`` and the behaviour
tests) then runs on it. An adapter never decides what a query means: it runs the :mod:`newsearch.query.nodes`
it is given, and maps its own exceptions to newsearch's in one ``map_engine_errors()``.

**Records.** What is stored is :func:`newsearch.documents.record`'s dict; its fields and their kinds are
:data:`newsearch.documents.FIELDS`:

- ``text`` fields (headline, standfirst, body, subheads) are indexed as the terms of
  :func:`newsearch.analysis.analyze` with the index's stemmer — the adapter must produce exactly these
  terms and positions (stop words removed, leaving no position gap), whatever its own analyzers do;
  phrase queries rely on the positions. Term statistics (doc frequency, field lengths) feed scoring.
- ``value`` fields (speakers, parties, party_keys, source, author) hold exact strings, several for the
  ``multi`` ones (parties: the record has ``[name, kind]`` pairs; the indexed values are the names). They
  are filtered on with TermSet and read per document with :meth:`Reader.column` for facets.
- ``key`` fields (id, path, url): exact single strings; ``id`` is unique and is what deletes address.
- ``date``: a naive datetime, the article's own clock (so its calendar day is the article's), or None;
  ranges, sorting and :meth:`Reader.column`. Its UTC offset is the stored ``date_offset``.
- ``stored`` and everything else: kept and handed back by :meth:`Reader.stored`.
- ``column`` fields (dup_keys, dup_sig: tuples of ints < 2**64): per-document values for folding,
  read with :meth:`Reader.column`; neither indexed nor stored.

**Document numbers** are ints that identify a live document within one Reader (one committed generation);
they need not be stable across generations. ``column()`` sequences are indexable by them.

**Scoring.** ``Reader.search`` scores with BM25 per (field, term), summed over the clauses a document
matches (see :mod:`newsearch.query.nodes` for Boolean semantics), each Term/Phrase times its boost. How
:class:`newsearch.models.Ranking` maps to the engine's scoring (k1, b, idf flavour, …) lives in ONE module
per adapter (e.g. ``backends/whoosh/scoring.py``). Unscored nodes (TermSet, DateRange, MatchAll) add 0.

**Threads and processes.** An Engine may be shared by threads; :meth:`Engine.reader` returns the calling
thread's Reader for the latest commit (a cheap check; a new Reader only after a commit). A Reader stays
valid until its thread asks the Engine for a reader again, so take one per operation. One Writer per
index at a time, across processes (a lock; waiting up to ``timeout`` then ``IndexLocked``). Readers in
other threads and processes see either the state before a commit or after it, never a mix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from ..models import Ranking
from ..query.nodes import Node

Record = dict[str, Any]
SORTS = ("relevance", "date", "-date")


class Reader(Protocol):
    """One committed state of an index, read by one thread at a time.

    Optional hooks an engine may add where it can do the work without handing every match to Python
    (``search.py`` uses them when present, the generic route otherwise): ``value_counts``/``day_counts``
    (facets; with names merged across the index also ``count(query, *, filter)``, the exact matches of
    ``query`` narrowed by an unscored ``filter``), and ``fold_search(query, *, limit, neighbours)`` -> (the
    best ``limit`` by relevance, the exact total, a pool of matches holding every match that shares a band
    key with another match; ``neighbours(doc)`` lists the documents sharing one with ``doc``), or None to
    decline; ``shared_keys()`` -> the ``dup_keys`` column with () for the documents sharing no band key with
    another live document (or None to decline).
    """

    generation: int  # the commit this reader sees (what the sync's manifest records)
    stemmer: str  # the analysis.STEMMERS name the index was made with

    def doc_count(self) -> int:
        """Live (not deleted) documents."""
        ...

    def all_docs(self) -> set[int]:
        """The document numbers of every live document."""
        ...

    def doc_frequency(self, field: str, term: str) -> int:
        """How many live documents hold ``term`` in ``field`` (deleted ones may still count until a merge,
        as in Lucene; used for idf, feedback and the planner's choices, never for totals)."""
        ...

    def analyze(self, text: str) -> list[str]:
        """The index terms of ``text`` (``analysis.terms(text, self.stemmer)``)."""
        ...

    def terms_with_prefix(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Up to ``limit`` (term, doc frequency) pairs of ``field`` whose term starts with ``prefix``, most
        frequent first (ties alphabetical). May read at most ``limit``·k terms of the lexicon, but must
        return the most frequent ones when there are more."""
        ...

    def similar_terms(
        self, field: str, term: str, maxdist: int, prefix: int, limit: int
    ) -> list[tuple[str, int]]:
        """(term, doc frequency) pairs of ``field`` within Levenshtein distance ``maxdist`` of ``term``
        (``term`` itself excluded) sharing its first ``prefix`` characters; most frequent first, at most
        ``limit``. Used for fuzzy words and did-you-mean."""
        ...

    def field_values(self, field: str) -> Sequence[str]:
        """Every distinct value of a value or key field, sorted (what filters match against)."""
        ...

    def search(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> list[tuple[int, float]]:
        """The best ``limit`` (document number, score) pairs of ``query`` among ``within`` (None: all).

        ``sort="relevance"``: score descending, ties by document number ascending. ``"date"``/``"-date"``:
        oldest/newest first by the date column, undated last either way, ties by document number; scores
        are then 0.0. ``within`` is an unscored filter: it never changes scores."""
        ...

    def matching(self, query: Node) -> set[int]:
        """Exactly the live documents ``query`` matches (for totals and facets; no scoring)."""
        ...

    def search_all(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> tuple[list[tuple[int, float]], set[int]]:
        """``search(...)`` and ``matching(query) & within`` at once: what one search needs (the page, the
        exact total, facets, folding). An engine that visits every match to rank them gets the set in the
        same pass; the simplest correct implementation calls the two methods."""
        ...

    def stored(self, doc: int) -> Record:
        """The stored record of a live document (derived fields may be missing)."""
        ...

    def find(self, article_id: str) -> int | None:
        """The document number of the live article with this id."""
        ...

    def column(self, field: str) -> Sequence[Any]:
        """Per-document values, indexable by document number: a value field's tuple of strings (empty
        when none), ``date``'s datetime or None, a column field's tuple of ints. Built once per Reader."""
        ...

    def documents(self, fields: Sequence[str]) -> Iterator[Record]:
        """The given stored fields of every live document (the sync's manifest rebuild)."""
        ...


class Writer(Protocol):
    """Changes to an index, invisible to readers until :meth:`commit`; at most one per index at a time."""

    closed: bool  # True after commit or cancel
    # What a killed writer had left in the index folder, removed by this one once it held the lock and
    # before it wrote anything (names; the sync reports them). Empty for an engine that leaves nothing.
    recovered: list[str]

    def add(self, record: Record) -> None:
        """Add a document (the caller deletes an older one with the same id first)."""
        ...

    def delete(self, article_id: str) -> None:
        """Delete the committed document with this id (nothing when there is none)."""
        ...

    def commit(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Make every add and delete visible at once, atomically; the writer is then closed.

        ``progress(written, total)``: how far a long commit is, where an engine can say (tantivy writes the
        stories it held back until the commit); an engine that cannot say does not call it."""
        ...

    def cancel(self) -> None:
        """Drop every change and release the lock; the writer is then closed."""
        ...


class Engine(Protocol):
    """An open index folder."""

    path: Path

    def reader(self, ranking: Ranking) -> Reader:
        """The calling thread's Reader of the latest commit, scoring with ``ranking``."""
        ...

    def snapshot(self, ranking: Ranking) -> AbstractContextManager[Reader]:
        """A Reader of the latest commit for one long operation (streaming every hit of a search), held
        until the context ends: it is no thread's own Reader (so it may move between threads, used by one
        at a time), and it keeps reading that commit whatever is committed meanwhile. An engine whose
        Readers are immutable and thread-safe may hand out its usual one."""
        ...

    def writer(self, *, timeout: float = 10.0, workers: int = 1) -> Writer:
        """The one Writer (``IndexLocked`` after ``timeout`` seconds), which first removes what a killed
        writer left behind (``Writer.recovered``). ``workers`` > 1 lets an engine write with several
        processes (a hint; the records arrive through ``add`` either way)."""
        ...

    def generation(self) -> int:
        """The latest commit's generation (increases with every commit)."""
        ...

    def close(self) -> None: ...


class Backend(Protocol):
    """An engine kind: how to make, open and lock its index folders."""

    name: str

    def create(self, folder: Path, *, stemmer: str) -> None:
        """Make an empty index in ``folder`` (which exists; called under :meth:`creation_lock`)."""
        ...

    def open(self, folder: Path, *, stemmer: str) -> Engine:
        """Open the index in ``folder``; NewsearchError when its files are missing or unreadable."""
        ...

    def creation_lock(self, folder: Path, timeout: float = 30.0) -> AbstractContextManager[None]:
        """A lock serialising index creation in ``folder`` across processes."""
        ...

    def is_creation_leftover(self, name: str) -> bool:
        """Whether a file name is one this engine leaves while creating an index (not someone's data)."""
        ...

    def remove(self, folder: Path, *, keep_lock: bool = True) -> None:
        """Delete this engine's files in ``folder`` (its lock file too unless ``keep_lock``); newsearch's
        own files (marker, manifest, alias table) are not the engine's to touch."""
        ...


def date_order(dates: Sequence[datetime | None], newest_first: bool):
    """A sort key over document numbers: by date (oldest or newest first), undated last, then doc number."""

    def key(doc: int) -> tuple[int, float, int]:
        value = dates[doc]
        if value is None:
            return (1, 0.0, doc)
        stamp = value.toordinal() * 86400.0 + value.hour * 3600 + value.minute * 60 + value.second
        return (0, -stamp if newest_first else stamp, doc)

    return key
