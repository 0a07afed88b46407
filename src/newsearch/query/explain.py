"""A SearchPlan as text for people (``newsearch query --explain``), one clause per line.

>>> from newsearch.query.nodes import Boolean, Occur, Term, TermSet
>>> tree = Boolean(((Occur.MUST, Term("body", "ceasefir")), (Occur.MUST_NOT, TermSet("source", ("X",)))))
>>> print(render(tree))
all of:
  must      word ceasefir in body
  must not  source is "X"
"""

from __future__ import annotations

from datetime import datetime

from ..documents import TEXT_FIELDS
from .nodes import Boolean, DateRange, MatchAll, MatchNone, Node, Occur, Phrase, Term, TermSet
from .plan import SearchPlan


def explain(plan: SearchPlan) -> str:
    lines = [f"query: {plan.text}", "", "scored (decides the order):"]
    lines += ["  " + line for line in render(plan.query).splitlines()]
    lines += ["", "filters (narrow the results, no effect on scores):"]
    lines += ["  " + line for f in plan.filters for line in render(f).splitlines()] or ["  none"]
    marked = sorted({t for _, terms in plan.highlight for t in terms})
    lines += ["", f"snippets highlight: {', '.join(marked) if marked else 'nothing (no words typed)'}"]
    if plan.feedback:
        words = ", ".join(f"{w} {p:.3f}" for w, p in plan.feedback)
        lines.append(f"feedback (RM3) adds: {words}")
    else:
        lines.append(f"feedback (RM3): {'possible' if plan.expandable else 'off for this query'}")
    for notice in plan.notices:
        lines.append(f"note: {notice.message}")
    return "\n".join(lines)


def render(node: Node) -> str:
    """A query tree as indented lines (a free word over all text fields is one line)."""
    return "\n".join(_lines(node))


def _lines(node: Node) -> list[str]:
    if isinstance(node, Boolean):
        word = _word(node)
        if word is not None:
            return [_boost(word, node.boost)]
        head = "any of:" if all(o is Occur.SHOULD for o, _ in node.clauses) else "all of:"
        out = [_boost(head, node.boost)]
        for occur, child in node.clauses:
            label = f"{occur.value:<9} " if head == "all of:" or occur is not Occur.SHOULD else ""
            child_lines = _lines(child)
            out.append(f"  {label}{child_lines[0]}")
            pad = " " * (2 + len(label))
            out += [pad + line for line in child_lines[1:]]
        return out
    if isinstance(node, Term):
        return [_boost(f"word {node.text} in {node.field}", node.boost)]
    if isinstance(node, Phrase):
        slop = f" slop {node.slop}" if node.slop else ""
        return [_boost(f'phrase "{" ".join(node.terms)}"{slop} in {node.field}', node.boost)]
    if isinstance(node, TermSet):
        return [f"{node.field} is " + " or ".join(f'"{v}"' for v in node.values)]
    if isinstance(node, DateRange):
        return [f"{node.field} from {_when(node.start)} to {_when(node.end)}"]
    if isinstance(node, MatchAll):
        return ["every article"]
    if isinstance(node, MatchNone):
        return ["no article"]
    raise AssertionError(node)


def _word(node: Boolean) -> str | None:
    """'word T in headline^1.0, standfirst^1.5, …' when a Boolean is one term (or phrase) over fields."""
    if not node.clauses or any(o is not Occur.SHOULD for o, _ in node.clauses):
        return None
    kids = [c for _, c in node.clauses]
    terms = [k for k in kids if isinstance(k, Term)]
    phrases = [k for k in kids if isinstance(k, Phrase)]
    leaves: list[Term | Phrase]
    if len(terms) == len(kids) and len({t.text for t in terms}) == 1:
        what, leaves = f"word {terms[0].text}", list(terms)
    elif len(phrases) == len(kids) and len({(p.terms, p.slop) for p in phrases}) == 1:
        first = phrases[0]
        what = f'phrase "{" ".join(first.terms)}"' + (f" slop {first.slop}" if first.slop else "")
        leaves = list(phrases)
    else:
        return None
    fields = ", ".join(k.field + (f"^{k.boost:g}" if k.boost != 1.0 else "") for k in leaves)
    if {k.field for k in leaves} == set(TEXT_FIELDS) and all(k.boost == 1.0 for k in leaves):
        fields = "every text field"
    return f"{what} in {fields}"


def _boost(text: str, boost: float) -> str:
    return text if boost == 1.0 else f"{text} (weight ×{boost:g})"


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "any time"
    return moment.isoformat(sep=" ", timespec="seconds")
