"""Text analysis for news: tokenize, normalise, drop stop words, stem — the same for articles and queries.

Engine-independent: the index adapter (``schema.NewsTokenizer``) wraps :func:`analyze`. NLTK supplies only the
stemmers, which need no downloaded data; the stop list is shipped with the package.

>>> [t.term for t in analyze("The U.S. and al-Thani's COVID-19 talks")]
['us', 'al', 'thani', 'covid', '19', 'talk']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

STEMMERS = ("snowball", "porter", "none")
DEFAULT_STEMMER = "snowball"

# One alternation, tried left to right at each position:
#   acronyms with dots ("U.S.", "U.N", "e.g.") — one token, dots dropped, so "U.S." == "US";
#   numbers with separators ("2,000", "3.5");
#   words with inner apostrophes ("O'Brien", "Hamas's"); hyphens split ("al-Thani" -> al, thani) so that
#   a search for "Thani" finds "al-Thani" and the query "al-Thani" becomes the phrase "al thani".
TOKEN_RE = re.compile(
    r"""
    (?<!\w)[^\W\d_](?:\.[^\W\d_])+\.?(?!\w)
    | \d+(?:[.,]\d+)*
    | \w+(?:['’]\w+)*
    """,
    re.VERBOSE,
)
_ACRONYM_DOTS = re.compile(r"\.")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    term: str  # what the index stores
    position: int  # ordinal among kept tokens (stop words leave no gap)
    start: int  # character span of the original word in the text
    end: int


def _load_stopwords() -> frozenset[str]:
    text = resources.files("newsearch").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    words = (line.strip() for line in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


STOPWORDS: frozenset[str] = _load_stopwords()

# NLTK's stemmers, made on first use. ``import nltk`` runs the whole package's __init__, which imports
# scipy.stats and scikit-learn when they are installed: ``import newsearch`` took 1.2 s with it at the top,
# 0.18 s without (python -X importtime, in a venv with the bench extra). Deferred, an indexing run's worker
# processes (forked before the first stem, never stemming) do not pay it, and the writing process pays it
# while they extract instead of before they start.
_stemmers: dict[str, Any] = {}


def _stemmer(name: str) -> Any:
    found = _stemmers.get(name)
    if found is None:
        if name == "snowball":
            from nltk.stem.snowball import EnglishStemmer

            found = EnglishStemmer()
        else:
            from nltk.stem.porter import PorterStemmer

            found = PorterStemmer()
        _stemmers[name] = found
    return found


def _fold(word: str) -> str:
    """Lowercase and drop accents ("Zürich" -> "zurich"), so a query typed without them still matches."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=262_144)
def normalize(raw: str, stemmer: str = DEFAULT_STEMMER) -> str | None:
    """The index term for one raw token, or None when it is a stop word."""
    if "." in raw:
        raw = _ACRONYM_DOTS.sub("", raw)
    elif "'" in raw or "’" in raw:
        raw = _POSSESSIVE.sub("", raw).replace("’", "'")
    word = _fold(raw)
    if word in STOPWORDS:
        return None
    if stemmer == "none":
        return word
    return _stem(word, stemmer)


_STEM_CACHE_LIMIT = 262_144
_stems: dict[str, dict[str, str]] = {"snowball": {}, "porter": {}}
# What NLTK's Snowball English leaves as it is: every suffix rule needs a letter (tested on every number of
# Reuters-21578 and random ones), and numbers are a quarter of a news corpus's distinct words.
_DIGITS_AND_COMMAS = re.compile(r"[0-9,]+")


def _stem(word: str, stemmer: str) -> str:
    """The stem of a folded word, cached by the folded word: :func:`normalize`'s cache is keyed by the raw
    token, and "Bahia", "BAHIA" and "Bahia's" share one stem (on Reuters 62k folded words for 84k raw tokens;
    a Snowball stem costs 5-20 us)."""
    cache = _stems[stemmer]
    found = cache.get(word)
    if found is None:
        if stemmer == "snowball":
            found = word if _DIGITS_AND_COMMAS.fullmatch(word) else _stemmer(stemmer).stem(word)
        else:
            found = _stemmer(stemmer).stem(word)
        if len(cache) >= _STEM_CACHE_LIMIT:
            cache.clear()
        cache[word] = found
    return found


def analyze(text: str, stemmer: str = DEFAULT_STEMMER, *, keep_stops: bool = False) -> Iterator[Token]:
    """Yield the index tokens of ``text``; with ``keep_stops`` stop words come through as term ''."""
    if stemmer not in STEMMERS:
        raise ValueError(f"unknown stemmer {stemmer!r}; choose one of {', '.join(STEMMERS)}")
    position = 0
    for match in TOKEN_RE.finditer(text):
        term = normalize(match.group(), stemmer)
        if term is None:
            if keep_stops:
                yield Token("", position, match.start(), match.end())
            continue
        yield Token(term, position, match.start(), match.end())
        position += 1


def terms(text: str, stemmer: str = DEFAULT_STEMMER) -> list[str]:
    """The index terms of ``text`` in order (what :func:`analyze` yields, without building Tokens: about
    twice as fast, which counts where every quote of every matching article is analysed)."""
    if stemmer not in STEMMERS:
        raise ValueError(f"unknown stemmer {stemmer!r}; choose one of {', '.join(STEMMERS)}")
    return [t for m in TOKEN_RE.finditer(text) if (t := normalize(m.group(), stemmer)) is not None]


# ``joined_terms`` on ASCII text: the bytes a token can hold (word characters and . , ') kept, every other
# byte a space. No token spans a space then, and TOKEN_RE's look-arounds only ask whether a neighbour is a
# word character, which a space or the end of a chunk are not: the tokens of the text are the tokens of its
# chunks, in order.
_CHUNK_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,'")
_ASCII_CHUNKS = bytes(c if c in _CHUNK_BYTES else 32 for c in range(256))
_CHUNK_CACHE_LIMIT = 500_000  # distinct chunks remembered per stemmer (~80 MB at the limit)
_chunk_terms: dict[str, dict[bytes, str]] = {}


def joined_terms(text: str, stemmer: str = DEFAULT_STEMMER) -> str:
    """The index terms of ``text`` joined by single spaces: ``" ".join(terms(text, stemmer))``.

    What an engine that splits pre-analysed text on spaces indexes (tantivy). ASCII text, nearly all news
    copy, takes a fast path: one ``bytes.translate`` and ``split`` cut it into chunks (a word with its
    dots, commas and apostrophes), and each distinct chunk's terms are worked out once and looked up after
    that: a dict look-up per chunk instead of a regex match and a look-up per token (Reuters body text:
    ~49 -> ~21 us a story warm). Other text goes through :func:`terms`.

    >>> joined_terms("The U.S. said 2,000 talks' (al-Thani's)")
    'us said 2,000 talk al thani'
    """
    if not text.isascii():
        return " ".join(terms(text, stemmer))
    if stemmer not in STEMMERS:
        raise ValueError(f"unknown stemmer {stemmer!r}; choose one of {', '.join(STEMMERS)}")
    cache = _chunk_terms.get(stemmer)
    if cache is None:
        cache = _chunk_terms[stemmer] = {}
    chunks = text.encode("ascii").translate(_ASCII_CHUNKS).split()
    found = list(map(cache.get, chunks))
    if None in found:
        if len(cache) >= _CHUNK_CACHE_LIMIT:
            cache.clear()
        # The chunks not seen before, found by list.index (a run with a cold cache misses a few per story).
        # A chunk's terms are "" for a chunk of stop words or punctuation alone, which the join below drops
        # (ASCII terms are never empty and hold no space).
        i = found.index(None)
        while True:
            chunk = chunks[i]
            term = cache.get(chunk)
            if term is None:
                term = cache[chunk] = " ".join(terms(chunk.decode("ascii"), stemmer))
            found[i] = term
            try:
                i = found.index(None, i + 1)
            except ValueError:
                break
    return " ".join(filter(None, found))
