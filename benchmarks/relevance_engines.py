"""Ranking: newsearch on Whoosh and newsearch on tantivy, side by side on the relevance collections.

    python benchmarks/relevance_engines.py              # TIME and the other dev collections in ../shared/data
    python benchmarks/relevance_engines.py --only TIME

Each collection is indexed twice through ``newsearch.create_index(path, engine=...)`` (relevance.py's
Newsearch harness: same corpus file, no extraction) and searched through ``Index.search`` with the same
Ranking (the default, and with expansion off), so the difference measured is the engines' scoring: both
apply the Ranking's idf formula and scope (tantivy through per-term boosts, see backends/tantivy/
scoring.py); field lengths are quantised differently. The issue's target: on TIME, tantivy's MAP within
0.01 of the Whoosh backend's. Writes benchmarks/results/relevance-engines.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import relevance
import time_collection as tc
from newsearch import Ranking


class Engine(relevance.Newsearch):
    """relevance.Newsearch with its indexes kept in a chosen search engine (own folder per engine)."""

    def __init__(self, col, tmp: Path, engine: str) -> None:
        super().__init__(col, tmp / engine, engine)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="collection names, comma-separated (default: every dev one)")
    ap.add_argument("--out", type=Path, default=common.RESULTS / "relevance-engines.json")
    args = ap.parse_args(argv)
    cols = relevance.load_collections([], False, args.only)
    if not cols:
        print("no relevance collection found under ../shared/data: nothing to measure", file=sys.stderr)
        return 0
    record: dict = {"benchmark": "relevance-engines", **common.run_meta(), "figures": {}}
    settings = (("default", Ranking()), ("expansion off", dataclasses.replace(Ranking(), expansion=False)))
    with tempfile.TemporaryDirectory(prefix="newsearch-relevance-engines-") as tmpdir:
        for col in cols:
            tmp = Path(tmpdir) / col.name
            whoosh, tantivy = Engine(col, tmp, "whoosh"), Engine(col, tmp, "tantivy")
            for label, ranking in settings:
                run_w, run_t = whoosh.run(ranking), tantivy.run(ranking)
                mw, mt = tc.evaluate(run_w.run, col.qrels), tc.evaluate(run_t.run, col.qrels)
                same = sum(run_w.run.get(q, [])[:10] == run_t.run.get(q, [])[:10] for q in col.queries)
                record["figures"][f"{col.name} {label}"] = {
                    "whoosh": mw, "tantivy": mt, "map_difference": mt["map"] - mw["map"],
                    "same_top10_share": same / len(col.queries),
                    "seconds": {"whoosh": run_w.seconds, "tantivy": run_t.seconds},
                }  # fmt: skip
                print(f"{col.name:6s} {label:14s} MAP Whoosh {mw['map']:.4f} tantivy {mt['map']:.4f} "
                      f"(Δ {mt['map'] - mw['map']:+.4f}) | nDCG@10 {mw['ndcg@10']:.4f} / {mt['ndcg@10']:.4f}"
                      f" | same top 10: {same / len(col.queries):.0%}")  # fmt: skip
    common.write_json(args.out, record)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
