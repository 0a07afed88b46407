"""Engine-neutral query nodes and their tantivy translation.

The nodes are the vocabulary a search plan compiles to (Lucene's and OpenSearch's bool-query vocabulary):
terms and phrases of *analysed* index terms, prefixes, fuzzy terms, exact values, date ranges and a
boolean node with scored (``must``/``should``), excluded (``must_not``) and unscored (``filter``) parts.
Nothing here analyses text: the plan hands over index terms made by :mod:`newsearch.analysis`, the same
ones the writer indexed (:mod:`.terms`).

>>> Bool(should=(Term("headline", "talk", 2.5), Term("body", "talk")))      # doctest: +ELLIPSIS
Bool(must=(), should=(Term(field='headline', term='talk', boost=2.5), ...
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import fields, require


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    term: str  # an index term: analysed for text fields, the exact value for value fields
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Index terms in this order (stop words already dropped, as at index time), with up to ``slop`` other
    words between each consecutive pair (0: adjacent). That is Whoosh's ``Phrase(slop=slop + 1)``;
    tantivy's own sloppy phrases differ (they let terms swap places and count slop over the whole
    phrase), so a sloppy phrase runs as the union of exact phrases at every allowed spacing."""

    field: str
    terms: tuple[str, ...]
    slop: int = 0
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Prefix:
    field: str
    prefix: str  # every index term starting with this
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Fuzzy:
    field: str
    term: str
    distance: int = 1  # Levenshtein edits (a transposition counts as one)
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Values:
    """Any of these exact values of a value field (speakers, parties, source, …); unscored."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DateRange:
    """Dates from ``start`` to ``end``, both inclusive, either open (None); naive datetimes are UTC."""

    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class All:
    pass


@dataclass(frozen=True, slots=True)
class Nothing:
    pass


@dataclass(frozen=True, slots=True)
class Bool:
    """``must`` all match and score; ``should`` score, and one must match when there is no ``must`` or
    ``filter``; ``must_not`` excludes; ``filter`` must match and adds nothing to the score."""

    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()
    filter: tuple[Node, ...] = ()
    boost: float = 1.0


Node = Term | Phrase | Prefix | Fuzzy | Values | DateRange | All | Nothing | Bool


def to_query(node: Node, schema: Any) -> Any:
    """The tantivy Query for ``node``."""
    tantivy = require()
    Query = tantivy.Query
    if isinstance(node, Term):
        return _boosted(Query.term_query(schema, node.field, node.term), node.boost)
    if isinstance(node, Phrase):
        if not node.terms:
            return Query.empty_query()
        if len(node.terms) == 1:
            return to_query(Term(node.field, node.terms[0], node.boost), schema)
        if node.field not in fields.PHRASE_FIELDS:
            # No positions there (as in the Whoosh schema): the phrase cannot match in this field.
            return Query.empty_query()
        return _boosted(_phrase(node, schema, Query, tantivy.Occur), node.boost)
    if isinstance(node, Prefix):
        pattern = "".join(_regex_char(c) for c in node.prefix) + ".*"
        return _boosted(Query.regex_query(schema, node.field, pattern), node.boost)
    if isinstance(node, Fuzzy):
        q = Query.fuzzy_term_query(schema, node.field, node.term, distance=node.distance)
        return _boosted(q, node.boost)
    if isinstance(node, Values):
        if not node.values:
            return Query.empty_query()
        return Query.term_set_query(schema, node.field, list(node.values))
    if isinstance(node, DateRange):
        if node.start is None and node.end is None:
            return Query.exists_query(fields.DATE)
        return Query.range_query(
            schema,
            fields.DATE,
            tantivy.FieldType.Date,
            _utc(node.start) if node.start is not None else tantivy.MIN_DATETIME,
            _utc(node.end) if node.end is not None else tantivy.MAX_DATETIME,
            include_lower=True,
            include_upper=True,
        )
    if isinstance(node, All):
        return Query.all_query()
    if isinstance(node, Nothing):
        return Query.empty_query()
    if isinstance(node, Bool):
        return _bool(node, schema, tantivy)
    raise TypeError(f"not a query node: {node!r}")


def _bool(node: Bool, schema: Any, tantivy: Any) -> Any:
    Occur, Query = tantivy.Occur, tantivy.Query
    must = [to_query(n, schema) for n in node.must]
    must += [Query.const_score_query(to_query(n, schema), 0.0) for n in node.filter]
    should = [to_query(n, schema) for n in node.should]
    if not must and not should:
        if not node.must_not:
            return Query.empty_query()
        must = [Query.all_query()]  # tantivy matches nothing with only must_not clauses
    clauses = [(Occur.Must, q) for q in must] + [(Occur.Should, q) for q in should]
    clauses += [(Occur.MustNot, to_query(n, schema)) for n in node.must_not]
    return _boosted(Query.boolean_query(clauses), node.boost)


# A sloppy phrase of n terms is (slop + 1) ** (n - 1) exact phrases; beyond this many it is refused.
MAX_PHRASE_SPACINGS = 512


class PhraseTooLoose(ValueError):
    """A sloppy phrase with too many terms for its slop to run as exact phrases."""


def _phrase(node: Phrase, schema: Any, Query: Any, Occur: Any) -> Any:
    if node.slop <= 0:
        return Query.phrase_query(schema, node.field, list(node.terms))
    gaps = len(node.terms) - 1
    if (node.slop + 1) ** gaps > MAX_PHRASE_SPACINGS:
        raise PhraseTooLoose(
            f"a phrase of {len(node.terms)} words with up to {node.slop} words between each pair has "
            f"{(node.slop + 1) ** gaps:,} spacings; at most {MAX_PHRASE_SPACINGS} are supported"
        )
    variants = []
    for steps in itertools.product(range(1, node.slop + 2), repeat=gaps):
        offsets = [0, *itertools.accumulate(steps)]
        words = list(zip(offsets, node.terms, strict=True))
        variants.append((Occur.Should, Query.phrase_query(schema, node.field, words)))
    return Query.boolean_query(variants)


def _boosted(query: Any, boost: float) -> Any:
    if boost == 1.0:
        return query
    return require().Query.boost_query(query, float(boost))


def _regex_char(c: str) -> str:
    """One character as a literal in Rust's regex syntax (which rejects some escapes Python's allows)."""
    return c if c.isalnum() else f"\\x{{{ord(c):x}}}"


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
