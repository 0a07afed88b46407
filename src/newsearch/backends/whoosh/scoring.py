"""Ranking -> Whoosh scoring: the one place the engine-neutral :class:`newsearch.models.Ranking` becomes a
Whoosh weighting model. (Field weights are not here: they are boosts in the plan, engine-neutral.)"""

from __future__ import annotations

from whoosh import scoring

from ...models import Ranking


def weighting(ranking: Ranking) -> scoring.WeightingModel:
    """BM25 per field and term (Whoosh's BM25F), with the Ranking's k1 and b."""
    return scoring.BM25F(B=ranking.bm25_b, K1=ranking.bm25_k1)
