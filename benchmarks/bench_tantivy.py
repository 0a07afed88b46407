"""newsearch on tantivy (issue 15, stage A) side by side with newsearch on Whoosh, plain Whoosh and plain
tantivy: indexing speed, peak memory, index size and query latency, in one run.

    python benchmarks/bench_tantivy.py                               # Reuters-21578 + 10k synthetic
    python benchmarks/bench_tantivy.py --sizes 10000,100000 --no-reuters --engines newsearch,ns-tantivy
    python benchmarks/bench_tantivy.py --report benchmarks/results/tantivy-reuters.json

Stage A: the engine seam (issue 13) has not landed, so ``Index`` cannot run on tantivy yet. The
``ns-tantivy`` rows run the parts newsearch would: the corpus readers, extraction and record building
(``indexer.prepared``) in a pool of ``--workers`` processes that also analyse the text
(``backends.tantivy.store.prepare``), and the tantivy writer (``backends.tantivy.store``) in the main
process; queries go through ``backends.tantivy.reader`` doing a newsearch search's work: the words over
the four text fields with the Ranking's boosts (phrases: required, in each phrase field), an exact total,
30 hits fetched and near-duplicates folded to 10, facets by aggregation, did-you-mean look-ups, and
snippets for the 10 hits from the stored text with the highlighter ``Index.search`` uses today
(``ns-tantivy-nosnip``: the same without snippets). Not included yet: the manifest (listing and hashing
files: a few percent of a build), RM3 expansion (queries of 3+ words only; none here).

Engines: ``whoosh``, ``newsearch``, ``newsearch-noextract``, ``tantivy`` (as in bench_index.py) and
``ns-tantivy``, ``ns-tantivy-noextract``. Queries: every built engine that has a query side, plus
``ns-tantivy-nosnip`` on the ns-tantivy index. Writes benchmarks/results/<name>.json.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
import time
from collections import Counter, deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_index
import bench_query
import common

ENGINES = ("whoosh", "newsearch", "newsearch-noextract", "tantivy", "ns-tantivy", "ns-tantivy-noextract")
BATCH = 64


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- building (child side)
_job: tuple | None = None


def _start_worker(extract: bool) -> None:
    global _job
    from newsearch.extract import default_aliases
    from newsearch.extract import extract as extract_article

    _job = (functools.partial(extract_article, aliases=default_aliases()) if extract else None,)


def _prepare_batch(batch: list) -> list:
    from newsearch.backends.tantivy.store import prepare
    from newsearch.indexer import prepared

    (extractor,) = _job  # type: ignore[misc]
    out = []
    for article, key in batch:
        record = prepared(article, key, extractor, "bench" if extractor else "off")
        out.append((record, prepare(record)))
    return out


def _articles(corpus: Path):
    from newsearch import corpus as nscorpus
    from newsearch.models import Article, Skipped

    for source in nscorpus.discover([corpus]):
        if isinstance(source, Skipped):
            continue
        for item in nscorpus.read_file(source, nscorpus.load(source)):
            if isinstance(item, Article):  # not a Skipped record or a reader's Note
                yield item, source.key


def build_ns_tantivy(corpus: Path, index: Path, *, extract: bool, workers: int) -> dict:
    """Read, extract, build records and analyse in ``workers`` processes; write with the tantivy writer."""
    import multiprocessing

    from newsearch.backends.tantivy.store import TantivyStore

    store = TantivyStore.create(index)
    n = 0
    with store.writer() as writer:
        if workers <= 1:
            _start_worker(extract)
            for batch in _batches(_articles(corpus)):
                for record, analysed in _prepare_batch(batch):
                    writer.add(record, analysed)
                    n += 1
        else:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers, initializer=_start_worker, initargs=(extract,)) as pool:
                flight: deque = deque()
                for batch in _batches(_articles(corpus)):
                    flight.append(pool.apply_async(_prepare_batch, (batch,)))
                    while len(flight) > 2 * workers:  # bounded: memory stays flat however big the corpus
                        for record, analysed in flight.popleft().get():
                            writer.add(record, analysed)
                            n += 1
                while flight:
                    for record, analysed in flight.popleft().get():
                        writer.add(record, analysed)
                        n += 1
    return {"docs": n, "workers": workers}


def _batches(items):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def build(engine: str, corpus: Path, index: Path, workers: int | None) -> dict:
    if engine.startswith("ns-tantivy"):
        return build_ns_tantivy(corpus, index, extract=engine == "ns-tantivy", workers=workers or 2)
    return bench_index.build(engine, corpus, index, workers)


def child(argv: list[str]) -> int:
    return bench_index.child(argv, prog="bench_tantivy.py", engines=ENGINES, builder=build)


def run_build(engine: str, corpus: Path, index: Path, workers: int) -> dict:
    if index.exists():
        shutil.rmtree(index)
    args = [__file__, "child", "--engine", engine, "--corpus", str(corpus), "--index", str(index),
            "--workers", str(workers)]  # fmt: skip
    run = common.run_child(args)
    r = run.result
    return {
        "docs": r["docs"],
        "seconds": round(r["seconds"], 3),
        "docs_per_s": round(r["docs"] / r["seconds"], 1),
        "cpu_s": round(run.cpu_s, 2),
        "rss_mib": round(run.max_rss_mib, 1),
        "tree_rss_mib": round(run.tree_rss_mib, 1),
        "index_mib": round(common.dir_bytes(index) / 2**20, 1),
        "load_1min": [round(x, 2) for x in run.load],
        "index_path": str(index),
        **({"workers": r["workers"]} if r.get("workers") else {}),
    }


# ------------------------------------------------------------------------------------- querying
class NsTantivyEngine(bench_query.Engine):
    """A newsearch search's work through the tantivy adapter (see the module docstring)."""

    name = "ns-tantivy"
    snippets = True

    def __init__(self, path: Path) -> None:
        from newsearch.backends.tantivy.engine import BACKEND
        from newsearch.models import Ranking

        ranking = Ranking()
        self.engine = BACKEND.open(path)
        self.ranking = ranking
        # Columns for near-duplicate folding, built once per index state (as in a long-lived Index).
        started = time.perf_counter()
        reader = self.engine.reader(ranking)
        self.dup_keys, self.dup_sig = reader.column("dup_keys"), reader.column("dup_sig")
        self.column_seconds = time.perf_counter() - started
        log(f"    {self.name}: dup_keys column built in {self.column_seconds:.2f}s")
        self.boosts = {"headline": ranking.headline_boost, "standfirst": ranking.standfirst_boost,
                       "body": 1.0, "subheads": 1.0}  # fmt: skip

    def _words(self, words: list[str]):
        from newsearch.backends.tantivy import compile as c

        groups = [c.should(*(c.Term(f, w, b) for f, b in self.boosts.items())) for w in words]
        return groups[0] if len(groups) == 1 else c.should(*groups)

    def _phrase(self, words: list[str]):
        from newsearch.backends.tantivy import compile as c

        return c.should(*(c.Phrase(f, tuple(words), 0, b) for f, b in self.boosts.items()))

    def run(self, kind, q, qs):
        from datetime import datetime

        from newsearch import analysis, facets
        from newsearch.backends.tantivy import compile as c

        terms = [t for t in (analysis.normalize(w) for w in q) if t]
        query = self._phrase(terms) if kind in ("phrase", "phrase_filter") else self._words(terms)
        flt = None
        if kind == "phrase_filter":
            flt = c.DateRange("date", datetime.fromisoformat(qs.date_from),
                              datetime.fromisoformat(qs.date_to + "T23:59:59"))  # fmt: skip
        reader = self.engine.reader(self.ranking)
        total, ranked = reader.page(query, filter=flt, limit=30)
        shown = fold(ranked, self.dup_keys, self.dup_sig)[:10]
        hits = [reader.stored(doc) for doc in shown]
        # The total counts each group of near-duplicates once: only the candidates among the matches count.
        candidates = reader.duplicate_candidates(query, filter=flt)
        total -= len(candidates) - len({min(g) for g in groups(candidates, self.dup_keys, self.dup_sig)})
        for t in terms:  # did-you-mean: is each word in some article?
            any(reader.doc_frequency(f, t) for f in self.boosts)
        if kind == "facets":
            counts = reader.value_counts(query, ["speakers", "parties"], filter=flt)
            out = {name: facets.top_values(counts[name], 10) for name in counts}
            days = reader.day_counts(query, filter=flt)
            months: Counter = Counter()
            for day, n in days.items():
                months[f"{day.year:04d}-{day.month:02d}"] += n
            out["date:month"] = tuple(sorted(months.items()))
            assert len(out) == 3
        if self.snippets:
            for record in hits:
                snippet(record, {f: set(terms) for f in ("body", "standfirst", "headline")})
        return len(hits)


class NsTantivyNoSnippets(NsTantivyEngine):
    name = "ns-tantivy-nosnip"
    snippets = False


class NsTantivyProtocol(NsTantivyEngine):
    """The same work through the Reader protocol as drafted on branch issue-13 (no fast paths): the whole
    matching set as document numbers (total, folding, facets from per-document columns), the filter as a
    set of document numbers; no snippets (compare with ns-tantivy-nosnip)."""

    name = "ns-tantivy-protocol"
    snippets = False

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        started = time.perf_counter()
        reader = self.engine.reader(self.ranking)
        for field in ("speakers", "parties", "date"):
            reader.column(field)
        self.column_seconds += time.perf_counter() - started
        log(f"    {self.name}: columns built in {self.column_seconds:.2f}s")

    def run(self, kind, q, qs):
        from datetime import datetime

        from newsearch import analysis, facets
        from newsearch.backends.tantivy import compile as c

        terms = [t for t in (analysis.normalize(w) for w in q) if t]
        query = self._phrase(terms) if kind in ("phrase", "phrase_filter") else self._words(terms)
        reader = self.engine.reader(self.ranking)
        allowed = None
        if kind == "phrase_filter":
            start = datetime.fromisoformat(qs.date_from)
            end = datetime.fromisoformat(qs.date_to + "T23:59:59")
            allowed = reader.matching(c.DateRange("date", start, end))
        matched = reader.matching(query)
        if allowed is not None:
            matched &= allowed
        candidates = [d for d in matched if self.dup_keys[d]]
        folded = len(candidates) - len(groups(candidates, self.dup_keys, self.dup_sig))
        total = len(matched) - folded
        ranked = reader.search(query, within=allowed, limit=30)
        hits = [reader.stored(doc) for doc in fold(ranked, self.dup_keys, self.dup_sig)[:10]]
        for t in terms:
            any(reader.doc_frequency(f, t) for f in self.boosts)
        if kind == "facets":
            out = {f: facets.top_values(facets.count_values(matched, reader.column(f)), 10)
                   for f in ("speakers", "parties")}  # fmt: skip
            dates = reader.column("date")
            out["date:month"] = facets.date_histogram((dates[d] for d in matched if dates[d]), "month")
        return len(hits) + 0 * total


def fold(ranked, keys, sigs):
    """Each ranked document folded into the first earlier near-duplicate (columns: band keys, signatures)."""
    from newsearch import dedupe

    kept, owner_of = [], {}
    for doc, _ in ranked:
        mine = keys[doc]
        if any(k in owner_of and dedupe.similarity(sigs[doc], sigs[owner_of[k]]) >= dedupe.THRESHOLD
               for k in mine):  # fmt: skip
            continue
        for k in mine:
            owner_of.setdefault(k, doc)
        kept.append(doc)
    return kept


def groups(docs, keys, sigs) -> list[set[int]]:
    """Near-duplicate groups (transitively) among ``docs`` (candidates: each shares a band key)."""
    from newsearch import dedupe

    parent = {d: d for d in docs}

    def root(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    holders: dict = {}
    for doc in sorted(docs):
        for key in keys[doc]:
            for other in holders.setdefault(key, []):
                a, b = root(doc), root(other)
                if a != b and dedupe.similarity(sigs[doc], sigs[other]) >= dedupe.THRESHOLD:
                    parent[max(a, b)] = min(a, b)
            holders[key].append(doc)
    out: dict = {}
    for d in docs:
        out.setdefault(root(d), set()).add(d)
    return list(out.values())


@functools.cache
def _highlighting():
    from whoosh import highlight

    from newsearch.schema import NewsTokenizer
    from newsearch.search import SNIPPET_CHARS, _SpanFormatter, _spans

    return highlight, NewsTokenizer(), SNIPPET_CHARS, _SpanFormatter, _spans


def snippet(record: dict, typed: dict[str, set[str]]):
    """The snippet ``Searcher._hit`` makes today, from a stored record."""
    highlight, analyzer, chars, formatter, spans = _highlighting()
    for field in ("body", "standfirst", "headline"):
        text = record.get(field)
        if text and typed.get(field):
            marked = highlight.highlight(text, typed[field], analyzer,
                                         highlight.ContextFragmenter(maxchars=chars, surround=60),
                                         formatter(), top=2)  # fmt: skip
            if marked:
                return spans(marked)
    return (record.get("standfirst") or record.get("body") or "")[:chars], ()


bench_query.EXTRA_ENGINES.update(
    {
        "ns-tantivy": NsTantivyEngine,
        "ns-tantivy-nosnip": NsTantivyNoSnippets,
        "ns-tantivy-protocol": NsTantivyProtocol,
    }
)


# ------------------------------------------------------------------------------------- the run
def bench_corpus(
    name: str, folder: Path, engines: list[str], workers: int, samples: int, built: dict | None = None
) -> dict:
    """Build each engine's index (or take ``built``: the figures of an earlier run, indexes still on disk)
    and time the queries."""
    base = common.WORK / "tantivy" / name
    base.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict] = {}
    for engine in engines:
        if built and engine in built and Path(built[engine]["index_path"]).exists():
            figures[engine] = built[engine]
            log(f"  {engine}: reusing the index of the earlier run")
            continue
        log(f"  {engine}: building …")
        fig = run_build(engine, folder, base / f"index-{engine}", workers)
        figures[engine] = fig
        log(f"  {engine}: {fig['docs']} docs in {fig['seconds']:.1f}s ({fig['docs_per_s']} docs/s), "
            f"peak {fig['tree_rss_mib']} MiB")  # fmt: skip
    base_fig = figures.get("whoosh", {})
    for fig in figures.values():
        fig["speed_vs_whoosh"] = common.ratio(fig["docs_per_s"], base_fig.get("docs_per_s"))
    queried = ("whoosh", "newsearch", "tantivy")
    indexes = {e: Path(f["index_path"]) for e, f in figures.items() if e in queried}
    if "ns-tantivy" in figures:
        path = Path(figures["ns-tantivy"]["index_path"])
        indexes["ns-tantivy"] = indexes["ns-tantivy-nosnip"] = indexes["ns-tantivy-protocol"] = path
    log(f"  queries ({samples} timings per kind and engine) …")
    queries = bench_query.bench_queries(indexes, folder, samples=samples, log=log)
    return {"path": str(folder), "articles": common.count_records(folder), "index": figures, "query": queries}


def report(record: dict) -> str:
    out = [f"commit {record['commit']}; Python {record['python']}, {record['cpu_count']} CPUs, load at start "
           f"{[round(x, 1) for x in record['load_at_start']]}; workers={record['workers']}\n"]  # fmt: skip
    for cname, entry in record["corpora"].items():
        out.append(bench_index.index_table(cname, entry["index"]) + "\n")
        out.append(bench_query.query_table(cname, entry["query"]) + "\n")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child":
        return child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="synthetic corpus sizes, comma-separated")
    ap.add_argument("--no-reuters", action="store_true")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--name", default="tantivy")
    ap.add_argument("--report", type=Path, help="only print the tables of a results JSON")
    ap.add_argument("--reuse", type=Path, help="a results JSON whose indexes (still on disk) to query again")
    ap.add_argument("--source", default="head", help="newsearch to run: head (a frozen copy of HEAD's src/), "
                    "a commit, or worktree")  # fmt: skip
    args = ap.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text())))
        return 0
    source, label = common.snapshot_source(args.source)
    common.use_source(source)  # this process and every build child import newsearch from the frozen copy
    record = {"benchmark": "tantivy", **common.run_meta(), "newsearch_source": label, "workers": args.workers,
              "corpora": {}}  # fmt: skip
    sizes = [int(s) for s in args.sizes.split(",") if s]
    corpora = [(f"synthetic-{size}", bench_index.synthetic_corpus(size)) for size in sizes]
    if not args.no_reuters:
        folder = bench_index.reuters_corpus()
        if folder is not None:
            corpora.insert(0, ("reuters21578", folder))
    out = common.RESULTS / f"{args.name}.json"
    for cname, folder in corpora:
        log(f"== {cname}")
        earlier = json.loads(args.reuse.read_text())["corpora"].get(cname, {}) if args.reuse else {}
        record["corpora"][cname] = bench_corpus(cname, folder, args.engines.split(","), args.workers,
                                                args.samples, earlier.get("index"))  # fmt: skip
        common.write_json(out, record)
    print(report(record))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
