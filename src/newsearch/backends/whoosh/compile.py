"""Plan nodes -> Whoosh queries (see :mod:`newsearch.query.nodes` for the vocabulary's semantics).

Boolean maps onto Whoosh's And / Or / AndMaybe (MUST + SHOULD: the SHOULD part only adds score) / AndNot,
then ``normalize()`` flattens nested Ors (multiplying boosts) and drops duplicate clauses, as Whoosh's own
parser output is normalized. A newsearch phrase slop (other words allowed between) is Whoosh's slop - 1.
"""

from __future__ import annotations

from whoosh import query
from whoosh.matching.wrappers import ConstantScoreWrapperMatcher

from ...query.nodes import Boolean, DateRange, MatchAll, MatchNone, Node, Occur, Phrase, Term, TermSet

# Matches nothing and, unlike Whoosh's NullQuery, survives normalize() inside an And.
NOTHING = query.Term("id", "\x00")


class Unscored(query.WrappingQuery):
    """Matches what its child matches with score 0 (Whoosh's ConstantScoreQuery cannot score 0: its list
    matcher reads a weight of 0.0 as "no weight given" and scores 1)."""

    def _rewrap(self, child: query.Query) -> Unscored:
        return self.__class__(child)

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        m = self.child.matcher(searcher, context)
        return m if not m.is_active() else ConstantScoreWrapperMatcher(m, 0.0)


def compile_query(node: Node) -> query.Query:
    return _compile(node).normalize()


def _compile(node: Node) -> query.Query:
    if isinstance(node, Term):
        return query.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, Phrase):
        return query.Phrase(node.field, list(node.terms), slop=node.slop + 1, boost=node.boost)
    if isinstance(node, TermSet):
        terms = [query.Term(node.field, v) for v in node.values]
        if not terms:
            return NOTHING
        return Unscored(terms[0] if len(terms) == 1 else query.Or(terms))
    if isinstance(node, DateRange):
        if node.start is None and node.end is None:
            return Unscored(query.Every(node.field))
        return Unscored(query.DateRange(node.field, node.start, node.end))
    if isinstance(node, MatchAll):
        return Unscored(query.Every())
    if isinstance(node, MatchNone):
        return NOTHING
    assert isinstance(node, Boolean)
    musts = [_compile(c) for o, c in node.clauses if o is Occur.MUST]
    shoulds = [_compile(c) for o, c in node.clauses if o is Occur.SHOULD]
    nots = [_compile(c) for o, c in node.clauses if o is Occur.MUST_NOT]
    optional = (shoulds[0] if len(shoulds) == 1 else query.Or(shoulds)) if shoulds else None
    if musts:
        out = musts[0] if len(musts) == 1 else query.And(musts)
        if optional is not None:
            out = query.AndMaybe(out, optional)
    elif optional is not None:
        out = optional
    else:
        return NOTHING
    if nots:
        out = query.AndNot(out, nots[0] if len(nots) == 1 else query.Or(nots))
    if node.boost != 1.0:
        out = out.with_boost(out.boost * node.boost)
    return out
