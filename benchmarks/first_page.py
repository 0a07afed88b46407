"""The first page users see against the whole ranking, on the TIME collection (needs ../shared/data/time).

    python benchmarks/first_page.py
    PYTHONPATH=/path/to/other/src python benchmarks/first_page.py       # another newsearch, same corpus

``benchmarks/relevance.py`` scores ``Index.search(limit=1000)``; people see ``limit=10``. The two must agree
on their first ten (a page is a stretch of the whole ranking, whatever its size): P@10 and nDCG@10 are
printed for both. Whoosh's top-N shortcuts once made them differ (issue 16, stage B).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsearch
import relevance
import time_collection as tc


def main() -> int:
    if not (relevance.DATA / "TIME.ALL").exists():
        print(f"TIME collection not found at {relevance.DATA}: nothing to measure.", file=sys.stderr)
        return 0
    col = tc.load(relevance.DATA)
    with tempfile.TemporaryDirectory() as tmp:
        path = relevance.NewsearchEngine(col.docs, Path(tmp)).index("snowball")
        with newsearch.open_index(path) as ix:
            print(f"newsearch from {Path(newsearch.__file__).parent}")
            for limit in (10, 1000):
                run = {}
                for q, text in col.queries.items():
                    hits = ix.search(relevance.query_text(text), limit=limit).hits
                    run[q] = [int(h.id.rsplit("-", 1)[1]) for h in hits]
                m = tc.evaluate(run, col.qrels)
                figures = f"P@10 {m['p@10']:.4f}  nDCG@10 {m['ndcg@10']:.4f}  MAP {m['map']:.4f}"
                print(f"limit {limit:>4}: {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
