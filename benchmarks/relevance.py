"""Ranking quality on every development collection: newsearch side by side with other engines, one run.

    python benchmarks/relevance.py                  # table, significance tests -> results/relevance.json
    python benchmarks/relevance.py --ablation       # + each default reverted alone, per collection
    python benchmarks/relevance.py --loco           # + leave-one-collection-out choice of each setting
    python benchmarks/relevance.py --variant 'rm3 off:expansion=false' --name explore-rm3
    python benchmarks/relevance.py --only --collection DIR=NAME   # held-out collections, same rule

Collections (read in place from ../shared/data, never copied; missing ones are skipped with a message):
TIME's odd queries, ADI, CISI, CRAN, MED; readers and their counts in ir_collections.py. ``--collection``
takes any folder holding TIME.ALL/TIME.QUE/TIME.REL, cran.all.1400/cran.qry/cranqrel, or SMART
X.ALL/X.QRY/X.REL files (e.g. TIME with its even queries' judgments as TIME.REL). The protocol,
the same for every engine (as in ../shared/data/ir_collections/SOURCE.md):
- Documents: title (where the collection has one) and text. newsearch gets them through its JSONL reader
  as headline and body (TIME and MED have no title, so newsearch derives its display headline as it does
  for any such article); single-field engines index title and text as one field. Extraction is off
  (speakers and parties do not take part in ranking).
- Queries are lower-cased and stripped of punctuation (capital AND/OR/NOT would be operators).
- Every engine returns up to 1000 hits; MAP, P@10 and binary-gain nDCG@10 over the judged queries. A
  refused query scores 0 and is counted. newsearch folds near-duplicates: a folded article is ranked right
  after the hit it was folded into, where a user finds it.
- Per collection, newsearch is compared with the best peer on it (by MAP) with a two-sided paired
  randomization test over the queries' AP (10,000 rounds, fixed seed).
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
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ir_collections as irc
import newsearch
import time_collection as tc
from newsearch import QueryError, Ranking, analysis

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"
DEV_COLLECTIONS = (
    ("TIME-odd", SHARED / "time"),
    ("ADI", SHARED / "ir_collections" / "adi"),
    ("CISI", SHARED / "ir_collections" / "cisi"),
    ("CRAN", SHARED / "ir_collections" / "cran"),
    ("MED", SHARED / "ir_collections" / "med"),
)
LIMIT = 1000
ROUNDS = 10_000
MEASURES = ("map", "ndcg@10", "p@10")
_WORD = re.compile(r"\w+")

Run = dict[int, list[int]]


def query_text(raw: str) -> str:
    """The protocol's query: lower-cased, punctuation stripped (see the module docstring)."""
    return " ".join(_WORD.findall(raw.lower()))


def query_tokens(raw: str) -> list[str]:
    """Distinct word tokens of a query, in order (for engines queried as an OR of tokens)."""
    return list(dict.fromkeys(_WORD.findall(raw.lower())))


# -------------------------------------------------------------------------------------------- newsearch


@dataclass(frozen=True, slots=True)
class IndexSettings:
    """What newsearch fixes when an index is built (the rest of ranking is query time, in Ranking)."""

    stemmer: str = analysis.DEFAULT_STEMMER


def write_corpus(docs: Sequence[irc.Doc], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "docs.jsonl").open("w", encoding="utf-8") as out:
        for d in docs:
            record = {"id": f"d{d.id}", "body": d.text}
            if d.title:
                record["headline"] = d.title
            out.write(json.dumps(record) + "\n")
    return folder


class Newsearch:
    """newsearch on one collection: an index per IndexSettings (built once), runs cached per setting, in
    ``engine``'s indexes."""

    def __init__(self, col: irc.Collection, tmp: Path, engine: str = "whoosh") -> None:
        self.col = col
        self.tmp = tmp
        self.engine = engine
        self.corpus = write_corpus(col.docs, tmp / "corpus")
        self._indexes: dict[IndexSettings, Path] = {}
        self._runs: dict[tuple[Ranking, IndexSettings], NewsearchRun] = {}
        self.index_seconds: dict[str, float] = {}

    def index(self, settings: IndexSettings) -> Path:
        if settings not in self._indexes:
            path = self.tmp / f"index-{len(self._indexes)}"
            started = time.perf_counter()
            ix = newsearch.create_index(path, stemmer=settings.stemmer, engine=self.engine)
            report = ix.add([self.corpus], extract=False, workers=1)
            ix.close()
            self.index_seconds[repr(settings)] = time.perf_counter() - started
            if report.skipped:
                raise SystemExit(f"{self.col.name}: newsearch skipped records: {report.skipped[:3]}")
            self._indexes[settings] = path
        return self._indexes[settings]

    def run(self, ranking: Ranking, settings: IndexSettings = IndexSettings()) -> NewsearchRun:
        key = (ranking, settings)
        if key not in self._runs:
            run: Run = {}
            refused: dict[int, str] = {}
            notices: Counter[str] = Counter()
            folded = 0
            started = time.perf_counter()
            with newsearch.open_index(self.index(settings), ranking=ranking) as ix:
                for qid, raw in self.col.queries.items():
                    try:
                        result = ix.search(query_text(raw), limit=LIMIT, snippets=False)
                    except QueryError as exc:
                        refused[qid] = exc.reason  # not the query text: the data stays out of records
                        continue
                    notices.update({n.kind for n in result.notices})  # kinds only: no query text
                    ranked: list[int] = []
                    for hit in result.hits:
                        ranked.append(int(hit.id[1:]))
                        ranked.extend(int(s[1:]) for s in hit.similar)
                        folded += len(hit.similar)
                    run[qid] = ranked[:LIMIT]
            self._runs[key] = NewsearchRun(run, refused, folded, time.perf_counter() - started, notices)
        return self._runs[key]


@dataclass(frozen=True, slots=True)
class NewsearchRun:
    run: Run
    refused: dict[int, str]
    folded: int
    seconds: float
    notices: Counter[str]  # notice kind -> queries that got one (e.g. "dropped-terms": long queries capped)


# ---------------------------------------------------------------------------------------- other engines
# Each builds its index from the collection and returns search(raw query) -> ranked doc ids.

Search = Callable[[str], list[int]]


def whoosh_engine(docs: Sequence[irc.Doc], tmp: Path) -> Search:
    """Plain Whoosh: StemmingAnalyzer, default BM25F, one field, the query an OR of its words."""
    from whoosh import fields, index, qparser
    from whoosh.analysis import StemmingAnalyzer

    schema = fields.Schema(id=fields.NUMERIC(stored=True), body=fields.TEXT(analyzer=StemmingAnalyzer()))
    folder = tmp / "whoosh"
    folder.mkdir()
    ix = index.create_in(str(folder), schema)
    with ix.writer() as w:
        for d in docs:
            w.add_document(id=d.id, body=d.full_text)
    parser = qparser.QueryParser("body", schema, group=qparser.OrGroup)
    searcher = ix.searcher()

    def search(raw: str) -> list[int]:
        return [hit["id"] for hit in searcher.search(parser.parse(query_text(raw)), limit=LIMIT)]

    return search


def fts5_engine(docs: Sequence[irc.Doc], tmp: Path) -> Search:
    """SQLite FTS5: porter tokenizer, bm25 rank, the query an OR of its (quoted) distinct words."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs(rowid, body) VALUES (?, ?)", [(d.id, d.full_text) for d in docs])

    def search(raw: str) -> list[int]:
        tokens = query_tokens(raw)
        if not tokens:
            return []
        match = " OR ".join(f'"{t}"' for t in tokens)
        rows = db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, LIMIT)
        )
        return [r[0] for r in rows]

    return search


def bm25s_engine(docs: Sequence[irc.Doc], tmp: Path) -> Search | None:
    """bm25s (Lucene BM25, k1 1.5, b 0.75) with its English stop list and PyStemmer Snowball."""
    try:
        import bm25s
        import Stemmer
    except ImportError:
        return None
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([d.full_text for d in docs], stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )
    ids = [d.id for d in docs]

    def search(raw: str) -> list[int]:
        tokens = bm25s.tokenize([query_text(raw)], stopwords="en", stemmer=stemmer, show_progress=False)
        if not tokens.vocab:
            return []
        found, scores = retriever.retrieve(tokens, k=min(LIMIT, len(docs)), show_progress=False)
        return [ids[i] for i, s in zip(found[0], scores[0], strict=True) if s > 0]

    return search


def tantivy_engine(docs: Sequence[irc.Doc], tmp: Path) -> Search | None:
    """tantivy: en_stem tokenizer, BM25 (k1 1.2, b 0.75), the query an OR of its distinct words."""
    try:
        import tantivy
    except ImportError:
        return None
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("doc", stored=True, indexed=True)
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    ix = tantivy.Index(schema)
    writer = ix.writer()
    for d in docs:
        writer.add_document(tantivy.Document(doc=d.id, body=d.full_text))
    writer.commit()
    ix.reload()
    searcher = ix.searcher()

    def search(raw: str) -> list[int]:
        tokens = query_tokens(raw)
        if not tokens:
            return []
        q = ix.parse_query(" ".join(tokens), ["body"])
        return [searcher.doc(addr)["doc"][0] for _, addr in searcher.search(q, LIMIT).hits]

    return search


PEERS: tuple[tuple[str, Callable[[Sequence[irc.Doc], Path], Search | None]], ...] = (
    ("plain Whoosh", whoosh_engine),
    ("SQLite FTS5", fts5_engine),
    ("bm25s", bm25s_engine),
    ("tantivy", tantivy_engine),
)


# ------------------------------------------------------------------------------------------- measuring


@dataclass(frozen=True, slots=True)
class Scored:
    """One engine or setting on one collection: the means and the per-query figures behind them."""

    means: dict[str, float]
    per_query: dict[str, dict[int, float]]
    seconds: float = 0.0
    refused: int = 0
    folded: int = 0
    terms_dropped: int = 0  # queries whose rarest 100 distinct words newsearch kept (a notice says so)

    @classmethod
    def of(cls, run: Run, col: irc.Collection, **extra) -> Scored:
        per = {m: tc.per_query(run, col.qrels, m) for m in MEASURES}
        means = {m: sum(v.values()) / len(v) if v else 0.0 for m, v in per.items()}
        return cls(means, per, **extra)

    def record(self) -> dict:
        out: dict = dict(self.means)
        out["seconds"] = round(self.seconds, 2)
        for k in ("refused", "folded", "terms_dropped"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        return out


def scored_newsearch(
    engine: Newsearch, ranking: Ranking, settings: IndexSettings = IndexSettings()
) -> Scored:
    r = engine.run(ranking, settings)
    return Scored.of(
        r.run,
        engine.col,
        seconds=r.seconds,
        refused=len(r.refused),
        folded=r.folded,
        terms_dropped=r.notices["dropped-terms"],
    )


def p_value(a: Scored, b: Scored, measure: str = "map") -> float:
    qa, qb = a.per_query[measure], b.per_query[measure]
    return tc.randomization_test([qa[q] for q in qa], [qb[q] for q in qa], rounds=ROUNDS)


def mean(values: Iterable[float]) -> float:
    vals = list(values)
    return sum(vals) / len(vals) if vals else 0.0


# ----------------------------------------------------------------------------------------------- setup


def load_collections(extra: Sequence[str], only_extra: bool, names: str = "") -> list[irc.Collection]:
    chosen = {n.strip().lower() for n in names.split(",") if n.strip()}
    wanted: list[tuple[str, Path]] = (
        [] if only_extra else [(n, p) for n, p in DEV_COLLECTIONS if not chosen or n.lower() in chosen]
    )
    for spec in extra:
        path, _, name = spec.partition("=")
        wanted.append((name or Path(path).name, Path(path)))
    cols = []
    for name, path in wanted:
        if not path.exists():
            print(f"{name}: not found at {path}, skipped", file=sys.stderr)
            continue
        cols.append(irc.load(path, name))
    return cols


def parse_variant(spec: str) -> tuple[str, Ranking, IndexSettings]:
    """'label:field=value,field=value' over the default Ranking and IndexSettings.

    Per-field settings are written ``field_b=headline/0.3|body/0.8``.
    """
    label, _, assignments = spec.partition(":")
    ranking, settings = Ranking(), IndexSettings()
    index_fields = {f.name for f in dataclasses.fields(IndexSettings)}
    for part in filter(None, (a.strip() for a in assignments.split(","))):
        field, _, raw = part.partition("=")
        if field in index_fields:
            settings = dataclasses.replace(settings, **{field: _convert(raw, getattr(settings, field))})
        else:
            ranking = dataclasses.replace(ranking, **{field: _convert(raw, getattr(ranking, field))})
    return label, ranking, settings


def _convert(raw: str, current: object) -> object:
    if isinstance(current, bool):
        return raw.lower() in ("1", "true", "yes", "on")
    if isinstance(current, int):
        return int(raw)
    if isinstance(current, float):
        return float(raw)
    if isinstance(current, tuple):
        pairs = (item.split("/") for item in raw.split("|") if item)
        return tuple((name, float(value)) for name, value in pairs)
    return raw


# ------------------------------------------------------------------------------------------- reporting


def commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "benchmarks", ":!benchmarks/results"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    head = out.stdout.strip()
    return f"{head}+dirty" if head and dirty.stdout.strip() else head or None


def print_table(
    names: Sequence[str], cols: Sequence[irc.Collection], table: Mapping[str, Mapping[str, Scored]]
):
    width = max(len(n) for n in names) + 2
    for measure in MEASURES:
        print(f"\n{measure.upper():<{width}}" + "".join(f"{c.name:>10}" for c in cols) + f"{'mean':>10}")
        for name in names:
            cells = [table[name][c.name].means[measure] if c.name in table[name] else None for c in cols]
            shown = "".join(f"{v:>10.4f}" if v is not None else f"{'-':>10}" for v in cells)
            avg = mean(v for v in cells if v is not None)
            print(f"{name:<{width}}{shown}{avg:>10.4f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--collection",
        action="append",
        default=[],
        metavar="PATH[=NAME]",
        help="another collection folder (TIME, CRAN or SMART files); repeatable",
    )
    parser.add_argument("--only", action="store_true", help="only the --collection folders, not the dev set")
    parser.add_argument(
        "--collections",
        default="",
        metavar="NAMES",
        help="a subset of the development collections, e.g. TIME-odd,ADI",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="LABEL:FIELD=VALUE,...",
        help="an extra newsearch row: Ranking/IndexSettings fields changed from the default",
    )
    parser.add_argument("--ablation", action="store_true", help="each default reverted alone, per collection")
    parser.add_argument("--loco", action="store_true", help="leave-one-collection-out choice of each setting")
    parser.add_argument("--no-peers", action="store_true", help="newsearch rows only")
    parser.add_argument("--name", default="relevance", help="writes benchmarks/results/NAME.json")
    parser.add_argument("--no-write", action="store_true", help="don't write the JSON record")
    args = parser.parse_args(argv)

    cols = load_collections(args.collection, args.only, args.collections)
    if not cols:
        print("no collection found: nothing to measure.", file=sys.stderr)
        return 0
    for c in cols:
        print(f"{c.name}: " + ", ".join(f"{k} {v}" for k, v in c.counts().items()), file=sys.stderr)
    record: dict = {
        "benchmark": "relevance",
        "commit": commit(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "limit": LIMIT,
        "protocol": "queries lower-cased, punctuation stripped; MAP@1000, nDCG@10 (binary), P@10; "
        f"paired randomization test, two-sided, {ROUNDS} rounds",
        "collections": {c.name: c.counts() for c in cols},
        "newsearch_default": dataclasses.asdict(Ranking()),
        "index_settings_default": dataclasses.asdict(IndexSettings()),
    }
    started_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsearch-relevance-") as tmpdir:
        tmp = Path(tmpdir)
        engines = {c.name: Newsearch(c, tmp / c.name) for c in cols}
        table: dict[str, dict[str, Scored]] = {"newsearch": {}}
        variants = [parse_variant(v) for v in args.variant]
        for label, _, _ in variants:
            table[f"newsearch {label}"] = {}
        for c in cols:
            print(f"{c.name}: newsearch …", file=sys.stderr)
            table["newsearch"][c.name] = scored_newsearch(engines[c.name], Ranking())
            for label, ranking, settings in variants:
                table[f"newsearch {label}"][c.name] = scored_newsearch(engines[c.name], ranking, settings)
            if args.no_peers:
                continue
            for name, make in PEERS:
                search = make(c.docs, tmp / c.name)
                if search is None:
                    print(f"{name}: not installed, skipped (pip install 'newsearch[bench]')", file=sys.stderr)
                    continue
                started = time.perf_counter()
                run = {q: search(t) for q, t in c.queries.items()}
                table.setdefault(name, {})[c.name] = Scored.of(run, c, seconds=time.perf_counter() - started)
        names = list(table)
        print_table(names, cols, table)
        record["figures"] = {n: {c: s.record() for c, s in per.items()} for n, per in table.items()}
        peers = [n for n in names if not n.startswith("newsearch")]
        report_significance(cols, table, peers, record)
        report_refusals(cols, engines, record)
        record["long_query"] = long_query_timing(cols, engines)
        import ranking_study

        gaps = ranking_study.tantivy_gap(Ranking())
        record["tantivy_cannot_express"] = gaps
        print("\ndefaults tantivy-py's BM25 cannot express directly: " + ("; ".join(gaps) or "none"))
        if args.ablation or args.loco:
            base = {c.name: table["newsearch"][c.name] for c in cols}
            if args.ablation:
                ranking_study.ablation(cols, engines, base, record)
            if args.loco:
                ranking_study.loco(cols, engines, record)
    record["seconds"] = round(time.perf_counter() - started_all, 1)
    print(f"\nwhole run: {record['seconds']:.0f} s", file=sys.stderr)
    if not args.no_write:
        out = RESULTS / f"{args.name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


def report_significance(cols, table, peers: Sequence[str], record: dict) -> None:
    """Per collection: newsearch against the best peer on it; and the means over the collections."""
    if not peers:
        return
    ours = table["newsearch"]
    print("\nnewsearch against the best peer on each collection (MAP; paired randomization test, two-sided)")
    out = {}
    for c in cols:
        best = max((p for p in peers if c.name in table[p]), key=lambda p: table[p][c.name].means["map"])
        a, b = ours[c.name], table[best][c.name]
        p_map, p_ndcg = p_value(a, b, "map"), p_value(a, b, "ndcg@10")
        delta = a.means["map"] - b.means["map"]
        verdict = (
            "significantly worse"
            if delta < 0 and p_map < 0.05
            else ("significantly better" if p_map < 0.05 else "no significant difference")
        )
        print(
            f"  {c.name:<10} best peer {best:<13} {b.means['map']:.4f}  newsearch {a.means['map']:.4f}  "
            f"dMAP {delta:+.4f}  p {p_map:.4f}  (nDCG@10 p {p_ndcg:.4f})  {verdict}"
        )
        out[c.name] = {
            "best_peer": best,
            "peer_map": b.means["map"],
            "newsearch_map": a.means["map"],
            "p_map": p_map,
            "p_ndcg@10": p_ndcg,
            "verdict": verdict,
        }
    peer_means = {p: mean(table[p][c.name].means["map"] for c in cols) for p in peers}
    best_mean = max(peer_means, key=peer_means.__getitem__)
    our_mean = mean(ours[c.name].means["map"] for c in cols)
    target = peer_means[best_mean] + 0.01
    print(
        f"  mean MAP: newsearch {our_mean:.4f}, best peer {best_mean} {peer_means[best_mean]:.4f} "
        f"(target >= {target:.4f}: {'met' if our_mean >= target else 'not met'})"
    )
    record["significance"] = out
    record["mean_map"] = {
        "newsearch": our_mean,
        **peer_means,
        "best_peer": best_mean,
        "target": target,
        "met": our_mean >= target,
    }


def report_refusals(cols, engines: Mapping[str, Newsearch], record: dict) -> None:
    """Queries newsearch refused (none should be) and the notices it gave, by kind, per collection."""
    out = {}
    for c in cols:
        r = engines[c.name].run(Ranking())
        out[c.name] = {"refused": r.refused, "notices": dict(r.notices)}
        if r.refused or r.notices:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(r.notices.items())) or "none"
            print(f"  {c.name}: {len(r.refused)} queries refused; notices: {kinds}")
    record["refusals"] = out


def long_query_timing(cols, engines: Mapping[str, Newsearch]) -> dict | None:
    """The longest query of any collection through Index.search as a user runs it (10 hits, snippets):
    the first search on a freshly opened index, then the best of three more."""
    longest = max(
        ((c, q, t) for c in cols for q, t in c.queries.items()),
        key=lambda cqt: len(_WORD.findall(cqt[2])),
        default=None,
    )
    if longest is None:
        return None
    col, qid, raw = longest
    text = query_text(raw)
    with newsearch.open_index(engines[col.name].index(IndexSettings())) as ix:
        started = time.perf_counter()
        result = ix.search(text)
        first = time.perf_counter() - started
        times = []
        for _ in range(3):
            started = time.perf_counter()
            ix.search(text)
            times.append(time.perf_counter() - started)
    out = {
        "collection": col.name,
        "query": qid,
        "words": len(_WORD.findall(raw)),
        "first_search_seconds": first,
        "seconds_best_of_3": min(times),
        "total": result.total,
        "notices": [n.kind for n in result.notices],
    }
    print(
        f"\nlongest query: {col.name} {qid}, {out['words']} words: {first:.3f} s for the first search on a "
        f"freshly opened index, {min(times):.3f} s best of 3 after (10 hits with snippets); notices: "
        f"{', '.join(out['notices']) or 'none'}"
    )
    return out


if __name__ == "__main__":
    raise SystemExit(main())
