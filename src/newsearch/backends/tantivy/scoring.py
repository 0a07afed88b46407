"""How newsearch's Ranking maps to tantivy's scoring: the one place that says so.

tantivy scores every (field, term) with BM25 (k1 = 1.2, b = 0.75, fixed in the engine; idf
ln(1 + (N - n + 0.5) / (n + 0.5)); field lengths quantised to a byte, as Whoosh's are) and sums the clauses
a document matches, each times its boost: newsearch's headline and standfirst boosts are boosts on those
fields' term queries, the same as on Whoosh. Whoosh's BM25F idf is log(N / (n + 1)) + 1: the two rank
alike but not identically (measured on TIME in the issue-15 note).
"""

from __future__ import annotations

from typing import Any

K1, B = 1.2, 0.75


def unsupported(ranking: Any) -> list[str]:
    """What tantivy cannot do of a Ranking, one message each (empty: everything is honoured)."""
    out: list[str] = []
    if ranking is None:
        return out
    if abs(ranking.bm25_k1 - K1) > 1e-9 or abs(ranking.bm25_b - B) > 1e-9:
        out.append(
            f"the tantivy engine scores with BM25 k1={K1}, b={B}; "
            f"Ranking(bm25_k1={ranking.bm25_k1}, bm25_b={ranking.bm25_b}) is not applied"
        )
    return out
