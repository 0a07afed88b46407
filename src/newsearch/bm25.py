"""BM25 as :class:`newsearch.models.Ranking` defines it, engine-neutral: the idf formulas, which document
frequency a word's idf uses, and each field's ``k1``/``b``. Every backend scores through these, so the
Whoosh and memory backends (and a compiled one) agree on what a setting means.

Each text field is scored on its own and the field scores are added (per-field BM25, as Whoosh's BM25F
and Lucene's multi-field queries do); field weights are boosts in the plan.

>>> round(lucene_idf(1000, 10), 4), round(whoosh_idf(1000, 10), 4)
(4.5574, 5.5099)
>>> round(lucene_idf(1000, 900), 4), round(whoosh_idf(1000, 900), 4)
(0.1058, 1.1043)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from .models import Ranking

IDFS = ("lucene", "whoosh")
IDF_SCOPES = ("article", "field")
QUERY_TERM_WEIGHTS = ("once", "count")


def lucene_idf(doc_count: int, doc_frequency: int) -> float:
    """Lucene's (and Elasticsearch's, tantivy's, bm25s'): a word in most documents weighs almost nothing."""
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def whoosh_idf(doc_count: int, doc_frequency: int) -> float:
    """Whoosh's: never below about 1, so common words of a long query still add up."""
    return math.log(doc_count / (doc_frequency + 1)) + 1


def check(ranking: Ranking) -> None:
    """ValueError naming the setting when ``ranking`` holds a value no backend knows."""
    for name, allowed in (
        ("idf", IDFS),
        ("idf_scope", IDF_SCOPES),
        ("query_term_weight", QUERY_TERM_WEIGHTS),
    ):
        if getattr(ranking, name) not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)} (got {getattr(ranking, name)!r})")
    for name in ("field_b", "field_k1"):
        for pair in getattr(ranking, name):
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
                raise ValueError(f"{name} holds (field, value) pairs, e.g. (('headline', 0.3),)")


def idf(ranking: Ranking, doc_count: int, doc_frequency: int) -> float:
    return (lucene_idf if ranking.idf == "lucene" else whoosh_idf)(doc_count, doc_frequency)


def scoped_frequency(
    ranking: Ranking, field: str, text_fields: Iterable[str], frequency: Callable[[str], int]
) -> int:
    """The document frequency a word's idf uses in ``field``: that field's own ("field" scope), or for a text
    field with "article" scope the articles holding the word in any text field, approximated by the field
    where it is most frequent (normally the body: a headline word nearly always recurs there). Article scope
    keeps a word that is common in bodies but rare in headlines from weighing more in the headline."""
    fields = tuple(text_fields)
    if ranking.idf_scope == "article" and field in fields:
        return max(frequency(f) for f in fields)
    return frequency(field)


def field_parameters(ranking: Ranking, field: str) -> tuple[float, float]:
    """(k1, b) for ``field``: its own where Ranking.field_k1/field_b name it, else bm25_k1/bm25_b."""
    k1 = dict(ranking.field_k1).get(field, ranking.bm25_k1)
    return k1, dict(ranking.field_b).get(field, ranking.bm25_b)


def bm25(idf_value: float, tf: float, length: float, average: float, k1: float, b: float) -> float:
    """One field's BM25 score for a term: idf * tf (k1 + 1) / (tf + k1 (1 - b + b length / average))."""
    return idf_value * tf * (k1 + 1) / (tf + k1 * ((1 - b) + b * length / (average or 1.0)))
