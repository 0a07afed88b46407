"""How well newsearch's near-duplicate detection finds re-published copies, per similarity threshold.

    python benchmarks/dedupe_eval.py

Reads ../shared/data/bbc_news (98 byte-identical duplicates) and ../shared/data/reuters21578 (bodies that are
identical up to white space) in place and skips a corpus that is absent. For every pair of articles that share
a MinHash LSH band (the candidates newsearch compares), it computes the true Jaccard similarity of their word
3-shingle sets and the MinHash estimate, then reports per threshold: pairs flagged, exact duplicates found
out of all exact-duplicate pairs (recall), and flagged pairs whose true Jaccard is below 0.5 (false alarms).
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, run_meta, table, write_json
from newsearch import dedupe
from newsearch.corpus import discover, read_file
from newsearch.models import Article
from reuters import available as reuters_available
from reuters import stories

DATA = ROOT.parent / "shared" / "data"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
_WORD = re.compile(r"\w+")


def bbc_bodies() -> dict[str, str]:
    folder = DATA / "bbc_news"
    sources = [s for s in discover([folder]) if not hasattr(s, "reason") and "/" in s.rel]
    return {a.id: a.body for s in sources for a in read_file(s) if isinstance(a, Article)}


def reuters_bodies() -> dict[str, str]:
    return {record["id"]: record["body"] for _, record in stories()}


def shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + dedupe.SHINGLE]) for i in range(len(words) - dedupe.SHINGLE + 1)}


def evaluate(name: str, bodies: dict[str, str]) -> dict:
    started = time.perf_counter()
    sigs = {key: dedupe.signature(text) for key, text in bodies.items()}
    per_doc_ms = (time.perf_counter() - started) / max(1, len(bodies)) * 1000
    buckets: dict[str, list[str]] = defaultdict(list)
    for key, sig in sigs.items():
        for band in dedupe.band_keys(sig):
            buckets[band].append(key)
    candidates = {pair for keys in buckets.values() for pair in itertools.combinations(sorted(keys), 2)}
    normal = {key: " ".join(text.split()) for key, text in bodies.items()}
    groups: dict[str, list[str]] = defaultdict(list)
    for key, text in normal.items():
        if text and sigs[key]:
            groups[text].append(key)
    exact_pairs = {p for keys in groups.values() for p in itertools.combinations(sorted(keys), 2)}
    rows = []
    truth = {}
    for a, b in candidates:
        sa, sb = shingles(bodies[a]), shingles(bodies[b])
        truth[(a, b)] = len(sa & sb) / max(1, len(sa | sb))
    for threshold in THRESHOLDS:
        flagged = {p for p in candidates if dedupe.similarity(sigs[p[0]], sigs[p[1]]) >= threshold}
        rows.append(
            {
                "threshold": threshold,
                "flagged_pairs": len(flagged),
                "exact_pairs": len(exact_pairs),
                "exact_found": len(flagged & exact_pairs),
                "near_not_exact": sum(1 for p in flagged - exact_pairs if truth[p] >= 0.5),
                "false_alarms": sum(1 for p in flagged if truth[p] < 0.5),
            }
        )
    return {
        "corpus": name,
        "articles": len(bodies),
        "signature_ms_per_article": round(per_doc_ms, 3),
        "rows": rows,
    }


def main() -> int:
    results = []
    if (DATA / "bbc_news").is_dir():
        results.append(evaluate("bbc_news", bbc_bodies()))
    else:
        print("skipped bbc_news: ../shared/data/bbc_news is absent")
    if reuters_available():
        results.append(evaluate("reuters21578", reuters_bodies()))
    else:
        print("skipped reuters21578: ../shared/data/reuters21578 is absent")
    for res in results:
        cost = res["signature_ms_per_article"]
        print(f"\n{res['corpus']}: {res['articles']} articles, signature {cost} ms each")
        print(
            table(
                [
                    "threshold",
                    "flagged pairs",
                    "exact dup pairs found",
                    "near (J>=0.5) not exact",
                    "false alarms (J<0.5)",
                ],
                [
                    [
                        r["threshold"],
                        r["flagged_pairs"],
                        f"{r['exact_found']}/{r['exact_pairs']}",
                        r["near_not_exact"],
                        r["false_alarms"],
                    ]
                    for r in res["rows"]
                ],
            )
        )
    write_json(ROOT / "benchmarks" / "results" / "dedupe.json", {"meta": run_meta(), "results": results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
