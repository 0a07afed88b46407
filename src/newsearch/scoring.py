"""How a Ranking scores on Whoosh: BM25 per field with per-field ``b``/``k1`` and a choice of idf.

The one place that turns :class:`newsearch.models.Ranking`'s engine-neutral scoring settings into Whoosh
objects (a weighting model and query-term boosts), so another backend reads the same settings.

Whoosh's own ``BM25F`` sums one BM25 per field (each field's term frequency saturated on its own, with that
field's idf and average length) and uses the idf ``log(N / (df + 1)) + 1``. ``NewsBM25F`` keeps the
per-field sum and offers Lucene's idf, ``log(1 + (N - df + 0.5) / (df + 0.5))`` (Lucene, Elasticsearch,
tantivy, bm25s), which gives words found in most documents almost no weight where Whoosh's gives them at
least 1.

>>> round(lucene_idf(1000, 10), 4), round(whoosh_idf(1000, 10), 4)
(4.5597, 5.5106)
>>> round(lucene_idf(1000, 900), 4), round(whoosh_idf(1000, 900), 4)
(0.1052, 1.1043)
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from whoosh import scoring

from .models import Ranking
from .schema import TEXT_FIELDS

IDFS = ("lucene", "whoosh")
IDF_SCOPES = ("field", "article")


def lucene_idf(doc_count: int, doc_frequency: int) -> float:
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def whoosh_idf(doc_count: int, doc_frequency: int) -> float:
    return math.log(doc_count / (doc_frequency + 1)) + 1


class NewsBM25F(scoring.WeightingModel):
    """Per-field BM25 with per-field ``b`` and ``k1`` and the idf named by ``idf`` ("lucene" or "whoosh")."""

    def __init__(
        self,
        *,
        idf: str = "lucene",
        b: float = 0.75,
        k1: float = 1.2,
        field_b: Mapping[str, float] | None = None,
        field_k1: Mapping[str, float] | None = None,
        idf_scope: str = "field",
        text_fields: tuple[str, ...] = TEXT_FIELDS,
    ) -> None:
        if idf not in IDFS:
            raise ValueError(f"idf must be one of {', '.join(IDFS)}")
        if idf_scope not in IDF_SCOPES:
            raise ValueError(f"idf_scope must be one of {', '.join(IDF_SCOPES)}")
        self.idf_scope = idf_scope
        self.text_fields = text_fields
        self.idf_formula = idf
        self.b, self.k1 = b, k1
        self.field_b = dict(field_b or {})
        self.field_k1 = dict(field_k1 or {})

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        n, df = parent.doc_count_all(), parent.doc_frequency(fieldname, text)
        if self.idf_scope == "article" and fieldname in self.text_fields:
            # One idf per word over whole articles: the articles holding it in any text field, approximated
            # by the field where it is most frequent (a headline word is nearly always in the body too).
            df = max(parent.doc_frequency(f, text) for f in self.text_fields if f in parent.schema)
        return lucene_idf(n, df) if self.idf_formula == "lucene" else whoosh_idf(n, df)

    def supports_block_quality(self):
        return True

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        b = self.field_b.get(fieldname, self.b)
        k1 = self.field_k1.get(fieldname, self.k1)
        return scoring.BM25FScorer(searcher, fieldname, text, b, k1, qf=qf)


def weighting(ranking: Ranking) -> NewsBM25F:
    """The Whoosh weighting model for ``ranking``."""
    return NewsBM25F(
        idf=ranking.idf,
        b=ranking.bm25_b,
        k1=ranking.bm25_k1,
        field_b=dict(ranking.field_b),
        field_k1=dict(ranking.field_k1),
        idf_scope=ranking.idf_scope,
    )


QUERY_TERM_WEIGHTS = ("once", "count")


def weigh_repeats(words: list, mode: str, counts: Mapping[str, int], term_of) -> list:
    """The free-word clauses with the weight ``mode`` gives a word typed more than once: "once" (each
    distinct word counts once) or "count" (a word typed n times weighs n times, as in Lucene and bm25s: the
    words a pasted paragraph repeats are its topic). ``counts`` are the typed words' index terms counted in
    the query text; ``term_of`` gives a clause's term (None for a clause of several words)."""
    if mode not in QUERY_TERM_WEIGHTS:
        raise ValueError(f"query_term_weight must be one of {', '.join(QUERY_TERM_WEIGHTS)}")
    if mode == "once":
        return words
    out = []
    for w in words:
        n = counts.get(term_of(w) or "", 1)
        out.append(w if n <= 1 else w.with_boost(w.boost * n))
    return out
