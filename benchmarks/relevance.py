"""Ranking quality on the TIME test collection: newsearch side by side with other engines, one run.

    /work/venv/bin/python benchmarks/relevance.py              # table + benchmarks/results/relevance.json
    /work/venv/bin/python benchmarks/relevance.py --ablation    # + ablation, neighbourhoods, leave-half-out

Reads ../shared/data/time relative to the project root (research-licensed: read in place, never copied).
Choices that affect the figures, applied to every engine alike:
- Documents: TIME has no headline field; its section label and headline run into the first sentence. The
  first sentence (up to the first " . ") becomes the headline field, the rest the body, so newsearch's
  headline weight sees roughly what a headline would be. Lines are joined with spaces; stray "/" kept.
- Queries are lower-cased before they reach any engine: TIME is all upper case, and "AND", "OR", "NOT"
  in capitals are operators to newsearch/Whoosh, FTS5 and tantivy alike ("... NATIONS NOT ALIGNED").
- Qrels: 1-based ordinal positions. Docs 424 and 425 (cited, absent) count as relevant and unretrievable.
- Every engine returns up to 1000 hits; measures are MAP, P@10 and binary-gain nDCG@10.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsearch
import time_collection as tc
from newsearch import Hit, Ranking

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "time"
RESULTS = ROOT / "benchmarks" / "results" / "relevance.json"
LIMIT = 1000
_WORD = re.compile(r"\w+")

Run = dict[int, list[int]]


def query_text(raw: str) -> str:
    """What a user would type: TIME's capitals lower-cased (see the module docstring)."""
    return raw.lower()


def query_tokens(raw: str) -> list[str]:
    """Distinct word tokens of a query, in order (for engines queried as an OR of tokens)."""
    return list(dict.fromkeys(_WORD.findall(raw.lower())))


def doc_id(doc: tc.TimeDoc) -> str:
    return f"time-{doc.ordinal:03d}"


# -------------------------------------------------------------------------------------------- newsearch


def write_corpus(docs: Sequence[tc.TimeDoc], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "time.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            lead = d.lead
            record = {
                "id": doc_id(d),
                "headline": lead,
                "body": d.text[len(lead) :].lstrip(" .") or d.text,
                "date": d.date.isoformat() if d.date else None,
                "source": "TIME",
            }
            out.write(json.dumps(record) + "\n")
    return folder


class NewsearchEngine:
    """One newsearch index per stemmer, built through the real JSONL reader; searched via Index.search."""

    def __init__(self, docs: Sequence[tc.TimeDoc], tmp: Path) -> None:
        self.corpus = write_corpus(docs, tmp / "corpus")
        self.tmp = tmp
        self.paths: dict[str, Path] = {}
        self.index_seconds: dict[str, float] = {}

    def index(self, stemmer: str) -> Path:
        if stemmer not in self.paths:
            path = self.tmp / f"index-{stemmer}"
            started = time.perf_counter()
            report = newsearch.create_index(path, stemmer=stemmer).add([self.corpus])
            self.index_seconds[stemmer] = time.perf_counter() - started
            if report.skipped:
                raise SystemExit(f"newsearch skipped records: {report.skipped[:3]}")
            self.paths[stemmer] = path
        return self.paths[stemmer]

    def run(self, queries: dict[int, str], ranking: Ranking | None = None, stemmer: str = "snowball") -> Run:
        with newsearch.open_index(self.index(stemmer), ranking=ranking) as ix:
            return {
                q: [int(h.id.rsplit("-", 1)[1]) for h in ix.search(query_text(t), limit=LIMIT).hits]
                for q, t in queries.items()
            }


# ---------------------------------------------------------------------------------------- other engines


def whoosh_engine(docs: Sequence[tc.TimeDoc], tmp: Path, grouping: str = "or") -> Callable[[str], list[int]]:
    """Plain Whoosh: StemmingAnalyzer, default BM25F, one body field, OR-grouped parser."""
    from whoosh import fields, index, qparser
    from whoosh.analysis import StemmingAnalyzer

    schema = fields.Schema(id=fields.NUMERIC(stored=True), body=fields.TEXT(analyzer=StemmingAnalyzer()))
    folder = tmp / f"whoosh-{grouping}"
    folder.mkdir()
    ix = index.create_in(str(folder), schema)
    with ix.writer() as w:
        for d in docs:
            w.add_document(id=d.ordinal, body=d.text)
    group = {"or": qparser.OrGroup, "or0.9": qparser.OrGroup.factory(0.9), "and": qparser.AndGroup}[grouping]
    parser = qparser.QueryParser("body", schema, group=group)
    searcher = ix.searcher()

    def search(raw: str) -> list[int]:
        return [hit["id"] for hit in searcher.search(parser.parse(query_text(raw)), limit=LIMIT)]

    return search


def fts5_engine(docs: Sequence[tc.TimeDoc], tmp: Path) -> Callable[[str], list[int]]:
    """SQLite FTS5: porter tokenizer, bm25 rank, the query an OR of its (quoted) tokens."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs(rowid, body) VALUES (?, ?)", [(d.ordinal, d.text) for d in docs])

    def search(raw: str) -> list[int]:
        match = " OR ".join(f'"{t}"' for t in query_tokens(raw))
        rows = db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, LIMIT)
        )
        return [r[0] for r in rows]

    return search


def bm25s_engine(docs: Sequence[tc.TimeDoc], tmp: Path) -> Callable[[str], list[int]] | None:
    """bm25s (default Lucene BM25, k1=1.5, b=0.75) with its English stop list and PyStemmer Snowball."""
    try:
        import bm25s
        import Stemmer
    except ImportError:
        return None
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([d.text for d in docs], stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )
    ordinals = [d.ordinal for d in docs]

    def search(raw: str) -> list[int]:
        tokens = bm25s.tokenize([raw.lower()], stopwords="en", stemmer=stemmer, show_progress=False)
        if not tokens.vocab:
            return []
        k = min(LIMIT, len(docs))
        found, scores = retriever.retrieve(tokens, k=k, show_progress=False)
        return [ordinals[i] for i, s in zip(found[0], scores[0], strict=True) if s > 0]

    return search


def tantivy_engine(docs: Sequence[tc.TimeDoc], tmp: Path) -> Callable[[str], list[int]] | None:
    """tantivy: en_stem tokenizer, BM25, the query an OR of its tokens (the parser's default)."""
    try:
        import tantivy
    except ImportError:
        return None
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("ordinal", stored=True, indexed=True)
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    ix = tantivy.Index(schema)
    writer = ix.writer()
    for d in docs:
        writer.add_document(tantivy.Document(ordinal=d.ordinal, body=d.text))
    writer.commit()
    ix.reload()
    searcher = ix.searcher()

    def search(raw: str) -> list[int]:
        q = ix.parse_query(" ".join(query_tokens(raw)), ["body"])
        return [searcher.doc(addr)["ordinal"][0] for _, addr in searcher.search(q, LIMIT).hits]

    return search


def run_engine(search: Callable[[str], list[int]], queries: dict[int, str]) -> Run:
    return {q: search(t) for q, t in queries.items()}


# ------------------------------------------------------------------------------------------- reporting


def row(name: str, m: dict[str, float]) -> str:
    return f"{name:<44} {m['map']:>7.4f} {m['p@10']:>7.4f} {m['ndcg@10']:>8.4f}"


HEADER = f"{'engine':<44} {'MAP':>7} {'P@10':>7} {'nDCG@10':>8}"


def commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def halves(ids: Sequence[int]) -> tuple[list[int], list[int]]:
    """A fixed split of the query ids: every other judged query (1, 5, 9, … vs 3, 7, 11, …)."""
    ordered = sorted(ids)
    return ordered[0::2], ordered[1::2]


def _lean_hit(self, h, *_: object) -> Hit:
    """Hit without snippet: highlighting 1000 hits per query dominates a sweep and never changes order."""
    return Hit(
        id=h["id"],
        score=h.score,
        headline="",
        date=None,
        source=None,
        path="",
        speakers=(),
        parties=(),
        snippet="",
    )


def ablation(engine: NewsearchEngine, col: tc.Collection, out: dict, main_default: dict[str, float]) -> None:
    """Each default reverted on its own, neighbourhoods of the numeric defaults, and leave-half-out.

    Runs the same Index.search path with snippets skipped (checked to reproduce the main table's figures).
    """
    from newsearch import search as search_module

    full_hit = search_module.Searcher._hit
    search_module.Searcher._hit = _lean_hit
    try:
        _sweep(engine, col, out, main_default)
    finally:
        search_module.Searcher._hit = full_hit


def _sweep(engine: NewsearchEngine, col: tc.Collection, out: dict, main_default: dict[str, float]) -> None:
    base = Ranking()
    qs = col.queries

    def score(
        ranking: Ranking, stemmer: str = "snowball", ids: Sequence[int] | None = None
    ) -> dict[str, float]:
        return tc.evaluate(
            engine.run(qs if ids is None else {q: qs[q] for q in ids}, ranking, stemmer), col.qrels, ids
        )

    ref = score(base)
    if any(abs(ref[k] - main_default[k]) > 1e-12 for k in ("map", "p@10", "ndcg@10")):
        raise SystemExit("the lean sweep path does not reproduce the default's figures")
    print("\nAblation: one default reverted at a time (delta = variant - default)")
    print(f"{'variant':<44} {'MAP':>7} {'dMAP':>8} {'nDCG@10':>8} {'dnDCG':>8}")
    variants: list[tuple[str, Ranking, str]] = [
        ("default", base, "snowball"),
        ("porter stemmer (was an option)", base, "porter"),
        ("no expansion (RM3 off)", dataclasses.replace(base, expansion=False), "snowball"),
        ("all-terms bonus 1.0 (was the default)", dataclasses.replace(base, all_terms_bonus=1.0), "snowball"),
        ("proximity bonus 0 (default keeps 1.0)", dataclasses.replace(base, proximity_bonus=0.0), "snowball"),
        ("headline boost 2.5 (was the default)", dataclasses.replace(base, headline_boost=2.5), "snowball"),
        ("previous defaults, hyphen fix kept", PREVIOUS, "snowball"),
    ]
    out["ablation"] = {}

    def report(name: str, m: dict[str, float]) -> None:
        out["ablation"][name] = m
        print(
            f"{name:<44} {m['map']:>7.4f} {m['map'] - ref['map']:>+8.4f} {m['ndcg@10']:>8.4f} "
            f"{m['ndcg@10'] - ref['ndcg@10']:>+8.4f}"
        )

    for name, ranking, stemmer in variants:
        report(name, score(ranking, stemmer))
    # The query-side fix has no switch: reverting it means hyphenated words are required again.
    from newsearch import search as search_module

    kept = search_module._compound_word
    search_module._compound_word = lambda q: None
    try:
        report("hyphenated words required (before the fix)", score(base))
        report("previous defaults and no hyphen fix", score(PREVIOUS))
    finally:
        search_module._compound_word = kept

    print("\nNeighbourhoods (MAP / nDCG@10), one parameter moved, the rest at default (* = default)")
    grids = {
        "bm25_b": [0.5, 0.6, 0.75, 0.9],
        "bm25_k1": [0.9, 1.2, 1.5, 2.0],
        "headline_boost": [0.5, 1.0, 1.5, 2.5],
        "expansion_docs": [2, 3, 4, 5, 10],
        "expansion_terms": [10, 20, 30, 50],
        "expansion_weight": [0.3, 0.4, 0.5, 0.6, 0.7],
    }
    out["neighbourhoods"] = {}
    for field, values in grids.items():
        cells = []
        for v in values:
            m = score(dataclasses.replace(base, **{field: v}))
            mark = "*" if v == getattr(base, field) else " "
            cells.append(f"{v}{mark} {m['map']:.3f}/{m['ndcg@10']:.3f}")
            out["neighbourhoods"].setdefault(field, {})[str(v)] = m
        print(f"  {field:<17} " + "  ".join(cells))

    print("\nLeave-half-out: tune headline boost x b x expansion on one half, score the other")
    first, second = halves(list(qs))
    grid = [
        dataclasses.replace(base, headline_boost=h, bm25_b=b, expansion=docs > 0, expansion_docs=docs or 3)
        for h in (1.0, 2.5)
        for b in (0.5, 0.75)
        for docs in (0, 3, 10)
    ]
    out["leave_half_out"] = []
    for tune, test, label in ((first, second, "A->B"), (second, first, "B->A")):
        scored = [(score(r, ids=tune)["map"], -i) for i, r in enumerate(grid)]
        best = grid[-max(scored)[1]]
        rec = {
            "split": label,
            "tuned": {
                "headline_boost": best.headline_boost,
                "bm25_b": best.bm25_b,
                "expansion_docs": best.expansion_docs if best.expansion else 0,
            },
            "held_out_tuned": score(best, ids=test),
            "held_out_default": score(base, ids=test),
            "held_out_previous": score(PREVIOUS, ids=test),
            "held_out_no_expansion": score(dataclasses.replace(base, expansion=False), ids=test),
        }
        out["leave_half_out"].append(rec)
        print(f"  {label}: tuned {rec['tuned']}")
        for key in ("held_out_tuned", "held_out_default", "held_out_no_expansion", "held_out_previous"):
            m = rec[key]
            print(f"      {key:<24} MAP {m['map']:.4f}  P@10 {m['p@10']:.4f}  nDCG@10 {m['ndcg@10']:.4f}")


# The ranking newsearch shipped before issue 5 (for the ablation's reference row).
PREVIOUS = Ranking(headline_boost=2.5, all_terms_bonus=1.0, proximity_bonus=1.0, expansion=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with TIME.ALL, TIME.QUE, TIME.REL")
    parser.add_argument("--ablation", action="store_true", help="also run ablation and robustness checks")
    parser.add_argument("--no-write", action="store_true", help="don't write the JSON record")
    args = parser.parse_args(argv)
    if not (args.data / "TIME.ALL").exists():
        print(f"TIME collection not found at {args.data}: nothing to measure.", file=sys.stderr)
        return 0
    col = tc.load(args.data)
    print(
        f"TIME: {len(col.docs)} articles, {len(col.queries)} judged queries, "
        f"{sum(len(r) for r in col.qrels.values())} relevant pairs"
    )
    figures: dict[str, dict] = {}
    record: dict = {
        "benchmark": "relevance",
        "commit": commit(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "corpus": {
            "name": "TIME (SMART, development half)",
            "articles": len(col.docs),
            "queries": len(col.queries),
            "relevant_pairs": sum(len(r) for r in col.qrels.values()),
        },
        "limit": LIMIT,
        "newsearch_default": dataclasses.asdict(Ranking()),
        "figures": figures,
    }
    with tempfile.TemporaryDirectory(prefix="newsearch-time-") as tmpdir:
        tmp = Path(tmpdir)
        engine = NewsearchEngine(col.docs, tmp)
        started = time.perf_counter()
        figures["newsearch (default)"] = tc.evaluate(engine.run(col.queries), col.qrels)
        figures["newsearch (default)"]["seconds"] = time.perf_counter() - started
        figures["newsearch (expansion off)"] = tc.evaluate(
            engine.run(col.queries, dataclasses.replace(Ranking(), expansion=False)), col.qrels
        )
        others: list[tuple[str, Callable]] = [
            ("plain Whoosh (StemmingAnalyzer, BM25F, OR)", lambda: whoosh_engine(col.docs, tmp, "or")),
            ("plain Whoosh (OrGroup.factory(0.9))", lambda: whoosh_engine(col.docs, tmp, "or0.9")),
            ("SQLite FTS5 (porter, bm25, OR)", lambda: fts5_engine(col.docs, tmp)),
            ("bm25s (PyStemmer snowball, en stops)", lambda: bm25s_engine(col.docs, tmp)),
            ("tantivy (en_stem, BM25, OR)", lambda: tantivy_engine(col.docs, tmp)),
        ]
        for name, make in others:
            search = make()
            if search is None:
                print(f"{name}: not installed, skipped (pip install 'newsearch[bench]')", file=sys.stderr)
                continue
            started = time.perf_counter()
            figures[name] = tc.evaluate(run_engine(search, col.queries), col.qrels)
            figures[name]["seconds"] = time.perf_counter() - started
        print()
        print(HEADER)
        for name, m in figures.items():
            print(row(name, m))
        best_other = {
            k: max(m[k] for n, m in figures.items() if not n.startswith("newsearch"))
            for k in ("map", "ndcg@10")
        }
        ours = figures["newsearch (default)"]
        record["newsearch_over_best_other"] = {k: ours[k] / best_other[k] for k in best_other}
        print(
            f"\nnewsearch default / best other engine: MAP x{ours['map'] / best_other['map']:.3f}, "
            f"nDCG@10 x{ours['ndcg@10'] / best_other['ndcg@10']:.3f}"
        )
        if args.ablation:
            ablation(engine, col, record, figures["newsearch (default)"])
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
