"""How newsearch's Ranking maps to tantivy's scoring: the one place that says so.

tantivy scores every (field, term) with BM25 and sums the clauses a document matches, each times its
boost (newsearch's field weights are boosts in the plan, as on Whoosh). Its BM25 fixes k1 = 1.2, b = 0.75
and the idf ln(1 + (N - n + 0.5) / (n + 0.5)) over the field's own document frequency. A term's score is
idf x tf-part, so multiplying its boost by (the Ranking's idf) / (tantivy's idf) gives exactly the
Ranking's idf formula and scope (:mod:`newsearch.bm25`): :func:`idf_weight`. k1 and b cannot be changed
from Python: a Ranking asking for other values is refused (:func:`unsupported`), never silently ignored.
Field lengths are quantised to a byte by tantivy, as by Whoosh: scores agree closely, not exactly.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from ... import bm25
from ...documents import TEXT_FIELDS
from ...models import Ranking

K1, B = 1.2, 0.75


def unsupported(ranking: Any) -> list[str]:
    """What tantivy cannot do of a Ranking, one message each (empty: everything is honoured)."""
    out: list[str] = []
    if ranking is None:
        return out
    fields = {f for f, _ in (*ranking.field_k1, *ranking.field_b)}
    if any(abs(bm25.field_parameters(ranking, f)[0] - K1) > 1e-9 for f in (*TEXT_FIELDS, *fields)) or any(
        abs(bm25.field_parameters(ranking, f)[1] - B) > 1e-9 for f in (*TEXT_FIELDS, *fields)
    ):
        out.append(
            f"the tantivy engine scores with BM25 k1={K1}, b={B} in every field; this Ranking's bm25_k1, "
            "bm25_b, field_k1 or field_b ask for other values (use the whoosh engine for them)"
        )
    return out


def check(ranking: Ranking) -> None:
    """ValueError naming what tantivy cannot apply (and whatever no engine knows)."""
    bm25.check(ranking)
    problems = unsupported(ranking)
    if problems:
        raise ValueError("; ".join(problems))


def tantivy_idf(doc_count: int, doc_frequency: int) -> float:
    """tantivy's own idf (Bm25Weight): the same formula as Lucene's."""
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def _swap(frequency: Callable[[str, str], int], term: str, field: str) -> int:
    return frequency(field, term)


def idf_weight(
    ranking: Ranking, doc_count: int, frequency: Callable[[str, str], int]
) -> Callable[[str, tuple[str, ...]], float]:
    """weight(field, terms): the factor turning tantivy's idf (summed over a phrase's terms, as tantivy's
    phrase scorer sums them) into the Ranking's, with the Ranking's document-frequency scope."""

    @functools.lru_cache(maxsize=4096)
    def weight(field: str, terms: tuple[str, ...]) -> float:
        theirs = ours = 0.0
        for term in terms:
            own = frequency(field, term)
            if not own:
                continue  # matches nothing here: the factor does not matter
            theirs += tantivy_idf(doc_count, own)
            df = bm25.scoped_frequency(ranking, field, TEXT_FIELDS, functools.partial(_swap, frequency, term))
            ours += bm25.idf(ranking, doc_count, df)
        return ours / theirs if theirs > 0 else 1.0

    return weight
