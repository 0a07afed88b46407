"""Snippets: a short passage of a hit around the words the user typed, with their offsets. Engine-free.

Cheaper than Whoosh's highlighter, which analyses the whole field: the typed terms' likely spellings are
found with one compiled regex (a Snowball/Porter stem minus its last letter is a prefix of the words it
comes from: "prison" <- "prisoners", "countr" <- "country"/"countries"), and only the tokens it lands on
are analysed to confirm them. Scanning stops once the fragments are full.

>>> text, spans = snippet({"body": "Talks resumed. The prisoner exchange went ahead on Monday."},
...                       {"body": frozenset({"prison", "exchang"})}, "snowball")
>>> [text[s.start:s.end] for s in spans]
['prisoner', 'exchange']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .analysis import TOKEN_RE, normalize
from .models import Span

SNIPPET_CHARS = 220  # at most per fragment
SURROUND = 60  # characters of context before the first and after the last match of a fragment
FRAGMENTS = 2
SEPARATOR = " … "
FIELDS = ("body", "standfirst", "headline")  # where a snippet is taken from, in this order
_WHITESPACE = re.compile(r"\s+")


def snippet(
    record: Mapping[str, Any], highlight: Mapping[str, frozenset[str]], stemmer: str
) -> tuple[str, tuple[Span, ...]]:
    """(snippet, highlighted spans) for a stored record; the lead of the article when nothing is typed."""
    for name in FIELDS:
        terms = highlight.get(name)
        text = record.get(name) or ""
        if terms and text:
            found = fragments(text, terms, stemmer)
            if found:
                return render(text, found)
    return lead(record.get("standfirst") or record.get("body") or ""), ()


def fragments(text: str, terms: frozenset[str], stemmer: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Up to FRAGMENTS (start, end, matches) windows of ``text``: a second one only for terms the first
    lacks."""
    out: list[tuple[int, int, list[tuple[int, int]]]] = []
    covered: set[str] = set()
    current: list[tuple[int, int]] = []
    current_terms: set[str] = set()
    for start, end, term in _matches(text, terms, stemmer):
        if current and end - current[0][0] <= SNIPPET_CHARS - 2 * SURROUND:
            current.append((start, end))
            current_terms.add(term)
            continue
        if current:
            out.append(_window(text, current))
            covered |= current_terms
            if len(out) == FRAGMENTS or covered >= terms:
                return out
            if term in covered:
                current, current_terms = [], set()
                continue
        current, current_terms = [(start, end)], {term}
    if current:
        out.append(_window(text, current))
    return out


def _matches(text: str, terms: frozenset[str], stemmer: str):
    """(start, end, term) of each token of ``text`` whose index term is one of ``terms``, in order."""
    for candidate in _prefilter(terms).finditer(text):
        token = TOKEN_RE.match(text, candidate.start())
        if token is None:
            continue
        term = normalize(token.group(), stemmer)
        if term in terms:
            yield token.start(), token.end(), term


@lru_cache(maxsize=512)
def _prefilter(terms: frozenset[str]) -> re.Pattern[str]:
    heads = sorted({t[:-1] if len(t) > 2 else t[:1] for t in terms if t}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(h) for h in heads) + ")", re.IGNORECASE)


def _window(text: str, matches: list[tuple[int, int]]) -> tuple[int, int, list[tuple[int, int]]]:
    first, last = matches[0][0], matches[-1][1]
    start = max(0, first - SURROUND)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    end = min(len(text), last + SURROUND, start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space >= 0 else max(end, last)
    return start, end, matches


def render(text: str, found: list[tuple[int, int, list[tuple[int, int]]]]) -> tuple[str, tuple[Span, ...]]:
    """The fragments as one line (whitespace runs become one space) and the matches' offsets in it."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    for n, (start, end, matches) in enumerate(found):
        if n:
            out.append(SEPARATOR)
            length += len(SEPARATOR)
        cursor = start
        for m_start, m_end in matches:
            piece = _WHITESPACE.sub(" ", text[cursor:m_start])
            out.append(piece)
            length += len(piece)
            word = text[m_start:m_end]
            spans.append(Span(length, length + len(word)))
            out.append(word)
            length += len(word)
            cursor = m_end
        tail = _WHITESPACE.sub(" ", text[cursor:end]).rstrip()
        out.append(tail)
        length += len(tail)
    joined = "".join(out)
    stripped = joined.lstrip()
    shift = len(joined) - len(stripped)
    return stripped, tuple(Span(s.start - shift, s.end - shift) for s in spans)


def lead(text: str) -> str:
    """The start of a text, cut at a word, as a snippet when no typed word is in it."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"
