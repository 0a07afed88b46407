"""Ranking on the TIME collection: newsearch on Whoosh and newsearch on tantivy, side by side.

    python benchmarks/relevance_engines.py    # ../shared/data/time -> results/relevance-engines.json

The same corpus indexed twice through ``newsearch.create_index(path, engine=...)`` and searched through
``Index.search`` (the same query language, plan, RM3 feedback and folding on both), so the difference
measured is the engines' scoring: Whoosh's BM25F (idf log(N/(n+1))+1) against tantivy's BM25 (idf
ln(1+(N-n+0.5)/(n+0.5))). The issue's target: tantivy's MAP within 0.01 of the Whoosh backend's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import newsearch
import relevance
import time_collection as tc
from newsearch import Ranking


class Engine(relevance.NewsearchEngine):
    """relevance.NewsearchEngine on a chosen search engine."""

    def __init__(self, docs, tmp: Path, engine: str) -> None:
        super().__init__(docs, tmp / engine)
        self.engine = engine

    def index(self, stemmer: str) -> Path:
        if stemmer not in self.paths:
            path = self.tmp / f"index-{stemmer}"
            started = time.perf_counter()
            report = newsearch.create_index(path, stemmer=stemmer, engine=self.engine).add([self.corpus])
            self.index_seconds[stemmer] = time.perf_counter() - started
            if report.skipped:
                raise SystemExit(f"newsearch skipped records: {report.skipped[:3]}")
            self.paths[stemmer] = path
        return self.paths[stemmer]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=relevance.DATA)
    ap.add_argument("--out", type=Path, default=common.RESULTS / "relevance-engines.json")
    args = ap.parse_args(argv)
    if not (args.data / "TIME.ALL").exists():
        print(f"TIME collection not found at {args.data}: nothing to measure.", file=sys.stderr)
        return 0
    col = tc.load(args.data)
    record: dict = {"benchmark": "relevance-engines", **common.run_meta(), "figures": {}}
    with tempfile.TemporaryDirectory(prefix="newsearch-time-engines-") as tmpdir:
        tmp = Path(tmpdir)
        whoosh, tantivy = Engine(col.docs, tmp, "whoosh"), Engine(col.docs, tmp, "tantivy")
        for label, ranking in (("expansion off", Ranking(expansion=False)), ("default", Ranking())):
            started = time.perf_counter()
            run_w = whoosh.run(col.queries, ranking)
            w_s = time.perf_counter() - started
            started = time.perf_counter()
            run_t = tantivy.run(col.queries, ranking)
            t_s = time.perf_counter() - started
            mw, mt = tc.evaluate(run_w, col.qrels), tc.evaluate(run_t, col.qrels)
            same_top10 = sum(run_w[q][:10] == run_t[q][:10] for q in col.queries) / len(col.queries)
            record["figures"][label] = {"whoosh": mw, "tantivy": mt, "map_difference": mt["map"] - mw["map"],
                                        "same_top10_share": same_top10, "seconds": {"whoosh": w_s,
                                        "tantivy": t_s}}  # fmt: skip
            print(f"{label:14s} Whoosh MAP {mw['map']:.4f} P@10 {mw['p@10']:.4f} nDCG@10 {mw['ndcg@10']:.4f}"
                  f" | tantivy MAP {mt['map']:.4f} P@10 {mt['p@10']:.4f} nDCG@10 {mt['ndcg@10']:.4f}"
                  f" | ΔMAP {mt['map'] - mw['map']:+.4f}; same top 10: {same_top10:.0%}")  # fmt: skip
    common.write_json(args.out, record)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
