"""Searching, engine-free: a SearchRequest becomes a plan (:mod:`newsearch.query`), the plan runs through a
backend Reader, and what comes back becomes newsearch's models.

The steps of a search, each reading the plan rather than the query text: filters -> the matching set
(exact total, facets) -> pseudo-relevance feedback (:mod:`newsearch.feedback`) -> the ranked page with
near-duplicates folded (:mod:`newsearch.dedupe`) -> snippets (:mod:`newsearch.snippets`) -> did you mean
(:mod:`newsearch.suggest`).
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
import json
import math
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from . import bm25, dedupe, documents, feedback, quotes, snippets, suggest
from . import facets as facetlib
from .backends.base import SORTS, Engine, Reader
from .extract import AliasSuggestions, AliasTable, Merges, MergeSuggestion, index_values
from .manifest import MERGES, write_text_atomic
from .models import (
    Article,
    FacetValue,
    Filters,
    Hit,
    Notice,
    QuoteResult,
    Ranking,
    SearchRequest,
    SearchResult,
    Span,
)
from .query.nodes import Boolean, MatchAll, Node, Occur, Term, TermSet
from .query.plan import SearchPlan, ValueMatcher, default_value_matcher, expand
from .query.plan import plan as make_plan

if TYPE_CHECKING:
    from .sync import RunNames

MERGES_FILE = MERGES  # the merges of the latest commit, written by the writer
MERGES_VERSION = 1  # bump when what decides a merge changes: saved merges of another version are recomputed
SIMILAR_TERMS = 25  # distinctive words of an article that find similar ones


class Searcher:
    """Runs requests against one engine; safe to share between threads (each uses its own Reader)."""

    def __init__(
        self,
        engine: Engine,
        *,
        ranking: Ranking | None = None,
        value_matcher: ValueMatcher = default_value_matcher,
        aliases: AliasTable | None = None,
        merge: bool = True,
    ) -> None:
        ranking = ranking or Ranking()
        if ranking.grouping not in ("and", "or"):
            raise ValueError("grouping must be 'and' or 'or'")
        bm25.check(ranking)
        self.ranking = ranking
        self.engine = engine
        self._match_values = value_matcher
        self._lock = threading.Lock()
        self._dups: tuple[int, dedupe.Duplicates] | None = None
        self._aliases = aliases
        self._merge = merge
        self._merged: tuple[int, MergedNames] | None = None

    def reader(self) -> Reader:
        return self.engine.reader(self.ranking)

    # ------------------------------------------------------------------------------ planning
    def plan(
        self, request: SearchRequest, reader: Reader | None = None, *, ranking: Ranking | None = None
    ) -> SearchPlan:
        """The plan of a request (what ``newsearch query --explain`` prints)."""
        reader = reader or self.reader()
        return make_plan(
            request.text,
            vocab=reader,
            ranking=ranking or self.ranking,
            filters=request.filters,
            match_values=self._merged_matcher(reader),
        )

    def explain(self, request: SearchRequest) -> SearchPlan:
        """The plan of a request as it would run, feedback words included."""
        reader = self.reader()
        plan = self.plan(request, reader)
        if plan.expandable and request.sort == "relevance":
            plan = self._feedback(plan, reader)
        return plan

    # ------------------------------------------------------------------------------ searching
    def search(self, request: SearchRequest) -> SearchResult:
        _check(request)
        run = self._run(request, self.reader(), every=False)
        hits = tuple(
            self._hit(run.reader, doc, score, similar, run.plan, request.snippets)
            for doc, score, similar in run.page()
        )
        return replace(run.result, hits=hits, elapsed=time.perf_counter() - run.started)

    def stream(self, request: SearchRequest) -> tuple[SearchResult, Iterator[Hit]]:
        """Every hit of a request, in the order of :meth:`search`'s pages, from ONE committed state.

        Returns the result without hits (total, facets, notices …) and an iterator that builds the hits
        one at a time. The matching set is ranked in one pass on a snapshot reader
        (:meth:`~newsearch.backends.base.Engine.snapshot`) held until the iterator ends: a commit made
        meanwhile neither shifts nor repeats a hit. ``request.limit`` and ``page`` are not used.
        """
        _check(request)
        stack = ExitStack()
        try:
            run = self._run(request, stack.enter_context(self.engine.snapshot(self.ranking)), every=True)
        except BaseException:
            stack.close()
            raise
        head = replace(run.result, elapsed=time.perf_counter() - run.started)
        return head, self._stream_hits(run, request.snippets, stack)

    def _stream_hits(self, run: _Run, snippets_on: bool, stack: ExitStack) -> Iterator[Hit]:
        with stack:
            for doc, score, similar in _folded(run.ranked, run.groups):
                yield self._hit(run.reader, doc, score, similar, run.plan, snippets_on)

    def _run(self, request: SearchRequest, reader: Reader, *, every: bool) -> _Run:
        """The search up to the ranked entries: plan, matching set, folding, facets, notices. ``every``
        ranks every match (a stream); otherwise enough for the requested page."""
        specs = [facetlib.parse_spec(f) for f in request.facets]
        started = time.perf_counter()
        plan = self.plan(request, reader)
        allowed = _narrowing(plan, reader)
        if plan.matches_nothing or allowed == set():
            result = SearchResult(
                query=request.text,
                total=0,
                page=request.page,
                limit=request.limit,
                hits=(),
                elapsed=0.0,
                facets={spec.name: () for spec in specs},
                suggestion=suggest.suggestion(plan, reader),
                notices=plan.notices + _date_notices(plan, reader, set(), {}, request.sort),
            )
            return _Run(request, reader, plan, started, result, [], {})
        if plan.expandable and request.sort == "relevance":
            plan = self._feedback(plan, reader)
        want = request.page * request.limit
        # A page: room for folded copies on it (more is fetched below in the rare case it is not enough).
        fetch = reader.doc_count() if every else want + (max(10, want) if request.collapse and want else 0)
        dups = self._duplicates(reader) if request.collapse else None
        names = self._names_for(reader, specs) if specs else None
        # Facets counted from per-document columns need every match listed anyway: one listing then serves
        # ranking, total and folding too.
        listed = bool(specs) and not _engine_counts(reader, names)
        folding = None
        if dups is not None and allowed is None and request.sort == "relevance" and not every and not listed:
            # An engine that can find the matches that may fold without listing every match (tantivy).
            hook = getattr(reader, "fold_search", None)
            folding = hook(plan.query, limit=fetch, neighbours=dups.neighbours) if hook else None
        matched: set[int] | None
        if folding is not None:
            ranked, total, pool = folding
            matched = None
        else:
            ranked, matched = reader.search_all(plan.query, within=allowed, limit=fetch, sort=request.sort)
            total, pool = len(matched), matched
        groups = dups.groups(pool) if dups is not None else {}
        folded = len(groups) - len(set(groups.values()))
        short = not every and want and len(ranked) == fetch < want + folded
        if short and len(list(itertools.islice(_folded(ranked, groups), want))) < want:
            # Folding skipped more ranked entries than there was room for: at most ``folded`` are skipped.
            ranked = reader.search(plan.query, within=allowed, limit=want + folded, sort=request.sort)
        counted = (
            facet_counts(
                reader,
                matched if matched is not None else set(),
                specs,
                request.facet_top,
                names,
                query=_conjunction(plan),
            )
            if specs
            else {}
        )
        result = SearchResult(
            query=request.text,
            total=total - folded,
            page=request.page,
            limit=request.limit,
            hits=(),
            elapsed=0.0,
            facets=counted,
            suggestion=suggest.suggestion(plan, reader),
            collapsed=folded,
            notices=plan.notices
            + _folding_notice(folded)
            + _date_notices(plan, reader, matched if matched is not None else total, groups, request.sort),
        )
        return _Run(request, reader, plan, started, result, ranked, groups)

    def _feedback(self, plan: SearchPlan, reader: Reader) -> SearchPlan:
        """RM3 pseudo-relevance feedback for free-word queries: words from the top articles re-rank the rest.

        The feedback words only add score: which articles match, the total and the facet counts stay those
        of the typed words. The feedback articles come from the unfiltered query, so a filter narrows results
        without changing scores; a query matching no more than twice the feedback articles is left alone
        (there is nothing else to re-rank).
        """
        r = self.ranking
        top = reader.search(plan.query, limit=r.expansion_docs)
        if len(reader.matching(plan.query)) <= 2 * r.expansion_docs:
            return plan
        docs = []
        for doc, score in top:
            rec = reader.stored(doc)
            docs.append((score, "\n".join(rec.get(f) or "" for f in ("headline", "standfirst", "body"))))
        chosen = feedback.expansion_terms(
            docs,
            limit=r.expansion_terms,
            stemmer=reader.stemmer,
            doc_frequency=lambda w: reader.doc_frequency("body", w),
            doc_count=reader.doc_count(),
        )
        return expand(plan, chosen, r)

    def merged(self, reader: Reader) -> MergedNames:
        """The index-wide merges of speaker and party names: computed once per committed generation (and
        kept in the index folder by the writer, :meth:`save_merges`, so a new process reads them)."""
        with self._lock:
            if self._merged is None or self._merged[0] != reader.generation:
                if not self._merge:
                    built = MergedNames(Merges())
                else:
                    built = self._load_merges(reader.generation) or MergedNames.of(reader, self._aliases)
                self._merged = (reader.generation, built)
            return self._merged[1]

    def _names_for(self, reader: Reader, specs: Sequence[facetlib.FacetSpec]) -> MergedNames | None:
        """The merges, when one of the facets counts speakers or parties (the others never need them)."""
        return self.merged(reader) if any(s.field in ("speakers", "parties") for s in specs) else None

    def _merged_matcher(self, reader: Reader) -> ValueMatcher:
        """The value matcher, widened through the merges when a speaker or party filter asks for it."""

        def match(field: str, text: str, values: Sequence[str]) -> list[str]:
            if field not in ("speakers", "parties"):
                return self._match_values(field, text, values)
            return self.merged(reader).matcher(self._match_values)(field, text, values)

        return match

    def _merges_key(self) -> str:
        table = self._aliases
        text = json.dumps([table.aliases, table.kinds] if table is not None else None, ensure_ascii=False)
        return hashlib.sha256(f"{MERGES_VERSION}:{text}".encode()).hexdigest()[:16]

    def save_merges(self, names: RunNames | None = None) -> None:
        """Work out the merges of the latest commit and keep them in the index folder (the writer calls
        this after committing: readers in other processes then load them instead of computing them).

        ``names``: what the run that made this commit wrote; when they describe this commit in full
        (``names.generation``), the merges are worked out from them instead of every stored document."""
        if not self._merge:
            return
        reader = self.reader()
        if names is not None and names.generation == reader.generation:
            rows, merges = names.result or merges_of_values(names.values, self._aliases)
            with self._lock:
                self._merged = (reader.generation, MergedNames(merges, rows))
        data = self.merged(reader).to_json(reader.generation, self._merges_key())
        write_text_atomic(self.engine.path / MERGES_FILE, json.dumps(data, ensure_ascii=False))

    def _load_merges(self, generation: int) -> MergedNames | None:
        try:
            data = json.loads((self.engine.path / MERGES_FILE).read_text(encoding="utf-8"))
            return MergedNames.from_json(data, generation, self._merges_key())
        except (OSError, ValueError, TypeError, KeyError):
            return None  # absent, unreadable or of another commit: computed instead

    def alias_suggestions(self, min_count: int = 1) -> AliasSuggestions:
        """The index-wide merges (what facets and filters apply) and the ambiguous short forms."""
        reader = self.reader()
        rows = self.merged(reader).rows if self._merge else name_rows(reader)
        return AliasSuggestions.of(rows, self._aliases, min_count)

    def _duplicates(self, reader: Reader) -> dedupe.Duplicates:
        with self._lock:
            if self._dups is None or self._dups[0] != reader.generation:
                # An engine may give only the keys of documents that share one (tantivy: the marked ones).
                hook = getattr(reader, "shared_keys", None)
                keys = hook() if hook is not None else None
                dups = dedupe.Duplicates(
                    reader.column("dup_keys") if keys is None else keys, reader.column("dup_sig")
                )
                self._dups = (reader.generation, dups)
            return self._dups[1]

    def _hit(
        self,
        reader: Reader,
        doc: int,
        score: float,
        similar: tuple[int, ...],
        plan: SearchPlan,
        snippet: bool,
    ) -> Hit:
        """A Hit with a snippet around the words the user typed (not feedback words added by expansion)."""
        rec = reader.stored(doc)
        text, spans = "", tuple[Span, ...]()
        if snippet:
            text, spans = snippets.snippet(rec, dict(plan.highlight), reader.stemmer)
        return Hit(
            id=rec["id"],
            score=round(score, 4),
            headline=rec.get("headline") or "",
            date=documents.date(rec),
            source=rec.get("source"),
            path=rec.get("path") or "",
            speakers=tuple(rec.get("speakers") or ()),
            parties=documents.parties(rec),
            snippet=text,
            highlights=spans,
            url=rec.get("url"),
            similar=tuple(reader.stored(d)["id"] for d in similar),
        )

    # ------------------------------------------------------------------------------ more like this
    def similar(self, article_id: str, limit: int) -> SearchResult | None:
        """Articles most like one article by its most distinctive body words (Bo1 term weights, as Whoosh's
        more_like); None when there is no such article."""
        started = time.perf_counter()
        reader = self.reader()
        doc = reader.find(article_id)
        if doc is None:
            return None
        rec = reader.stored(doc)
        weights = key_terms(reader, rec.get("body") or rec.get("headline") or "", SIMILAR_TERMS)
        if not weights:
            return SearchResult(f"similar:{article_id}", 0, 1, limit, (), time.perf_counter() - started)
        top = max(w for _, w in weights)
        query = Boolean(
            (
                *((Occur.SHOULD, Term("body", t, w / top)) for t, w in weights),
                (Occur.MUST_NOT, TermSet("id", (article_id,))),
            )
        )
        ranked = reader.search(query, limit=limit)
        empty = SearchPlan(text="", query=MatchAll())
        hits = tuple(self._hit(reader, d, s, (), empty, True) for d, s in ranked)
        return SearchResult(f"similar:{article_id}", len(hits), 1, limit, hits, time.perf_counter() - started)

    # ------------------------------------------------------------------------------ quotes
    def quotes(
        self,
        text: str | None,
        speaker: str | None,
        limit: int | None,
        speaker_top: int = facetlib.DEFAULT_TOP,
        direct_only: bool = False,
    ) -> QuoteResult:
        """Quotes matching the words (and speaker), exactly: the stored quotes of EVERY candidate article
        (one holding the words, or quoting the speaker) are read, in rank order, so ``total`` and the
        speaker counts cover every matching quote; the hits are the first ``limit`` of them. With
        ``direct_only``, reported speech is left out (of the hits, the total and the counts)."""
        started = time.perf_counter()
        words = text.strip() if text and text.strip() else ""
        request = SearchRequest(
            text=words or "*",
            filters=Filters(speakers=(speaker,)) if speaker else Filters(),
            collapse=False,
            snippets=False,
        )
        reader = self.reader()
        # A quote is short: its words are all required unless OR says otherwise.
        plan = self.plan(request, reader, ranking=replace(self.ranking, grouping="and", expansion=False))
        allowed = _narrowing(plan, reader)
        if plan.matches_nothing or allowed == set():
            elapsed = time.perf_counter() - started
            return QuoteResult(text or "", speaker, 0, (), elapsed, notices=plan.notices)
        ranked = reader.search(plan.query, within=allowed, limit=reader.doc_count())  # every candidate
        speakers = set(plan.values.get("speakers", ())) if speaker else None
        found = quotes.quote_hits(
            ((reader.stored(d), s) for d, s in ranked),
            plan if words else None,
            speakers,
            reader.stemmer,
            direct_only=direct_only,
        )
        merged = self.merged(reader).merges.mapping  # speakers merged across the index count as one
        said = Counter(merged.get(q.speaker, q.speaker) for q in found if q.speaker)
        quoted = facetlib.top_values(said, speaker_top)
        return QuoteResult(
            text or "",
            speaker,
            len(found),
            tuple(found[:limit]),
            time.perf_counter() - started,
            speakers=quoted,
            notices=plan.notices,
        )

    # ------------------------------------------------------------------------------ the whole index
    def facet_over_index(self, facet: str, top: int) -> tuple[FacetValue, ...]:
        spec = facetlib.parse_spec(facet)
        reader = self.reader()
        merged = self._names_for(reader, [spec])
        return facet_counts(reader, reader.all_docs(), [spec], top, merged, query=MatchAll())[spec.name]

    def field_values(self, field: str) -> list[str]:
        return list(self.reader().field_values(field))

    def get(self, article_id: str) -> Article | None:
        reader = self.reader()
        doc = reader.find(article_id)
        return None if doc is None else documents.article(reader.stored(doc))

    def count(self) -> int:
        return self.reader().doc_count()

    def stats(self) -> StatsFigures:
        reader = self.reader()
        sources = sorted(
            ((v, reader.doc_frequency("source", v)) for v in reader.field_values("source")),
            key=lambda vc: (-vc[1], vc[0]),
        )
        dates = reader.column("date")
        present = [(dates[d], d) for d in reader.all_docs() if dates[d] is not None]
        if not present:
            return StatsFigures(reader.doc_count(), sources, None, None)
        # The first and last by each article's own clock (as date facets count them), with their offsets.
        first, last = (documents.date(reader.stored(end[1])) for end in (min(present), max(present)))
        return StatsFigures(reader.doc_count(), sources, first, last)


@dataclass(frozen=True, slots=True)
class StatsFigures:
    articles: int
    sources: list[tuple[str, int]]
    first_date: datetime | None
    last_date: datetime | None


def _check(request: SearchRequest) -> None:
    if not isinstance(request.text, str):
        raise TypeError("query text must be a string")
    if request.limit < 0 or request.page < 1:
        raise ValueError("limit must be at least 0 and page at least 1")
    if request.sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")


def _folded(
    ranked: list[tuple[int, float]], groups: dict[int, int]
) -> Iterator[tuple[int, float, tuple[int, ...]]]:
    """(doc, score, docs folded into it) in rank order: each near-duplicate group shows its best-ranked
    member, the others are listed with it."""
    if not groups:
        for doc, score in ranked:
            yield doc, score, ()
        return
    members: dict[int, list[int]] = {}
    for doc, root in groups.items():
        members.setdefault(root, []).append(doc)
    rank = {doc: i for i, (doc, _) in enumerate(ranked)}
    seen: set[int] = set()
    for doc, score in ranked:
        if doc not in groups:
            yield doc, score, ()
            continue
        root = groups[doc]
        if root in seen:
            continue
        seen.add(root)
        others = sorted((d for d in members[root] if d != doc), key=lambda d: (rank.get(d, math.inf), d))
        yield doc, score, tuple(others)


@dataclass(frozen=True, slots=True)
class _Run:
    """A search ranked but not yet turned into hits (see :meth:`Searcher._run`)."""

    request: SearchRequest
    reader: Reader
    plan: SearchPlan
    started: float
    result: SearchResult  # everything but the hits
    ranked: list[tuple[int, float]]
    groups: dict[int, int]

    def page(self) -> list[tuple[int, float, tuple[int, ...]]]:
        want = self.request.page * self.request.limit
        return list(itertools.islice(_folded(self.ranked, self.groups), want - self.request.limit, want))


def _narrowing(plan: SearchPlan, reader: Reader) -> set[int] | None:
    """The documents every filter lets through (None: no filters), computed once: ranking, totals and
    facets all use it."""
    allowed: set[int] | None = None
    for node in plan.filters:
        docs = reader.matching(node)
        allowed = docs if allowed is None else allowed & docs
        if not allowed:
            return set()
    return allowed


def _date_notices(
    plan: SearchPlan, reader: Reader, matched: set[int] | int, groups: dict[int, int], sort: str
) -> tuple[Notice, ...]:
    """Why dates did not do what was asked: a date clause on an index where no article has a date, or
    matching articles without a date under a date sort (counted over every match, as the total is).
    ``matched``: the matching documents, or only their number under relevance order."""
    if not matched:
        if plan.dated and not _any_dated(reader):
            return (Notice("no-dates", "no article in this index has a date, so no date filter can match"),)
        return ()
    if sort == "relevance" or isinstance(matched, int):
        return ()
    dates = reader.column("date")
    results: set[int] = set()
    dated: set[int] = set()
    for doc in matched:
        key = groups.get(doc, doc)  # a folded group is one result, dated if any copy is
        results.add(key)
        if dates[doc] is not None:
            dated.add(key)
    undated, total = len(results) - len(dated), len(results)
    if not undated:
        return ()
    if total == 1:
        return (Notice("undated", "the matching article has no date"),)
    if undated == total:
        return (
            Notice(
                "undated", f"none of the {total:,} matching articles has a date: sorting cannot order them"
            ),
        )
    verb = "has" if undated == 1 else "have"
    message = f"{undated:,} of the {total:,} matching articles {verb} no date: sorted by date, they come last"
    return (Notice("undated", message),)


def _any_dated(reader: Reader) -> bool:
    dates = reader.column("date")
    return any(dates[d] is not None for d in reader.all_docs())


def _folding_notice(folded: int) -> tuple[Notice, ...]:
    if not folded:
        return ()
    return (
        Notice(
            "folded", f"{folded} near-duplicate article(s) folded into the hits they copy (--all shows them)"
        ),
    )


class MergedNames:
    """Speaker and party names merged across one committed state of an index (engine-neutral).

    A short form that names exactly one full name of the same kind in the index ("Trump" and only
    "Donald Trump") counts as that name in facets and matches with it in filters (see
    :mod:`newsearch.extract.merges`); ambiguous short forms stay as they are.
    """

    FIELDS = ("speakers", "parties", "party_keys")

    def __init__(self, merges: Merges, rows: Sequence[tuple[str, str, int]] = ()) -> None:
        self.merges = merges
        self.rows = rows  # (name, kind, articles) of every speaker and party name in the index
        self._columns: dict[str, Sequence[Sequence[str]]] = {}
        self._changes: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, reader: Reader, aliases: AliasTable | None = None) -> MergedNames:
        return cls(Merges.of(rows := name_rows(reader), aliases), rows)

    def to_json(self, generation: int, key: str) -> dict:
        return {
            "generation": generation,
            "key": key,
            "rows": [list(r) for r in self.rows],
            "merges": [
                [s.short, s.kind, s.short_count, s.target, s.target_count, s.reason]
                for s in self.merges.suggestions
            ],
        }

    @classmethod
    def from_json(cls, data: dict, generation: int, key: str) -> MergedNames | None:
        """Saved merges, if they are of this commit and these aliases (None otherwise)."""
        if data.get("generation") != generation or data.get("key") != key:
            return None
        rows = [(str(n), str(k), int(c)) for n, k, c in data["rows"]]
        suggestions = [
            MergeSuggestion(str(a), str(k), int(ac), str(t), int(tc), str(r))
            for a, k, ac, t, tc, r in data["merges"]
        ]
        return cls(Merges.from_suggestions(suggestions), rows)

    def column(self, reader: Reader, field: str) -> Sequence[Sequence[str]]:
        """A value column of ``reader`` (of the generation these merges were made from) with the merges
        applied to speakers, parties and party keys; built once."""
        if not self.merges or field not in self.FIELDS:
            return reader.column(field)
        with self._lock:
            if field not in self._columns:
                self._columns[field] = self._apply(reader.column(field), field)
            return self._columns[field]

    def _apply(self, stored: Sequence[Sequence[str]], field: str) -> list[Sequence[str]]:
        mapping = self.merges.mapping
        if field == "party_keys":
            change = self.merges.keys
            return [change(v) if any(k.partition(":")[2] in mapping for k in v) else v for v in stored]
        return [self.merges.values(v) if any(n in mapping for n in v) else v for v in stored]

    def changes(self, field: str) -> dict[str, str]:
        """The stored values of ``field`` (speakers, parties or party keys) that merge, each → the value it
        counts as (what :meth:`column` holds in its place); every other value counts as itself."""
        if field != "party_keys":
            return self.merges.mapping
        with self._lock:
            if "party_keys" not in self._changes:
                kinds = self.merges.kinds
                self._changes["party_keys"] = {
                    f"{kinds[short]}:{short}": f"{kinds[short]}:{target}"
                    for short, target in self.merges.mapping.items()
                }
            return self._changes["party_keys"]

    def matcher(self, match: ValueMatcher) -> ValueMatcher:
        """``match`` widened so a speaker or party filter also finds the values merging with what it
        matched ("Donald Trump" finds articles that only say "Trump" when that merges into it)."""
        if not self.merges:
            return match

        def merged(field: str, text: str, values: Sequence[str]) -> list[str]:
            found = match(field, text, values)
            if field not in ("speakers", "parties") or not found:
                return found
            forms = self.merges.forms(found) - set(found)
            return found + sorted(forms.intersection(values)) if forms else found

        return merged


def merges_of_values(
    values: Mapping[str, tuple[Sequence[str], Sequence[str]]], aliases: AliasTable | None = None
) -> tuple[list[tuple[str, str, int]], Merges]:
    """The name rows and merges of an index whose articles hold these (party keys, speakers), by id (what
    ``sync.RunNames`` keeps of a run; picklable both ways: a worker process of the run works it out)."""
    rows = index_values((keys for keys, _ in values.values()), [said for _, said in values.values()])
    return rows, Merges.of(rows, aliases)


def name_rows(reader: Reader) -> list[tuple[str, str, int]]:
    """(name, kind, articles) of every speaker and party name of the index's live articles."""
    docs = sorted(reader.all_docs())
    keys, said = reader.column("party_keys"), reader.column("speakers")
    return index_values((keys[d] for d in docs), [said[d] for d in docs])


def facet_counts(
    reader: Reader,
    docs: set[int],
    specs: Sequence[facetlib.FacetSpec],
    top: int,
    merged: MergedNames | None = None,
    *,
    query: Node | None = None,
) -> dict[str, tuple[FacetValue, ...]]:
    """Counts over every matching article (``docs``), not just the page shown; with ``merged``, speaker
    and party names merged across the index count as one value.

    An engine that counts values itself (a reader with ``value_counts`` and ``day_counts``: tantivy's
    aggregations) is asked with ``query``, which matches exactly ``docs``, instead of reading per-document
    columns (which tantivy builds from stored data: seconds at 100k articles, once per process). With
    names merged, its counts of stored values are merged after (:func:`_merged_top`).
    """
    if query is not None and _engine_counts(reader, merged):
        return _engine_facet_counts(reader, query, specs, top, merged)

    def column(field: str) -> Sequence:
        return merged.column(reader, field) if merged is not None else reader.column(field)

    out: dict[str, tuple[FacetValue, ...]] = {}
    for spec in specs:
        if spec.field == "date":
            dates = reader.column("date")
            out[spec.name] = facetlib.date_histogram((dates[d] for d in docs if dates[d]), spec.granularity)
        elif spec.kind:
            counts = facetlib.count_values(docs, column("party_keys"))
            out[spec.name] = facetlib.top_values(_of_kind(counts, spec.kind), top)
        else:
            out[spec.name] = facetlib.top_values(facetlib.count_values(docs, column(spec.field)), top)
    return out


def _engine_counts(reader: Reader, merged: MergedNames | None = None) -> bool:
    """Whether facets come from the engine's own counts (with names merged across the index, the engine
    must also count a query's matches: see :func:`_merged_top`)."""
    return (
        hasattr(reader, "value_counts")
        and hasattr(reader, "day_counts")
        and (merged is None or not merged.merges or hasattr(reader, "count"))
    )


def _engine_facet_counts(
    reader: Any,
    query: Node,
    specs: Sequence[facetlib.FacetSpec],
    top: int,
    merged: MergedNames | None = None,
) -> dict[str, tuple[FacetValue, ...]]:
    fields = sorted({"party_keys" if spec.kind else spec.field for spec in specs if spec.field != "date"})
    counts = reader.value_counts(query, fields) if fields else {}
    days = reader.day_counts(query) if any(spec.field == "date" for spec in specs) else Counter()
    out: dict[str, tuple[FacetValue, ...]] = {}
    for spec in specs:
        if spec.field == "date":
            out[spec.name] = _day_histogram(days, spec.granularity)
        elif spec.kind:
            prefix = spec.kind + ":"
            keys = Counter({k: c for k, c in counts["party_keys"].items() if k.startswith(prefix)})
            ranked = _merged_top(reader, query, "party_keys", keys, merged, top)
            out[spec.name] = tuple(FacetValue(fv.value[len(prefix) :], fv.count) for fv in ranked)
        else:
            out[spec.name] = _merged_top(reader, query, spec.field, counts[spec.field], merged, top)
    return out


def _merged_top(
    reader: Any, query: Node, field: str, counts: Counter, merged: MergedNames | None, top: int
) -> tuple[FacetValue, ...]:
    """The ``top`` values of an engine's counts of ``query``'s matches per stored value of ``field``, with
    the names merged across the index applied: what the merged per-document columns count, exactly.

    A merged name with one stored form among the counts has that form's count. One with several ("Trump"
    and "Donald Trump") has at most their sum (an article may hold both), so the engine counts the matches
    holding any of the forms, ``query AND field IN forms`` — only for the names that can still reach the
    top: in order of that bound, until the bound falls below the ``top``-th count known.
    """
    if top <= 0:
        return ()
    if merged is None or not merged.merges or field not in MergedNames.FIELDS:
        return facetlib.top_values(counts, top)
    changes = merged.changes(field)
    moved = counts.keys() & changes.keys()  # the stored values counted that merge into another
    if not moved:
        return facetlib.top_values(counts, top)
    groups: dict[str, list[str]] = {}
    for value in moved:
        groups.setdefault(changes[value], []).append(value)
    known = Counter(counts)
    leaving = {value: known.pop(value) for value in moved}
    unsure = []
    for name, forms in groups.items():
        found = [leaving[f] for f in forms]
        if name in known:  # stored as itself too (and not merging into another)
            forms.append(name)
            found.append(known.pop(name))
        if len(forms) == 1:
            known[name] = found[0]
        else:
            unsure.append((-sum(found), name, tuple(sorted(forms))))
    if unsure:
        unsure.sort()
        best = heapq.nsmallest(top, ((-c, v) for v, c in known.items()))  # the top as (-count, value) keys
        for bound, name, stored in unsure:
            if len(best) >= top and (bound, name) > best[-1]:
                break  # neither this name nor any after it can reach the top
            exact = reader.count(query, filter=TermSet(field, stored))
            known[name] = exact
            bisect.insort(best, (-exact, name))
            del best[top:]
    return facetlib.top_values(known, top)


def _day_histogram(days: Counter, granularity: str | None) -> tuple[FacetValue, ...]:
    """facets.date_histogram from counts per day (what an engine's histogram gives), without one entry per
    article."""
    if not days:
        return ()
    if granularity is None:
        first, last = min(days), max(days)
        granularity = facetlib.auto_granularity(
            datetime(first.year, first.month, first.day), datetime(last.year, last.month, last.day)
        )
    labels = _PERIOD_LABELS.get(granularity)
    if labels is None:  # made once per granularity, not per query
        labels = _PERIOD_LABELS[granularity] = _PeriodLabels(granularity)
    counts: Counter = Counter()
    for label, n in zip(map(labels.__getitem__, days), days.values(), strict=True):
        counts[label] += n
    return tuple(FacetValue(v, counts[v]) for v in sorted(counts))


class _PeriodLabels(dict):
    """Day → the label of its period at one granularity, worked out once per process: thousands of days
    each query (1,400 for an 1,800-article query at 100k: 0.44 ms labelled per query, 0.2 looked up)."""

    def __init__(self, granularity: str) -> None:
        super().__init__()
        self.granularity = granularity
        facetlib.bucket(date(2000, 1, 1), granularity)  # an unknown granularity fails here, not per day

    def __missing__(self, day: date) -> str:
        label = self[day] = facetlib.bucket(day, self.granularity)
        return label


_PERIOD_LABELS: dict[str, _PeriodLabels] = {}


def _of_kind(counts: Counter, kind: str) -> Counter:
    prefix = kind + ":"
    return Counter({k[len(prefix) :]: c for k, c in counts.items() if k.startswith(prefix)})


def _conjunction(plan: SearchPlan) -> Node:
    """The plan's query and filters as one node: exactly the documents ``search_all`` & the filters give."""
    if not plan.filters:
        return plan.query
    return Boolean(((Occur.MUST, plan.query), *((Occur.MUST, f) for f in plan.filters)))


def key_terms(reader: Reader, text: str, limit: int) -> list[tuple[str, float]]:
    """The most distinctive terms of a text against the index (Bo1 divergence, document frequency standing
    in for collection frequency), best first."""
    counts = Counter(reader.analyze(text))
    n = max(reader.doc_count(), 1)
    scored = []
    for term, tf in counts.items():
        df = reader.doc_frequency("body", term)
        if df <= 1 or len(term) < 2 or term.isdigit():
            continue
        f = df / n
        scored.append((term, tf * math.log2((1 + f) / f) + math.log2(1 + f)))
    scored.sort(key=lambda tw: (-tw[1], tw[0]))
    return scored[:limit]
