"""The snippet scan's fast route (lower-cased text, plain pattern) finds exactly the word starts of the
IGNORECASE lookbehind pattern it stands in for."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsearch import snippets


def reference(text: str, terms: frozenset[str]) -> list[int]:
    slow, _ = snippets._prefilter(terms)
    return [m.start() for m in slow.finditer(text)]


def test_case_extras_are_every_character_ignorecase_adds_to_an_ascii_word_character():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    word = "abcdefghijklmnopqrstuvwxyz0123456789_"
    by_lower: dict[str, set[str]] = {ch: set() for ch in word}
    for c in every:
        low = c.lower()
        if low in by_lower:
            by_lower[low].add(c)
    extras: set[str] = set()
    for ch in word:
        found = set(re.findall(re.escape(ch), every, re.IGNORECASE))
        lowered = by_lower[ch]
        assert lowered <= found
        extras |= found - lowered
    assert extras == set(snippets._CASE_EXTRAS)


def test_the_fast_route_is_taken_for_ascii_heads_only():
    assert snippets._prefilter(frozenset({"prison", "exchang"}))[1] is not None
    assert snippets._prefilter(frozenset({"éclair"}))[1] is None
    assert snippets._prefilter(frozenset({"rock'n"}))[1] is None


# Letters around the heads' spellings, the characters IGNORECASE treats specially, a character whose
# lower case is longer (İ), a final sigma, word and non-word neighbours.
ALPHABET = "abkSsiIKtT _-.’'0\u0130\u0131\u017f\u212aΣσéÉ\n"
TERMS = st.frozensets(st.text("abikst0", min_size=1, max_size=4), min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(text=st.text(ALPHABET, max_size=40), terms=TERMS)
def test_starts_equal_the_ignorecase_lookbehind_scan(text, terms):
    assert list(snippets._starts(text, terms)) == reference(text, terms)


@settings(max_examples=200, deadline=None)
@given(text=st.text(ALPHABET.replace("\u0130", "").replace("\u0131", "").replace("\u017f", ""), max_size=40),
       terms=TERMS)  # fmt: skip
def test_starts_equal_the_scan_on_text_the_fast_route_takes(text, terms):
    assert list(snippets._starts(text, terms)) == reference(text, terms)


def test_a_snippet_keeps_its_matches_in_mixed_case_and_unicode_text():
    terms = frozenset({"prison", "exchang"})
    for text in (
        "Talks: the PRISONER Exchange went ahead.",
        "Talks “resumed”: the Prisoner exchange — at last.",
    ):
        got, spans = snippets.snippet({"body": text}, {"body": terms}, "snowball")
        assert [got[s.start : s.end].lower() for s in spans] == ["prisoner", "exchange"]
