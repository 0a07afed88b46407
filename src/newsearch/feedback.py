"""Pseudo-relevance feedback (RM3): words to add to a query, chosen from its best-ranked articles.

Engine-independent: it sees only the articles' stored text and their first-pass scores, and analyses them
with :mod:`newsearch.analysis`, so the words it returns are index terms of the same stemmer. The search layer
turns them into weighted query clauses.

RM3 (Abdul-Jaleel et al., 2004; as in Anserini): the relevance model
P(w|R) = sum over the top articles d of P(w|d) * P(d|q), where P(w|d) = tf(w, d) / |d| and P(d|q) is d's
first-pass score normalised over the top articles. The feedback weight of a word is P(w|R) times its idf
(optional: without it, words common to the whole collection such as "year" crowd out the topical ones on
small collections). The search layer scores (1 - weight) * original query + weight * the feedback words,
the two parts carrying the same total mass (RM3's interpolation).

>>> docs = [(2.0, "Wheat deal with Russia. Canada sells wheat."), (1.0, "Canada wheat harvest")]
>>> [t for t, _ in expansion_terms(docs, limit=2, stemmer="none")]
['wheat', 'canada']
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from . import analysis


def relevance_model(
    docs: Sequence[tuple[float, str]],
    *,
    stemmer: str = analysis.DEFAULT_STEMMER,
) -> dict[str, float]:
    """P(w|R) over the words of ``docs`` (pairs of first-pass score and text); sums to 1."""
    total_score = sum(max(score, 0.0) for score, _ in docs)
    model: defaultdict[str, float] = defaultdict(float)
    for score, text in docs:
        words = [t for t in analysis.terms(text, stemmer) if _useful(t)]
        if not words:
            continue
        doc_weight = max(score, 0.0) / total_score if total_score > 0 else 1.0 / len(docs)
        for word, tf in Counter(words).items():
            model[word] += doc_weight * tf / len(words)
    mass = sum(model.values())
    return {w: p / mass for w, p in model.items()} if mass else {}


def expansion_terms(
    docs: Sequence[tuple[float, str]],
    *,
    limit: int = 20,
    stemmer: str = analysis.DEFAULT_STEMMER,
    doc_frequency: Callable[[str], int] | None = None,
    doc_count: int = 0,
    exclude: Iterable[str] = (),
) -> list[tuple[str, float]]:
    """The ``limit`` best feedback words with weights summing to 1, best first.

    With ``doc_frequency`` and ``doc_count`` each word's P(w|R) is multiplied by its idf,
    log((N + 1) / (df + 0.5)), which keeps collection-wide words out. ``exclude`` drops words outright.
    """
    model = relevance_model(docs, stemmer=stemmer)
    skip = set(exclude)
    scored = []
    for word, p in model.items():
        if word in skip:
            continue
        if doc_frequency is not None and doc_count > 0:
            p *= math.log((doc_count + 1) / (doc_frequency(word) + 0.5))
        if p > 0:
            scored.append((word, p))
    scored.sort(key=lambda wp: (-wp[1], wp[0]))
    best = scored[:limit]
    mass = sum(p for _, p in best)
    return [(w, p / mass) for w, p in best] if mass else []


def _useful(term: str) -> bool:
    """Feedback words are words: no single letters, no bare numbers (years, page numbers, sums)."""
    return len(term) > 1 and not term.isdigit()
