"""newsearch's analysis, fed to tantivy: the index holds exactly the terms and positions the Whoosh path does.

Decided by measurement (see the issue-15 note, ``benchmarks/engine_parity.py``): a tantivy analyzer built
from its own parts (regex tokenizer, lowercaser, ASCII folding, custom stop words, Snowball) produced a
different term sequence for 74% of Reuters stories and 71% of BBC articles — Rust's regex has no
look-around for the acronym rule, no filter drops the dots of "U.S." (or the "." of "1.5", which newsearch
indexes as "15"), the possessive is stripped after the stop list instead of before it ("it's" is kept as
"it"), rust-stemmers' English disagrees with NLTK's Snowball ("international": internat / intern), and its
stop filter leaves position gaps where newsearch's analysis leaves none.

So the terms come from :mod:`newsearch.analysis` and tantivy only splits them: each text field is indexed
as its terms joined by single spaces, through a whitespace tokenizer registered as :data:`TOKENIZER`.
Positions are then the ordinals of the kept terms, as in the Whoosh path, and phrase queries built from
analysed query words line up with them. A text whose terms could not be told apart by that split (a term
holding whitespace, which NFKD folding can produce, or an empty term) goes in as a PreTokenizedString
with the same terms and positions instead. Indexing cost: see the note (one regex pass and a dict look-up
per word, no Python object per token).
"""

from __future__ import annotations

import re
from typing import Any

from ... import analysis
from . import require

TOKENIZER = "newsearch_terms"
_CACHE_LIMIT = 500_000  # distinct raw words remembered per stemmer (~60 MB at the limit)
_SPACE = re.compile(r"\s")
_caches: dict[str, dict[str, str | None]] = {}
_MISSING: Any = object()


def _normalizer(stemmer: str):
    cache = _caches.setdefault(stemmer, {})
    normalize = analysis.normalize

    def term(raw: str) -> str | None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        found = cache[raw] = normalize(raw, stemmer)
        return found

    return cache, term


def index_terms(text: str, stemmer: str = analysis.DEFAULT_STEMMER) -> list[str]:
    """The index terms of ``text`` in order: the same list as ``analysis.terms(text, stemmer)``, faster."""
    if stemmer not in analysis.STEMMERS:
        raise ValueError(f"unknown stemmer {stemmer!r}")
    cache, miss = _normalizer(stemmer)
    get = cache.get
    out: list[str] = []
    append = out.append
    for raw in analysis.TOKEN_RE.findall(text):
        term = get(raw, _MISSING)
        if term is _MISSING:
            term = miss(raw)
        if term is not None:
            append(term)  # type: ignore[arg-type]
    return out


def indexed_value(text: str, stemmer: str = analysis.DEFAULT_STEMMER) -> Any:
    """What to add to a text field for ``text``: its terms joined by spaces, or a PreTokenizedString."""
    if text.isascii():  # ASCII terms are never empty and hold no whitespace: always the joined string
        return analysis.joined_terms(text, stemmer)
    terms = index_terms(text, stemmer)
    joined = " ".join(terms)
    if joined.isascii() and "" not in terms:
        return joined
    if "" not in terms and not any(_SPACE.search(t) for t in terms):
        return joined
    return pretokenized(text, stemmer)


def pretokenized(text: str, stemmer: str = analysis.DEFAULT_STEMMER) -> Any:
    """``text`` with newsearch's tokens (term, position, character span) as a tantivy PreTokenizedString."""
    tantivy = require()
    tokens = [tantivy.Token(t.term, t.position, t.start, t.end) for t in analysis.analyze(text, stemmer)]
    return tantivy.PreTokenizedString(text, tokens)


def register(index: Any) -> None:
    """Register :data:`TOKENIZER` (a whitespace split, nothing else) on a tantivy Index."""
    tantivy = require()
    index.register_tokenizer(TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
