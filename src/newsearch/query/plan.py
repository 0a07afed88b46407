"""The search plan: a pure function from syntax tree + drill-down filters + ranking settings to what an
engine runs, written in :mod:`.nodes` and unit-tested without an index.

What the plan decides (the README's "Query language" and "Ranking" sections say it for users):

- A free word searches the text fields, each with its weight (:func:`field_weights`): one SHOULD clause
  per word. Under ``Ranking(grouping="or")`` (the default) an article needs one of the words and ranks
  higher the more it has; ``grouping="and"`` or an AND in the group makes every member required.
- A quoted phrase is required (MUST); with it, the other words of its group only rank the matches.
- ``+x`` MUST, ``-x`` MUST_NOT, ``*`` MatchAll. A group of MUST_NOT clauses alone matches everything else.
- Field filters (``speaker:``, ``source:``, ``date:``, …) and the drill-down filters are unscored: at the
  top of the query they become ``plan.filters``, which narrow without touching scores.
- Speakers and parties match through the index's own values (aliases, short forms): a filter is the
  TermSet of the stored values it matches. Prefix and fuzzy words become the index terms they match,
  most frequent first, at most :data:`MAX_EXPANSIONS`.
- The work is capped, not the input: a query with more than :data:`MAX_FREE_TERMS` distinct free words
  keeps the most informative ones (rarest in the index) and says what it dropped.

Everything dropped or changed is said in ``plan.notices``; what cannot be answered faithfully raises
QueryError naming the construct and its position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Protocol

from .. import bm25
from ..analysis import TOKEN_RE
from ..documents import BY_NAME, TEXT_FIELDS
from ..errors import QueryError
from ..models import Filters, Notice, Ranking
from . import dates, syntax
from .nodes import (
    UNSCORED,
    Boolean,
    DateRange,
    MatchAll,
    MatchNone,
    Node,
    Occur,
    Phrase,
    Term,
    TermSet,
    is_disjunction_of_terms,
    leaf_terms,
    scored_terms,
    walk,
)

MAX_FREE_TERMS = 100  # distinct free words scored; more are dropped, rarest kept (a pasted paragraph)
MAX_EXPANSIONS = 64  # index terms one prefix or fuzzy word stands for, most frequent first
MAX_CLAUSES = 512  # phrases, required words and filters: more cannot be answered in bounded time
FUZZY_PREFIX = 1  # leading letters a fuzzy match keeps (as Lucene/Whoosh do: bounds the term scan)

ValueMatcher = Callable[[str, str, Sequence[str]], list[str]]


class Vocabulary(Protocol):
    """What the planner needs from an index (a backend reader provides it; tests use a dict-backed fake)."""

    def analyze(self, text: str) -> list[str]: ...
    def doc_frequency(self, field: str, term: str) -> int: ...
    def terms_with_prefix(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]: ...
    def similar_terms(
        self, field: str, term: str, maxdist: int, prefix: int, limit: int
    ) -> list[tuple[str, int]]: ...
    def field_values(self, field: str) -> Sequence[str]: ...


def default_value_matcher(field: str, text: str, values: Sequence[str]) -> list[str]:
    """Values equal to ``text`` ignoring case, else values that contain it as whole words ("Gallant")."""
    wanted = " ".join(text.lower().split())
    exact = [v for v in values if v.lower() == wanted]
    if exact or not wanted:
        return exact
    pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    return [v for v in values if pattern.search(v.lower())]


def field_weights(ranking: Ranking) -> dict[str, float]:
    """How much a match in each text field weighs (the one place Ranking's field weights are read)."""
    return {
        "headline": ranking.headline_boost,
        "standfirst": ranking.standfirst_boost,
        "body": 1.0,
        "subheads": 1.0,
    }


@dataclass(frozen=True, slots=True)
class TypedWord:
    """A word as the user typed it (for did-you-mean): its text, where it is, and its index term."""

    surface: str
    start: int
    end: int
    term: str


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """What to run: the scored query, the unscored filters, and what the rest of the search needs."""

    text: str
    query: Node
    filters: tuple[Node, ...] = ()
    highlight: tuple[tuple[str, frozenset[str]], ...] = ()  # (text field, terms to mark) for snippets
    words: tuple[TypedWord, ...] = ()
    notices: tuple[Notice, ...] = ()
    term_count: int = 0  # free terms typed, repeats weighed per Ranking.query_term_weight: feedback's mass
    expandable: bool = False  # pseudo-relevance feedback may re-rank (free words only, enough of them)
    feedback: tuple[tuple[str, float], ...] = ()  # words added by feedback, with weights (after expand)
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value field -> values filtered on

    @property
    def matches_nothing(self) -> bool:
        return isinstance(self.query, MatchNone) or any(isinstance(f, MatchNone) for f in self.filters)

    @property
    def dated(self) -> bool:
        """Whether a date clause takes part: ``date:`` in the query, or the ``since``/``until`` filters."""
        return any(isinstance(n, DateRange) for root in (self.query, *self.filters) for n, _ in walk(root))

    def highlight_terms(self, field_name: str) -> frozenset[str]:
        return next((terms for f, terms in self.highlight if f == field_name), frozenset())


# ---------------------------------------------------------------------------------------------- planning
@dataclass
class _Ctx:
    text: str
    vocab: Vocabulary
    ranking: Ranking
    match_values: ValueMatcher
    now: datetime
    weights: dict[str, float]
    notices: list[Notice] = field(default_factory=list)
    words: list[TypedWord] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)
    clauses: int = 0
    expansion_words: int = 0  # words that are not plain: prefix/fuzzy/OR groups make feedback off
    repeats: dict[str, int] = field(default_factory=dict)  # free term -> the weight its repeats gave it

    def note(self, kind: str, message: str, position: int | None = None) -> None:
        notice = Notice(kind, message, position)
        if notice not in self.notices:
            self.notices.append(notice)

    def count(self, pos: int) -> None:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QueryError(self.text, f"more than {MAX_CLAUSES} phrases, filters or required words", pos)


# Roles of a group member: how it joins its group.
WORD, PHRASE, REQUIRED, EXCLUDED, FILTER, ALL = "word", "phrase", "required", "excluded", "filter", "all"


def plan(
    text: str,
    *,
    vocab: Vocabulary,
    ranking: Ranking | None = None,
    filters: Filters | None = None,
    match_values: ValueMatcher = default_value_matcher,
    now: datetime | None = None,
    tree: syntax.Group | None = None,
) -> SearchPlan:
    """The SearchPlan of a query (QueryError when it cannot be answered faithfully)."""
    ranking = ranking or Ranking()
    if ranking.grouping not in ("and", "or"):
        raise ValueError("grouping must be 'and' or 'or'")
    bm25.check(ranking)
    tree = tree if tree is not None else syntax.parse(text)
    ctx = _Ctx(
        text,
        vocab,
        ranking,
        match_values,
        now or datetime.now(UTC).replace(tzinfo=None),
        field_weights(ranking),
    )
    members = [m for item in tree.items for m in _member(item, ctx, None)]
    members = _cap_free_words(_weigh_repeats(members, ctx), ctx)
    lifted = [node for node, role in members if role == FILTER]
    scored = [(node, role) for node, role in members if role != FILTER]
    query = _combine(scored, tree.all_required or ranking.grouping == "and", tree.boost)
    if query is None:
        if not lifted:
            raise _nothing_left(tree, ctx)
        query = MatchAll()
    lifted += _drill_down(filters, ctx)
    free = _free_terms(query)
    highlight: dict[str, set[str]] = {}
    for f, t in scored_terms(query):
        if f in TEXT_FIELDS:
            highlight.setdefault(f, set()).add(t)
    expandable = (
        ranking.expansion
        and ranking.expansion_weight > 0
        and ctx.expansion_words == 0
        and is_disjunction_of_terms(query)
        and len(free) >= max(1, ranking.expansion_min_words)
    )
    return SearchPlan(
        text=text,
        query=query,
        filters=tuple(lifted),
        highlight=tuple((f, frozenset(ts)) for f, ts in sorted(highlight.items())),
        words=tuple(ctx.words),
        notices=tuple(ctx.notices),
        term_count=sum(ctx.repeats.get(t, 1) for t in free),
        expandable=bool(expandable),
        values={k: tuple(v) for k, v in ctx.values.items()},
    )


def _free_terms(query: Node) -> set[str]:
    return {t for f, t in leaf_terms(query) if f in TEXT_FIELDS}


def _nothing_left(tree: syntax.Group, ctx: _Ctx) -> QueryError:
    dropped = [n for n in ctx.notices if n.kind in ("stopword-phrase", "stopwords")]
    if dropped or any(isinstance(i, syntax.Word | syntax.Quoted) for i in tree.items):
        return QueryError(
            ctx.text,
            "only stop words, which are not indexed (e.g. the, it, who): add a content word, "
            "or use * to match every article",
        )
    return QueryError(ctx.text, "nothing to search for")


def _member(item: syntax.Item, ctx: _Ctx, field_name: str | None) -> list[tuple[Node, str]]:
    """One group member as (node, role) pairs: none when it drops out (stop words, punctuation), several
    for a word the analyzer splits ("al-Thani", "newly-created": its parts are words like the others)."""
    if isinstance(item, syntax.Word):
        return _word(item, ctx)
    if isinstance(item, syntax.Quoted):
        found = _quoted(item, ctx)
        return [found] if found else []
    if isinstance(item, syntax.DateQuery):
        return [(_date(item, ctx), FILTER)]
    if isinstance(item, syntax.Everything):
        return [(MatchAll(), ALL)]
    if isinstance(item, syntax.Required):
        inner = _member(item.item, ctx, field_name)
        if not inner:
            ctx.note("stopwords", "only stop words follow this +, so nothing is required", item.pos)
        ctx.count(item.pos)
        return [(node, FILTER if role == FILTER else REQUIRED) for node, role in inner]
    if isinstance(item, syntax.Excluded):
        inner = _member(item.item, ctx, field_name)
        if not inner:
            ctx.note("stopwords", "only stop words follow this exclusion: nothing is excluded", item.pos)
            return []
        if len(inner) > 1 and isinstance(item.item, syntax.Word):
            # "-al-Thani" excludes the split word as a phrase, not each of its parts.
            found = _quoted(syntax.Quoted(item.item.text, item.item.pos, item.item.end, item.item.field), ctx)
            inner = [found] if found else inner
        node = inner[0][0] if len(inner) == 1 else Boolean(tuple((Occur.SHOULD, n) for n, _ in inner))
        if all(role == FILTER for _, role in inner):
            # "-source:X": a filter of everything but X; unscored like the filter it negates.
            return [(Boolean(((Occur.MUST, MatchAll()), (Occur.MUST_NOT, node))), FILTER)]
        return [(node, EXCLUDED)]
    if isinstance(item, syntax.AnyOf):
        parts = [m for sub in item.items for m in _member(sub, ctx, field_name)]
        if not parts:
            return []
        nodes = [_standalone(node, role) for node, role in parts]
        ctx.expansion_words += any(role not in (WORD, FILTER) for _, role in parts)
        node = nodes[0] if len(nodes) == 1 else Boolean(tuple((Occur.SHOULD, n) for n in nodes))
        return [(node, FILTER if all(role == FILTER for _, role in parts) else WORD)]
    if isinstance(item, syntax.Group):
        parts = [m for sub in item.items for m in _member(sub, ctx, field_name)]
        if not parts:
            return []
        if all(role == FILTER for _, role in parts):
            musts = tuple((Occur.MUST, n) for n, _ in parts)
            return [((musts[0][1] if len(musts) == 1 else Boolean(musts)), FILTER)]
        combined = _combine(parts, item.all_required or ctx.ranking.grouping == "and", item.boost)
        if combined is None:
            return []
        ctx.expansion_words += len(parts) > 1
        return [(combined, WORD)]
    raise AssertionError(f"unknown syntax item {item!r}")


def _standalone(node: Node, role: str) -> Node:
    """A member taken out of its group (an OR alternative): exclusions become 'everything but'."""
    if role == EXCLUDED:
        return Boolean(((Occur.MUST, MatchAll()), (Occur.MUST_NOT, node)))
    return node


def _combine(members: list[tuple[Node, str]], all_required: bool, boost: float | None) -> Node | None:
    """A group's members as one Boolean (Lucene semantics, see nodes)."""
    if not members:
        return None
    clauses: list[tuple[Occur, Node]] = []
    for node, role in members:
        if role == EXCLUDED:
            clauses.append((Occur.MUST_NOT, node))
        elif role == WORD and not all_required:
            clauses.append((Occur.SHOULD, node))
        else:
            clauses.append((Occur.MUST, node))
    if all(o is Occur.MUST_NOT for o, _ in clauses):
        clauses.insert(0, (Occur.MUST, MatchAll()))
    if len(clauses) == 1 and clauses[0][0] is not Occur.MUST_NOT:
        return _boosted(clauses[0][1], boost)
    return Boolean(tuple(clauses), boost or 1.0)


def _boosted(node: Node, boost: float | None) -> Node:
    if not boost or boost == 1.0:
        return node
    if isinstance(node, Term | Phrase | Boolean):
        return replace(node, boost=node.boost * boost)
    return node  # unscored nodes have nothing to boost


# ------------------------------------------------------------------------------------------ words
def _word(item: syntax.Word, ctx: _Ctx) -> list[tuple[Node, str]]:
    field_name = item.field
    kind = BY_NAME[field_name].kind if field_name else "text"
    if field_name and kind in ("value", "key"):
        if item.boost:
            message = f"{field_name}:{item.text} is a filter: its boost has no effect"
            ctx.note("boost-on-filter", message, item.pos)
        return [(_value_filter(field_name, item.text, item.pos, ctx), FILTER)]
    fields = (field_name,) if field_name else TEXT_FIELDS
    if item.prefix or item.fuzzy is not None:
        ctx.expansion_words += 1
        return [(_expansion(item, fields, ctx), WORD)]
    return [
        (_boosted(_fields_node(t, fields, ctx), item.boost), WORD)
        for t in _analyzed(item.text, item.pos, ctx)
    ]


def _analyzed(text: str, pos: int, ctx: _Ctx) -> list[str]:
    """Index terms of typed text, remembering each word for did-you-mean."""
    out = []
    for m in TOKEN_RE.finditer(text):
        terms = ctx.vocab.analyze(m.group())
        for term in terms:
            ctx.words.append(TypedWord(m.group(), pos + m.start(), pos + m.end(), term))
        out += terms
    return out


def _fields_node(term: str, fields: Sequence[str], ctx: _Ctx, boost: float = 1.0) -> Node:
    """One term over the given text fields, each with its weight."""
    if len(fields) == 1:
        return Term(fields[0], term, boost)
    return Boolean(tuple((Occur.SHOULD, Term(f, term, ctx.weights.get(f, 1.0) * boost)) for f in fields))


def _expansion(item: syntax.Word, fields: Sequence[str], ctx: _Ctx) -> Node:
    raw = item.text.lower()
    found: dict[str, int] = {}
    for f in fields:
        if item.prefix:
            folded = _fold(raw)
            pairs = ctx.vocab.terms_with_prefix(f, folded, MAX_EXPANSIONS + 1)
            # Stems can be shorter than the prefix typed ("negotiat*" -> "negoti", the stem of
            # "negotiations"): the prefix's own stem, and the prefix cut by up to 3 letters, as whole terms.
            shorter = [folded[:k] for k in range(len(folded) - 1, max(len(folded) - 4, 1), -1)]
            for t in [*ctx.vocab.analyze(raw), *shorter]:
                if df := ctx.vocab.doc_frequency(f, t):
                    pairs.append((t, df))
        else:
            stem = ctx.vocab.analyze(raw) or [raw]
            pairs = []
            for s in stem:
                pairs += ctx.vocab.similar_terms(f, s, item.fuzzy or 0, FUZZY_PREFIX, MAX_EXPANSIONS + 1)
                if df := ctx.vocab.doc_frequency(f, s):
                    pairs.append((s, df))
        for term, df in pairs:
            found[term] = max(found.get(term, 0), df)
    what = f"{item.text}*" if item.prefix else f"{item.text}~{item.fuzzy}"
    if not found:
        ctx.note("no-expansion", f"{what}: no indexed word matches", item.pos)
        return MatchNone()
    ranked = sorted(found, key=lambda t: (-found[t], t))
    if len(ranked) > MAX_EXPANSIONS:
        ctx.note(
            "expansion-capped",
            f"{what} matches {len(ranked)}+ words; the {MAX_EXPANSIONS} most frequent are searched",
            item.pos,
        )
        ranked = ranked[:MAX_EXPANSIONS]
    nodes = [_fields_node(t, fields, ctx) for t in ranked]
    node = nodes[0] if len(nodes) == 1 else Boolean(tuple((Occur.SHOULD, n) for n in nodes))
    return _boosted(node, item.boost)


def _fold(word: str) -> str:
    from ..analysis import _fold as fold

    return fold(word)


def _quoted(item: syntax.Quoted, ctx: _Ctx) -> tuple[Node, str] | None:
    field_name = item.field
    kind = BY_NAME[field_name].kind if field_name else "text"
    if kind in ("value", "key"):
        return _value_filter(field_name, item.text, item.pos, ctx), FILTER  # type: ignore[arg-type]
    terms = _analyzed(item.text, item.pos, ctx)
    if not terms:
        if TOKEN_RE.search(item.text):
            ctx.note(
                "stopword-phrase",
                f'"{item.text}" dropped: only stop words, which are not indexed',
                item.pos - 1,
            )
        return None
    ctx.count(item.pos)
    fields = (field_name,) if field_name else TEXT_FIELDS
    if len(terms) == 1:
        return _boosted(_fields_node(terms[0], fields, ctx), item.boost), PHRASE
    phrases = tuple(
        (Occur.SHOULD, Phrase(f, tuple(terms), item.slop, ctx.weights.get(f, 1.0) if not field_name else 1.0))
        for f in fields
    )
    node: Node = phrases[0][1] if len(phrases) == 1 else Boolean(phrases)
    return _boosted(node, item.boost), PHRASE


def _value_filter(field_name: str, text: str, pos: int, ctx: _Ctx) -> Node:
    ctx.count(pos)
    if BY_NAME[field_name].kind == "key":
        return TermSet(field_name, (text,))
    matched = ctx.match_values(field_name, text, ctx.vocab.field_values(field_name))
    ctx.values.setdefault(field_name, []).extend(v for v in matched if v not in ctx.values[field_name])
    if not matched:
        ctx.note("no-such-value", f"{field_name}: no article has a value matching {text!r}", pos)
        return MatchNone()
    return TermSet(field_name, tuple(matched))


def _date(item: syntax.DateQuery, ctx: _Ctx) -> Node:
    ctx.count(item.pos)
    start = dates.bound(item.low, ctx.now, lower=True, inclusive=item.low_inclusive)
    end = dates.bound(item.high, ctx.now, lower=False, inclusive=item.high_inclusive)
    if start is not None and end is not None and start > end:
        raise QueryError(ctx.text, f"date range {item.text} ends before it starts", item.pos)
    return DateRange(item.field, start, end)


# -------------------------------------------------------------------------------- caps and drill-down
def _weigh_repeats(members: list[tuple[Node, str]], ctx: _Ctx) -> list[tuple[Node, str]]:
    """One clause per distinct free word of the top level. A word typed n times weighs once
    (``query_term_weight="once"``) or n times (``"count"``, Lucene's habit: the words a pasted paragraph
    repeats are its topic), before the cap on distinct words, which then keeps the weight."""
    counts: dict[str, int] = {}
    for node, role in members:
        term = _single_term(node) if role == WORD else None
        if term is not None:
            counts[term] = counts.get(term, 0) + 1
    if all(n == 1 for n in counts.values()):
        return members
    weigh = ctx.ranking.query_term_weight == "count"
    out, seen = [], set()
    for node, role in members:
        term = _single_term(node) if role == WORD else None
        if term is not None:
            if term in seen:
                continue
            seen.add(term)
            if weigh and counts[term] > 1:
                node = _boosted(node, counts[term])
                ctx.repeats[term] = counts[term]
        out.append((node, role))
    return out


def _cap_free_words(members: list[tuple[Node, str]], ctx: _Ctx) -> list[tuple[Node, str]]:
    """Keep the MAX_FREE_TERMS rarest distinct free words of the top level; say what was dropped."""
    free = [(node, _single_term(node)) for node, role in members if role == WORD]
    distinct = list(dict.fromkeys(t for _, t in free if t is not None))
    if len(distinct) <= MAX_FREE_TERMS:
        return members
    df = {t: max(ctx.vocab.doc_frequency(f, t) for f in TEXT_FIELDS) for t in distinct}
    order = sorted(range(len(distinct)), key=lambda i: (df[distinct[i]] == 0, df[distinct[i]], i))
    keep = {distinct[i] for i in order[:MAX_FREE_TERMS]}
    dropped = [t for t in distinct if t not in keep]
    shown = ", ".join(dropped[:8]) + (" …" if len(dropped) > 8 else "")
    ctx.note(
        "dropped-terms",
        f"kept the {MAX_FREE_TERMS} most informative of {len(distinct)} distinct words (the rarest in the "
        f"index); dropped {len(dropped)}: {shown}",
    )
    out, seen = [], set()
    for node, role in members:
        term = _single_term(node) if role == WORD else None
        if term is not None:
            if term not in keep or term in seen:
                continue
            seen.add(term)
        out.append((node, role))
    return out


def _single_term(node: Node) -> str | None:
    """The term of a one-word clause (a Term, or one term over several fields), else None."""
    terms = {t for f, t in leaf_terms(node)} if is_disjunction_of_terms(node) else set()
    return terms.pop() if len(terms) == 1 else None


def _drill_down(filters: Filters | None, ctx: _Ctx) -> list[Node]:
    """The API's and CLI's drill-down filters: OR within one field, AND across fields."""
    if not filters:
        return []
    out: list[Node] = []
    for field_name, wanted in (
        ("speakers", filters.speakers),
        ("parties", filters.parties),
        ("source", filters.sources),
        ("author", filters.authors),
    ):
        if not wanted:
            continue
        values = ctx.vocab.field_values(field_name)
        matched = sorted({v for w in wanted for v in ctx.match_values(field_name, w, values)})
        ctx.values.setdefault(field_name, []).extend(v for v in matched if v not in ctx.values[field_name])
        if not matched:
            ctx.note("no-such-value", f"{field_name}: no article has a value matching {', '.join(wanted)}")
            out.append(MatchNone())
        else:
            out.append(TermSet(field_name, tuple(matched)))
    if filters.since or filters.until:
        out.append(DateRange("date", filters.since, _end_of(filters.until)))
    return out


def _end_of(until: datetime | None) -> datetime | None:
    """An ``until`` date without a time covers the whole day."""
    if until is None:
        return None
    if (until.hour, until.minute, until.second, until.microsecond) == (0, 0, 0, 0):
        return until.replace(hour=23, minute=59, second=59, microsecond=999999)
    return until


# ---------------------------------------------------------------------------------------------- feedback
def expand(plan: SearchPlan, chosen: Sequence[tuple[str, float]], ranking: Ranking) -> SearchPlan:
    """The plan with RM3 feedback words: they add score, never change which articles match.

    Both parts carry the mass of ``term_count`` plain word clauses, split (1 - weight) : weight.
    """
    if not chosen:
        return plan
    weight = ranking.expansion_weight
    scale = weight * plan.term_count
    weights = field_weights(ranking)
    extra = tuple((Occur.SHOULD, Term(f, w, weights[f] * p * scale)) for w, p in chosen for f in TEXT_FIELDS)
    original = plan.query
    assert isinstance(original, Term | Phrase | Boolean)
    query = Boolean(
        ((Occur.MUST, replace(original, boost=original.boost * (1 - weight))), (Occur.SHOULD, Boolean(extra)))
    )
    return replace(plan, query=query, feedback=tuple(chosen))


def is_unscored(node: Node) -> bool:
    return isinstance(node, UNSCORED)
