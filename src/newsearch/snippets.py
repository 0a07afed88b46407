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
from collections.abc import Iterator, Mapping
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
    for start in _starts(text, terms):
        token = TOKEN_RE.match(text, start)
        if token is None:
            continue
        term = normalize(token.group(), stemmer)
        if term in terms:
            yield token.start(), token.end(), term


def _starts(text: str, terms: frozenset[str]) -> Iterator[int]:
    """Where a typed term's likely spelling starts a word of ``text``: ``_prefilter``'s matches.

    Its lookbehind and IGNORECASE keep Python's regex engine from skipping ahead to the heads' first
    letters (3x slower over a news body, measured). So when every head is ASCII word characters and
    lower-casing keeps each character in place, the lower-cased text is scanned with a plain pattern and
    the lookbehind checked per match: the same starts, since for such heads IGNORECASE matches exactly
    the characters whose lower case is the head's, but for the three listed in ``_CASE_EXTRAS`` (pinned by
    a test over every code point), and a match of word characters hides no other start within it.
    """
    slow, fast = _prefilter(terms)
    if fast is not None:
        lowered = text.lower()
        if len(lowered) == len(text) and not any(c in text for c in _CASE_EXTRAS):
            for found in fast.finditer(lowered):
                start = found.start()
                if not start or _WORD.match(text, start - 1) is None:
                    yield start
            return
    for found in slow.finditer(text):
        yield found.start()


# Characters IGNORECASE matches to an ASCII letter though their lower case is not that letter.
_CASE_EXTRAS = ("\u0130", "\u0131", "\u017f")  # İ, dotless ı (both: i), long ſ (s)
_WORD = re.compile(r"\w")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


@lru_cache(maxsize=512)
def _prefilter(terms: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """(the heads at a word start, any case; the heads lower-cased, plain, when all are ASCII word
    characters, else None)."""
    heads = sorted({t[:-1] if len(t) > 2 else t[:1] for t in terms if t}, key=len, reverse=True)
    slow = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(h) for h in heads) + ")", re.IGNORECASE)
    if not all(_ASCII_WORD.fullmatch(h) for h in heads):
        return slow, None
    return slow, re.compile("|".join(re.escape(h.lower()) for h in heads))


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
