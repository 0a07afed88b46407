"""Are ``Index.quotes`` totals and speaker counts exact, and what does exactness cost?

    python benchmarks/quotes_scan.py --index /tmp/bbc-index --name after   # an index of bbc_news
    python benchmarks/quotes_scan.py --name after                          # builds one under work/

For each query (general words that occur in many articles, and speakers), ``Index.quotes(q, limit=None)``
is timed (median of ``--rounds``) and compared with the truth computed by brute force: the quotes of EVERY
article in the index run through the same plan (``quotes.quote_hits`` over all stored records, no candidate
selection). Reported per query: matching candidate articles, the quote total and the top speakers' counts
from ``Index.quotes`` and from the truth, whether they agree, and the time. The record goes to
``results/quotes-<name>.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import newsearch
from newsearch import quotes as quotelib
from newsearch.models import Filters, SearchRequest

BBC = common.ROOT.parent / "shared" / "data" / "bbc_news"
# General words found in many BBC articles (more than 1,000 of its 2,225 for the first ones) and speakers.
QUERIES: tuple[tuple[str | None, str | None], ...] = (
    ("people", None),
    ("year", None),
    ("government", None),
    ("think", None),
    ("market", None),
    ("world OR game", None),
    (None, "Blair"),
    (None, "Brown"),
    ("election", "Blair"),
)


def truth(ix: newsearch.Index, text: str | None, speaker: str | None) -> tuple[int, Counter]:
    """Every matching quote of every article, by brute force (the plan Index.quotes reads, no candidates)."""
    searcher = ix.searcher
    reader = searcher.reader()
    request = SearchRequest(text=text or "*", filters=Filters(speakers=(speaker,)) if speaker else Filters())
    ranking = replace(searcher.ranking, grouping="and", expansion=False)
    plan = searcher.plan(request, reader, ranking=ranking)
    speakers = set(plan.values.get("speakers", ())) if speaker else None
    records = ((reader.stored(d), 0.0) for d in sorted(reader.all_docs()))
    found = quotelib.quote_hits(records, plan if text else None, speakers, reader.stemmer)
    return len(found), Counter(q.speaker for q in found if q.speaker)


def candidates(ix: newsearch.Index, text: str | None, speaker: str | None) -> int:
    res = ix.search(text or "*", limit=0, speakers=[speaker] if speaker else [], collapse=False)
    return res.total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, help="an index of bbc_news (default: build one under work/)")
    parser.add_argument("--name", default="run")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    index = args.index
    if index is None:
        if not BBC.is_dir():
            sys.exit(f"{BBC} is absent")
        index = common.WORK / "quotes-bbc-index"
        newsearch.index_corpus(index, [str(BBC)])
    ix = newsearch.open_index(index)
    rows, record = [], []
    for text, speaker in QUERIES:
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            got = ix.quotes(text, speaker=speaker, limit=None)
            times.append(time.perf_counter() - started)
        total, counts = truth(ix, text, speaker)
        top = [(v.value, v.count) for v in got.speakers[:3]]
        want = [(name, counts[name]) for name, _ in top]
        exact = (
            got.total == total
            and top == want
            and [v.count for v in got.speakers] == sorted(counts.values(), reverse=True)[: len(got.speakers)]
        )
        label = " ".join(p for p in (text, f"--speaker {speaker}" if speaker else None) if p)
        cands = candidates(ix, text, speaker)
        notices = [n.kind for n in got.notices]
        rows.append(
            (label, cands, got.total, total, top[0] if top else "-", want[0] if want else "-", exact,
             ",".join(notices) or "-", f"{statistics.median(times) * 1000:.0f}")
        )  # fmt: skip
        record.append(
            {
                "query": text,
                "speaker": speaker,
                "candidate_articles": cands,
                "total": got.total,
                "true_total": total,
                "top_speakers": top,
                "true_counts_of_those": want,
                "exact": exact,
                "notices": notices,
                "median_ms": round(statistics.median(times) * 1000, 1),
            }
        )
    headers = ("query", "articles", "total", "true total", "top speaker", "true", "exact", "notices", "ms")
    print(common.table(headers, rows))
    common.write_json(
        common.RESULTS / f"quotes-{args.name}.json",
        {
            **common.run_meta(),
            "index": str(index),
            "articles": len(ix),
            "rounds": args.rounds,
            "queries": record,
        },
    )


if __name__ == "__main__":
    main()
