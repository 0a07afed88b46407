"""A Whoosh searcher behind the Reader protocol: plans run as Whoosh queries; columns for facets, folding."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import collectors, sorting
from whoosh.util.times import long_to_datetime

from ... import analysis, documents
from ...query.nodes import MatchAll, MatchNone, Node, is_disjunction_of_terms, leaf_terms, match_core
from ..base import Record, date_order
from .compile import compile_query
from .errors import map_engine_errors
from .schema import decode, unpack


class Columns:
    """Per-document values of one index generation, shared by the readers of every thread.

    Built once from Whoosh's columns (one read gives every document's values, where stored fields would
    cost a read and an unpickle per document)."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self._built: dict[str, Sequence[Any]] = {}
        self._lock = threading.Lock()

    def get(self, field: str, searcher: Any) -> Sequence[Any]:
        with self._lock:
            built = self._built.get(field)
            if built is None:
                built = self._built[field] = _read_column(field, searcher)
            return built


def _read_column(field: str, searcher: Any) -> Sequence[Any]:
    reader = searcher.reader()
    size = reader.doc_count_all()
    if not reader.has_column(field):
        return [None if field == "date" else ()] * size
    if field == "date":
        column = reader.column_reader("date", translate=False)
        missing = searcher.schema["date"].column_type.default_value()
        return [None if v == missing else long_to_datetime(v) for v in column]
    column = reader.column_reader(field)
    if field in documents.COLUMN_FIELDS:
        return [unpack(field, blob) for blob in column]
    if documents.BY_NAME[field].multi:
        return [tuple(x for x in v.split(",") if x) if v else () for v in column]
    return [(v,) if v else () for v in column]


class WhooshReader:
    """One thread's view of one committed generation (see backends.base.Reader)."""

    def __init__(self, path: Path, searcher: Any, stemmer: str, columns: Columns) -> None:
        self.path = path
        self.searcher = searcher
        self.stemmer = stemmer
        self.generation = searcher.reader().generation()
        self._columns = columns
        self._values: dict[str, list[str]] = {}

    # ------------------------------------------------------------------------------ statistics
    def doc_count(self) -> int:
        return self.searcher.doc_count()

    def all_docs(self) -> set[int]:
        reader = self.searcher.reader()
        return set(reader.all_doc_ids())

    def doc_frequency(self, field: str, term: str) -> int:
        with map_engine_errors(self.path):
            return self.searcher.doc_frequency(field, term)

    def analyze(self, text: str) -> list[str]:
        return analysis.terms(text, self.stemmer)

    def terms_with_prefix(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        reader = self.searcher.reader()
        with map_engine_errors(self.path):
            found = [(_text(t), reader.doc_frequency(field, t)) for t in reader.expand_prefix(field, prefix)]
        return sorted(found, key=lambda td: (-td[1], td[0]))[:limit]

    def similar_terms(
        self, field: str, term: str, maxdist: int, prefix: int, limit: int
    ) -> list[tuple[str, int]]:
        reader = self.searcher.reader()
        with map_engine_errors(self.path):
            found = [
                (_text(t), reader.doc_frequency(field, t))
                for t in reader.terms_within(field, term, maxdist, prefix=prefix)
                if _text(t) != term
            ]
        return sorted(found, key=lambda td: (-td[1], td[0]))[:limit]

    def field_values(self, field: str) -> Sequence[str]:
        values = self._values.get(field)
        if values is None:
            with map_engine_errors(self.path):
                values = self._values[field] = [_text(t) for t in self.searcher.lexicon(field)]
        return values

    # ------------------------------------------------------------------------------ documents
    def stored(self, doc: int) -> Record:
        with map_engine_errors(self.path):
            return decode(self.searcher.stored_fields(doc))

    def find(self, article_id: str) -> int | None:
        with map_engine_errors(self.path):
            return self.searcher.document_number(id=article_id)

    def column(self, field: str) -> Sequence[Any]:
        with map_engine_errors(self.path):
            return self._columns.get(field, self.searcher)

    def documents(self, fields: Sequence[str]) -> Iterator[Record]:
        with map_engine_errors(self.path):
            for stored in self.searcher.all_stored_fields():
                yield {f: stored.get(f) for f in fields}

    # ------------------------------------------------------------------------------ searching
    def matching(self, query: Node) -> set[int]:
        query = match_core(query)
        if isinstance(query, MatchAll):
            return self.all_docs()
        if isinstance(query, MatchNone):
            return set()
        with map_engine_errors(self.path):
            if not is_disjunction_of_terms(query):
                return set(compile_query(query).docs(self.searcher))
            # The common query, a disjunction of words: the union of posting lists, read straight off.
            docs: set[int] = set()
            for field, text in set(leaf_terms(query)):
                if self.searcher.doc_frequency(field, text):
                    docs.update(self.searcher.postings(field, text).all_ids())
            reader = self.searcher.reader()
            if reader.has_deletions():
                docs = {d for d in docs if not reader.is_deleted(d)}
            return docs

    def search(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> list[tuple[int, float]]:
        if isinstance(query, MatchNone) or within == set() or limit <= 0:
            return []
        with map_engine_errors(self.path):
            sortedby = None
            if sort != "relevance":
                sortedby = _date_sort(self.column("date"), sort == "-date")
            compiled = compile_query(query)
            if sortedby is not None:
                results = self.searcher.search(compiled, limit=limit, filter=within, sortedby=sortedby)
                return [(hit.docnum, 0.0) for hit in results]
            collector = _top(limit, shortcuts=is_disjunction_of_terms(query))
            if within is not None:
                collector = collectors.FilterCollector(collector, within)
            self.searcher.search_with_collector(compiled, collector)
            return [(hit.docnum, float(hit.score)) for hit in collector.results()]

    def search_all(
        self, query: Node, *, within: set[int] | None = None, limit: int = 10, sort: str = "relevance"
    ) -> tuple[list[tuple[int, float]], set[int]]:
        core = match_core(query)
        if isinstance(core, MatchNone) or within == set():
            return [], set()
        if isinstance(core, MatchAll) or is_disjunction_of_terms(core) or limit <= 0:
            # Ranking skips blocks that cannot reach the top (Whoosh's quality optimisation) and the set
            # comes straight off the posting lists: two cheap passes beat one full one.
            matched = self.matching(core)
            return self.search(query, within=within, limit=limit, sort=sort), (
                matched if within is None else matched & within
            )
        # Phrases, AND, NOT: ranking visits every match anyway, so one pass records them.
        with map_engine_errors(self.path):
            if sort != "relevance":
                collector: Any = _RecordingSorter(_date_sort(self.column("date"), sort == "-date"), limit)
            else:
                collector = _RecordingTop(limit)
            wrapped = collectors.FilterCollector(collector, within) if within is not None else collector
            self.searcher.search_with_collector(compile_query(query), wrapped)
            results = wrapped.results()
            hits = [(hit.docnum, 0.0 if sort != "relevance" else float(hit.score)) for hit in results]
            reader = self.searcher.reader()
            seen = collector.seen
            if reader.has_deletions():
                seen = {d for d in seen if not reader.is_deleted(d)}
            return hits, seen


def _top(limit: int, *, shortcuts: bool) -> collectors.TopCollector:
    """Whoosh's top-N collector. Its shortcuts drop matchers and skip blocks whose score bound
    (``max_quality``) cannot reach the N-th score; the bounds of AndMaybe/AndNot matchers (feedback words,
    exclusions) are not sound, and a small limit then lost the best article. Only plain word unions, the
    common query, keep them."""
    if shortcuts:
        return collectors.TopCollector(limit=limit)
    return collectors.TopCollector(limit=limit, usequality=False, replace=0)


class _RecordingTop(collectors.TopCollector):
    """Whoosh's top-N collector that also keeps every document it is shown (no quality skipping, so that
    is every match)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.seen: set[int] = set()

    def collect(self, sub_docnum: int) -> Any:
        self.seen.add(self.offset + sub_docnum)
        return super().collect(sub_docnum)


class _RecordingSorter(collectors.SortingCollector):
    def __init__(self, sortedby: Any, limit: int) -> None:
        super().__init__(sortedby, limit=limit)
        self.seen: set[int] = set()

    def collect(self, sub_docnum: int) -> Any:
        self.seen.add(self.offset + sub_docnum)
        return super().collect(sub_docnum)


def _date_sort(dates: Sequence[datetime | None], newest_first: bool) -> sorting.FunctionFacet:
    key = date_order(dates, newest_first)
    return sorting.FunctionFacet(lambda _searcher, docnum: key(docnum))


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
