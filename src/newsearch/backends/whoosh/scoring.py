"""Ranking -> Whoosh scoring: the one place the engine-neutral :class:`newsearch.models.Ranking` becomes a
Whoosh weighting model. (Field weights are not here: they are boosts in the plan, engine-neutral; the
formulas are :mod:`newsearch.bm25`'s, shared with the other backends.)

Whoosh's own ``BM25F`` fixes the idf to ``log(N / (df + 1)) + 1`` over each field's statistics and takes one
``k1``; :class:`NewsBM25F` reads the idf formula, its scope and per-field ``k1``/``b`` from the Ranking.
"""

from __future__ import annotations

from typing import Any

from whoosh import scoring

from ... import bm25
from ...documents import TEXT_FIELDS
from ...models import Ranking


class NewsBM25F(scoring.WeightingModel):
    """Per-field BM25 with the Ranking's idf formula and scope and per-field ``k1``/``b``."""

    def __init__(self, ranking: Ranking) -> None:
        bm25.check(ranking)
        self.ranking = ranking

    def idf(self, searcher: Any, fieldname: str, text: Any) -> float:
        parent = searcher.get_parent()  # collection-wide statistics, as Whoosh's own BM25F uses
        present = [f for f in TEXT_FIELDS if f in parent.schema]
        df = bm25.scoped_frequency(self.ranking, fieldname, present, lambda f: parent.doc_frequency(f, text))
        return bm25.idf(self.ranking, parent.doc_count_all(), df)

    def supports_block_quality(self) -> bool:
        return True

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        k1, b = bm25.field_parameters(self.ranking, fieldname)
        # Whoosh's BM25F scorer asks the searcher for the idf, which asks this model (and caches it).
        return scoring.BM25FScorer(searcher, fieldname, text, b, k1, qf=qf)


def weighting(ranking: Ranking) -> scoring.WeightingModel:
    """The Whoosh weighting model for ``ranking``."""
    return NewsBM25F(ranking)
