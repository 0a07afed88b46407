"""Quotes as searchable units: which stored quotes match the words and phrases of a query.

Engine-free: the index finds candidate articles; this module decides which of their quotes match.
"""

from __future__ import annotations

import re

from .analysis import terms

_PHRASE = re.compile(r'"([^"]*)"')
_FIELD = re.compile(r"\b\w+:(\"[^\"]*\"|\[[^\]]*\]|\S+)")
_OPERATORS = re.compile(r"\b(AND|OR|NOT)\b|[()]")


def quote_pattern(text: str | None) -> tuple[list[list[str]], list[str]]:
    """(phrases as term lists, single terms) that a quote must contain; field filters are left out."""
    if not text:
        return [], []
    text = _FIELD.sub(" ", text)
    phrases = [t for t in (terms(p) for p in _PHRASE.findall(text)) if t]
    rest = _OPERATORS.sub(" ", _PHRASE.sub(" ", text))
    words = [w for w in terms(rest.replace("-", " ")) if w]
    return phrases, words


def quote_matches(quote_text: str, phrases: list[list[str]], words: list[str]) -> bool:
    """Whether the quote holds every word and every phrase (as consecutive terms)."""
    got = terms(quote_text)
    if not set(words) <= set(got):
        return False
    for phrase in phrases:
        n = len(phrase)
        if not any(got[i : i + n] == phrase for i in range(len(got) - n + 1)):
            return False
    return True
