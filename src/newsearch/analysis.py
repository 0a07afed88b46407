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

from nltk.stem.porter import PorterStemmer
from nltk.stem.snowball import EnglishStemmer

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

_porter = PorterStemmer()
_snowball = EnglishStemmer()


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
    if stemmer == "snowball":
        return _snowball.stem(word)
    if stemmer == "porter":
        return _porter.stem(word)
    return word


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
