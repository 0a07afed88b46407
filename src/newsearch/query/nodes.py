"""The engine vocabulary a SearchPlan is written in: what every backend compiles, and nothing more.

Modelled on tantivy-py's typed queries and OpenSearch's bool query, so each node maps to one engine
construct:

==================  ======================================  ==========================================
node                meaning                                 Whoosh / tantivy / OpenSearch
==================  ======================================  ==========================================
Term                one index term in one field, scored     Term / term_query / term
Phrase              consecutive terms, up to ``slop``       Phrase / phrase_query(slop) / match_phrase
                    other terms between them, scored
TermSet             exact values of a value/key field,      Or of Terms (const 0) / term_set_query /
                    unscored (contributes no score)         terms inside filter
DateRange           ``start <= date <= end`` (either end    DateRange / range_query / range
                    open), unscored
Boolean             clauses with an Occur each              And/Or/AndNot/AndMaybe / boolean_query /
                                                            bool (must, should, must_not)
MatchAll            every live document, score 0            Every / all_query / match_all
MatchNone           no document                             / empty_query / match_none
==================  ======================================  ==========================================

Boolean semantics are Lucene's: a document matches when it matches every MUST clause, no MUST_NOT clause,
and — only when there is no MUST clause — at least one SHOULD clause; its score is the sum of the scores of
the MUST and SHOULD clauses it matches, times ``boost``. A Boolean of MUST_NOT clauses alone matches
nothing (plans always pair them with a MatchAll). Terms are index terms (already analysed); boosts multiply.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime


class Occur(enum.Enum):
    MUST = "must"
    SHOULD = "should"
    MUST_NOT = "must not"


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    field: str
    terms: tuple[str, ...]
    slop: int = 0
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class TermSet:
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DateRange:
    field: str
    start: datetime | None  # inclusive; None: open
    end: datetime | None  # inclusive; None: open


@dataclass(frozen=True, slots=True)
class MatchAll:
    pass


@dataclass(frozen=True, slots=True)
class MatchNone:
    pass


@dataclass(frozen=True, slots=True)
class Boolean:
    clauses: tuple[tuple[Occur, Node], ...]
    boost: float = 1.0

    def of(self, occur: Occur) -> tuple[Node, ...]:
        return tuple(node for o, node in self.clauses if o is occur)


Node = Term | Phrase | TermSet | DateRange | Boolean | MatchAll | MatchNone
UNSCORED = (TermSet, DateRange, MatchAll, MatchNone)


def should(*nodes: Node, boost: float = 1.0) -> Boolean:
    return Boolean(tuple((Occur.SHOULD, n) for n in nodes), boost)


def must(*nodes: Node, boost: float = 1.0) -> Boolean:
    return Boolean(tuple((Occur.MUST, n) for n in nodes), boost)


def walk(node: Node, *, negated: bool = False) -> Iterator[tuple[Node, bool]]:
    """Every node of a tree, depth first, with whether it sits under a MUST_NOT."""
    yield node, negated
    if isinstance(node, Boolean):
        for occur, child in node.clauses:
            yield from walk(child, negated=negated or occur is Occur.MUST_NOT)


def scored_terms(node: Node) -> Iterator[tuple[str, str]]:
    """(field, term) of every Term and Phrase term not under a MUST_NOT: what highlighting marks."""
    for n, negated in walk(node):
        if negated:
            continue
        if isinstance(n, Term):
            yield n.field, n.text
        elif isinstance(n, Phrase):
            for t in n.terms:
                yield n.field, t


def is_disjunction_of_terms(node: Node) -> bool:
    """Whether a node matches exactly the documents holding any of its terms (SHOULD Terms, nested)."""
    if isinstance(node, Term):
        return True
    if not isinstance(node, Boolean) or not node.clauses:
        return False
    return all(o is Occur.SHOULD and is_disjunction_of_terms(c) for o, c in node.clauses)


def match_core(node: Node) -> Node:
    """The part of a tree that decides which documents match: SHOULD clauses next to a MUST clause only add
    score, so ``must(a) + should(b)`` matches what ``a`` matches (feedback words, ranking-only words)."""
    while isinstance(node, Boolean):
        musts = node.of(Occur.MUST)
        if len(musts) != 1 or node.of(Occur.MUST_NOT):
            break
        node = musts[0]
    return node


def leaf_terms(node: Node) -> Iterator[tuple[str, str]]:
    """(field, term) of every Term in a tree (for disjunctions of terms)."""
    for n, _ in walk(node):
        if isinstance(n, Term):
            yield n.field, n.text
