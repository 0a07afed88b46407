"""Query latency: newsearch side by side with plain Whoosh, SQLite FTS5 and tantivy, in one process.

    /work/venv/bin/python benchmarks/bench_query.py --sizes 10000     # needs bench_index's indexes

Query kinds (every engine runs the same words, drawn from the corpus by common.draw_queries):
- ``term``: one mid-frequency word (in 0.5–5% of articles);
- ``two_terms``: two such words taken from one article;
- ``phrase``: a frequent two-word phrase, e.g. "foreign minister";
- ``phrase_filter``: the phrase plus a date range holding ~20% of the articles;
- ``facets``: a one-word query's top 10 plus three facets: speakers (people), parties, a monthly date
  histogram. The plain engines count the corpus's own labels (people; orgs + places); newsearch counts
  what it extracted. Whoosh: ``groupedby`` FieldFacets (allow_overlap) + the date column translated to
  months; FTS5: GROUP BY over a label table; tantivy: ``aggregate`` terms + date_histogram (fixed 30-day
  buckets: tantivy has no calendar months).

Each engine fetches the id and headline of its top 10 (newsearch also builds its snippets: that is what
its ``search`` returns). Each query is run once to warm up, then the list is repeated until every kind has
``--samples`` timings per engine (default 50), or at least one round once an engine has spent ``budget``
seconds (default 60) on that kind; median and p95 are over the timings taken (their count is recorded).
Engines are interleaved round by round so background noise hits them alike. Semantics differ where
defaults differ, e.g. newsearch ranks two words as "either, both first" while the others require both.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

KINDS = ("term", "two_terms", "phrase", "phrase_filter", "facets")
BASELINE = "whoosh"
Query = tuple  # the words of one query, per kind


class Skip(Exception):
    """This engine cannot run this kind of query (reason in the message)."""


class Engine:
    name = ""

    def run(self, kind: str, q: Query, qs: common.QuerySet) -> int:
        """Run one query; returns the number of top hits fetched (a sanity figure)."""
        raise NotImplementedError

    def close(self) -> None:
        pass


class WhooshEngine(Engine):
    name = "whoosh"

    def __init__(self, path: Path, qs: common.QuerySet) -> None:
        from whoosh import index, qparser, sorting
        from whoosh.util.times import long_to_datetime

        self.ix = index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        self.parser = qparser.MultifieldParser(["headline", "body"], self.ix.schema)

        def month(value):
            try:  # an article without a date holds the column's "missing" sentinel (2**64 - 1)
                return long_to_datetime(value).strftime("%Y-%m")
            except (OverflowError, TypeError):
                return None

        # The month histogram maps the sortable date column to YYYY-MM: DateRangeFacet (one range query per
        # month) is 50× slower here, a strawman rather than a baseline.
        self.facets = {
            "people": sorting.FieldFacet("people", allow_overlap=True),
            "parties": sorting.FieldFacet("parties", allow_overlap=True),
            "month": sorting.TranslateFacet(month, sorting.FieldFacet("date")),
        }
        self.count = sorting.Count

    def run(self, kind, q, qs):
        text = query_text(kind, q, qs)
        parsed = self.parser.parse(text)
        if kind == "facets":
            r = self.searcher.search(parsed, limit=10, groupedby=self.facets, maptype=self.count)
            for name in self.facets:
                r.groups(name)
        else:
            r = self.searcher.search(parsed, limit=10)
        # With groupedby, Whoosh's results can hold more than ``limit`` hits: fetch the top 10 only.
        return len([(h["id"], h["headline"]) for h in r[:10]])

    def close(self):
        self.searcher.close()


def query_text(kind: str, q: Query, qs: common.QuerySet) -> str:
    """The Whoosh / newsearch query string."""
    if kind in ("term", "facets"):
        return q[0]
    if kind == "two_terms":
        return f"{q[0]} {q[1]}"
    phrase = f'"{q[0]} {q[1]}"'
    return f"{phrase} date:[{qs.date_from} TO {qs.date_to}]" if kind == "phrase_filter" else phrase


class NewsearchEngine(Engine):
    name = "newsearch"

    def __init__(self, path: Path) -> None:
        import newsearch

        self.ix = newsearch.open_index(path)
        params = inspect.signature(self.ix.search).parameters
        # Index.search takes its options as **kwargs (SearchOptions) since the engine seam.
        self.has_facets = "facets" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())

    def run(self, kind, q, qs):
        text = query_text(kind, q, qs)
        if kind == "facets":
            if not self.has_facets:
                raise Skip("Index.search() does not accept facets yet")
            res = self.ix.search(text, limit=10, facets=["speakers", "parties", "date:month"])
            assert len(res.facets) == 3
        else:
            res = self.ix.search(text, limit=10)
        return len(res.hits)

    def close(self):
        self.ix.close()


class Fts5Engine(Engine):
    name = "fts5"

    def __init__(self, path: Path) -> None:
        import sqlite3

        self.db = sqlite3.connect(path / "fts.db", check_same_thread=False)

    def run(self, kind, q, qs):
        if kind in ("term", "facets"):
            match = q[0]
        elif kind == "two_terms":
            match = f"{q[0]} {q[1]}"
        else:
            match = f'"{q[0]} {q[1]}"'
        if kind == "phrase_filter":
            rows = self.db.execute(
                "SELECT id, headline FROM docs WHERE docs MATCH ? AND date >= ? AND date < ? "
                "ORDER BY rank LIMIT 10",
                (match, qs.date_from, qs.date_to + "T99"),
            ).fetchall()
        else:
            rows = self.db.execute(
                "SELECT id, headline FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", (match,)
            ).fetchall()
        if kind == "facets":
            for label in ("people", "parties"):
                self.db.execute(
                    "SELECT name, count(*) c FROM labels WHERE kind = ? AND docid IN "
                    "(SELECT rowid FROM docs WHERE docs MATCH ?) GROUP BY name ORDER BY c DESC LIMIT 10",
                    (label, match),
                ).fetchall()
            self.db.execute(
                "SELECT substr(date, 1, 7) m, count(*) FROM docs WHERE docs MATCH ? GROUP BY m", (match,)
            ).fetchall()
        return len(rows)

    def close(self):
        self.db.close()


class TantivyEngine(Engine):
    name = "tantivy"

    def __init__(self, path: Path) -> None:
        import tantivy

        self.ix = tantivy.Index.open(str(path))
        self.searcher = self.ix.searcher()
        self.aggs = {
            "people": {"terms": {"field": "people", "size": 10}},
            "parties": {"terms": {"field": "parties", "size": 10}},
            "month": {"date_histogram": {"field": "date", "fixed_interval": "30d"}},
        }

    def run(self, kind, q, qs):
        if kind in ("term", "facets"):
            text = q[0]
        elif kind == "two_terms":
            text = f"+{q[0]} +{q[1]}"
        elif kind == "phrase":
            text = f'"{q[0]} {q[1]}"'
        else:
            text = f'+"{q[0]} {q[1]}" +date:[{qs.date_from}T00:00:00Z TO {qs.date_to}T23:59:59Z]'
        query = self.ix.parse_query(text, ["headline", "body"])
        hits = self.searcher.search(query, 10).hits
        top = [self.searcher.doc(addr) for _, addr in hits]
        _ = [(d["id"][0], d["headline"][0]) for d in top]
        if kind == "facets":
            self.searcher.aggregate(query, self.aggs)
        return len(top)


def queries_for(kind: str, qs: common.QuerySet) -> list[Query]:
    if kind in ("term", "facets"):
        return [(t,) for t in qs.terms]
    if kind == "two_terms":
        return list(qs.pairs)
    return list(qs.phrases)


# More engines, registered by other benchmark modules (bench_tantivy.py): name -> maker(index path).
EXTRA_ENGINES: dict[str, Callable[[Path], Engine]] = {}


def open_engines(indexes: dict[str, Path], qs: common.QuerySet) -> tuple[dict[str, Engine], dict[str, str]]:
    engines: dict[str, Engine] = {}
    skipped: dict[str, str] = {}
    makers: dict[str, Callable[[Path], Engine]] = {
        "whoosh": lambda p: WhooshEngine(p, qs),
        "newsearch": NewsearchEngine,
        "fts5": Fts5Engine,
        "tantivy": TantivyEngine,
        **EXTRA_ENGINES,
    }
    for name, path in indexes.items():
        try:
            engines[name] = makers[name](path)
        except ImportError as exc:
            skipped[name] = f"not installed ({exc})"
    return engines, skipped


def bench_queries(
    indexes: dict[str, Path], corpus: Path, *, samples: int = 50, budget: float = 60.0, log=print
) -> dict:
    """Median/p95 latency per engine and kind over the same queries, plus ratios to plain Whoosh."""
    qs = common.draw_queries(corpus)
    engines, skipped = open_engines(indexes, qs)
    figures: dict[str, dict] = {name: {"skipped": why} for name, why in skipped.items()}
    for name in engines:
        figures[name] = {}
    for kind in KINDS:
        queries = queries_for(kind, qs)
        if not queries:
            for name in engines:
                figures[name][kind] = {"skipped": "no such queries in this corpus"}
            continue
        timings: dict[str, list[float]] = {name: [] for name in engines}
        hits: dict[str, int] = {name: 0 for name in engines}
        live = dict(engines)
        for name, engine in list(live.items()):  # warm-up pass, also the sanity figure
            try:
                hits[name] = sum(engine.run(kind, q, qs) for q in queries)
            except Skip as exc:
                figures[name][kind] = {"skipped": str(exc)}
                del live[name]
        rounds = -(-samples // len(queries))
        for _ in range(rounds):
            for name, engine in live.items():
                if timings[name] and sum(timings[name]) > budget:
                    continue  # a slow engine: enough timings for a median within the time budget
                for q in queries:
                    t = time.perf_counter()
                    engine.run(kind, q, qs)
                    timings[name].append(time.perf_counter() - t)
        for name in live:
            ms = [t * 1000 for t in timings[name]]
            figures[name][kind] = {
                "median_ms": round(common.median(ms), 3),
                "p95_ms": round(common.p95(ms), 3),
                "samples": len(ms),
                "top_hits_fetched": hits[name],
            }
        log(f"  {kind}: " + ", ".join(f"{n} {figures[n][kind].get('median_ms')}ms" for n in engines))
    base = figures.get(BASELINE, {})
    for f in figures.values():
        for kind in KINDS:
            cell = f.get(kind)
            if isinstance(cell, dict) and "median_ms" in cell and "median_ms" in base.get(kind, {}):
                cell["ratio_vs_whoosh"] = common.ratio(cell["median_ms"], base[kind]["median_ms"])
    for engine in engines.values():
        engine.close()
    return {"queries": qs.as_dict(), "engines": figures}


def query_table(corpus_name: str, result: dict) -> str:
    rows = []
    for name, f in result["engines"].items():
        if "skipped" in f:
            rows.append([name, f["skipped"], *[""] * (len(KINDS) - 1)])
            continue
        row = [name]
        for kind in KINDS:
            c = f.get(kind, {})
            if "median_ms" in c:
                r = c.get("ratio_vs_whoosh")
                row.append(f"{c['median_ms']:.2f} / {c['p95_ms']:.2f} ({r:.3g}×)" if r is not None else
                           f"{c['median_ms']:.2f} / {c['p95_ms']:.2f}")  # fmt: skip
            else:
                row.append("skipped")
        rows.append(row)
    return f"Queries — {corpus_name}: median / p95 ms (median × plain Whoosh)\n" + common.table(
        ["engine", *KINDS], rows
    )


def main(argv: list[str] | None = None) -> int:
    import bench_index

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--engines", default="whoosh,newsearch,fts5,tantivy")
    ap.add_argument("--out", type=Path, default=common.RESULTS / "query.json")
    args = ap.parse_args(argv)
    record = {"benchmark": "query", **common.run_meta(), "corpora": {}}
    for size in [int(s) for s in args.sizes.split(",") if s]:
        name = f"synthetic-{size}"
        corpus = bench_index.synthetic_corpus(size)
        indexes = {e: common.WORK / name / f"index-{e}" for e in args.engines.split(",")}
        missing = [e for e, p in indexes.items() if not p.exists()]
        if missing:
            print(f"{name}: no index for {missing}: run bench_index.py --sizes {size} first", file=sys.stderr)
            continue
        res = bench_queries(indexes, corpus, samples=args.samples, log=lambda m: print(m, file=sys.stderr))
        record["corpora"][name] = res
        print(query_table(name, res) + "\n")
    common.write_json(args.out, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
