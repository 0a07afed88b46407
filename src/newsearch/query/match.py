"""Whether a query tree matches one short text, engine-free: how quotes are searched.

The text stands for every text field at once (a quote has no headline or body); unscored nodes (value
filters, dates) count as matched, since they were applied to the article the text comes from.

>>> from newsearch.query.nodes import Occur, Boolean, Phrase, Term, should
>>> matches(should(Term("body", "talk"), Term("body", "exchang")), ["exchang", "close"])
True
>>> matches(Phrase("body", ("close", "exchang"), slop=1), ["close", "the", "exchang"])
True
"""

from __future__ import annotations

from collections.abc import Sequence

from .nodes import Boolean, DateRange, MatchAll, MatchNone, Node, Occur, Phrase, Term, TermSet


def matches(node: Node, terms: Sequence[str]) -> bool:
    """Whether ``node`` matches a text whose index terms, in order, are ``terms``."""
    present = set(terms)
    return _matches(node, terms, present)


def _matches(node: Node, terms: Sequence[str], present: set[str]) -> bool:
    if isinstance(node, Term):
        return node.text in present
    if isinstance(node, Phrase):
        return phrase_at(node.terms, terms, node.slop) is not None
    if isinstance(node, TermSet | DateRange | MatchAll):
        return True
    if isinstance(node, MatchNone):
        return False
    assert isinstance(node, Boolean)
    musts = [c for o, c in node.clauses if o is Occur.MUST]
    shoulds = [c for o, c in node.clauses if o is Occur.SHOULD]
    nots = [c for o, c in node.clauses if o is Occur.MUST_NOT]
    if any(_matches(c, terms, present) for c in nots):
        return False
    if not all(_matches(c, terms, present) for c in musts):
        return False
    return bool(musts) or any(_matches(c, terms, present) for c in shoulds)


def phrase_at(phrase: Sequence[str], terms: Sequence[str], slop: int = 0) -> int | None:
    """The position where ``phrase`` starts in ``terms`` (its words in order, with at most ``slop`` other
    words between them in all), or None."""
    if not phrase:
        return None
    first = phrase[0]
    for start, term in enumerate(terms):
        if term != first:
            continue
        pos, extra = start, 0
        for word in phrase[1:]:
            nxt = pos + 1
            while nxt < len(terms) and terms[nxt] != word and extra + (nxt - pos - 1) <= slop:
                nxt += 1
            if nxt >= len(terms) or terms[nxt] != word or extra + (nxt - pos - 1) > slop:
                break
            extra += nxt - pos - 1
            pos = nxt
        else:
            return start
    return None
