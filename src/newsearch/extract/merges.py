"""Index-wide merging of facet values: a short form that names one full name of the same kind.

Within one article the extractor already resolves "Trump" to "Donald Trump". Across an index, an article
that only ever says "Trump" keeps "Trump", and the speakers facet splits one person into two values
("Trump" 9, "Donald Trump" 17). These pure functions work on the facet values of a whole index — each a
``(value, kind, count)`` triple — and say which values merge into which, without touching an engine:

>>> values = [("Donald Trump", "person", 17), ("Trump", "person", 9), ("Hillary Clinton", "person", 12)]
>>> canonical_map(values)
{'Trump': 'Donald Trump'}
>>> values = [("Donald Trump", "person", 17), ("Trump", "person", 9), ("Ivanka Trump", "person", 5)]
>>> [(s.short, s.target) for s in suggest_merges(values)]  # two Trumps, neither 5 times the other
[]
>>> canonical_map([*values[:2], ("Ivanka Trump", "person", 2)])  # one of them 5 times the others
{'Trump': 'Donald Trump'}

``canonical_map`` is what facets and filters apply (per article, with ``canonicalise``, so an article with
both forms counts once); ``suggest_merges`` lists the merges with counts and ``alias_file`` writes them as
an alias file (the TOML format of :mod:`newsearch.extract.aliases`) for an analyst to review — the merge
workflow of Media Cloud's entity lists.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsearch.extract.aliases import AliasTable, effective
from newsearch.extract.lexicon import lexicon
from newsearch.models import FacetValue

__all__ = [
    "AliasSuggestions",
    "AmbiguousForm",
    "MergeSuggestion",
    "Merges",
    "alias_file",
    "ambiguous_forms",
    "canonical_map",
    "canonicalise",
    "index_values",
    "suggest_merges",
]

_WORD = re.compile(r"[\w'’-]+")
_LOWER_PARTICLES = frozenset(("of", "the", "and", "for", "de", "van", "von", "al", "bin", "la", "le", "da"))


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """``short`` (``short_count`` articles) is another name for ``target`` (``target_count`` articles).

    ``reason`` says why: "short form" (the trailing words of one full name: "Trump" → "Donald Trump"),
    "middle name" ("Donald J. Trump" → "Donald Trump": spellings merge into the more frequent), "plural"
    ("Liberal Democrat" → "Liberal Democrats"), "initials" ("FBI" → "Federal Bureau of Investigation"),
    "descriptor" (words before a name that is more frequent alone: "Fly-half Jonny Wilkinson" → "Jonny
    Wilkinson"), "most frequent" (a short form of several names, one of which has five times the articles
    of the others together: "Trump" → "Donald Trump" beside "Melania Trump") or "alias" (the shipped or
    user alias table).
    """

    short: str
    kind: str
    short_count: int
    target: str
    target_count: int
    reason: str


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(name.replace(".", " ")))


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w[:1].isupper() and w.lower() not in _LOWER_PARTICLES)


def _variant(a: str, b: str, kind: str) -> str | None:
    """Two spellings of one name: "Donald J. Trump" / "Donald Trump", "Liberal Democrat(s)"."""
    x, y = _words(a), _words(b)
    if not x or not y or x == y:
        return None
    if kind == "person":
        if x[0] == y[0] and x[-1] == y[-1] and len(x) != len(y) and (set(x) < set(y) or set(y) < set(x)):
            return "middle name"
        return None
    if a != b and a.rstrip("s") == b.rstrip("s"):
        return "plural"
    return None


# Words a company's name ends with that its short form leaves out ("Qwest" for "Qwest Communications").
_COMPANY_TAIL = frozenset(
    _WORD.findall(
        "Inc Corp Corporation Co Company Ltd Limited Plc PLC LLC Group Holdings Communications Airlines "
        "Airways Motors Systems Technologies Networks Industries Enterprises Entertainment Pharmaceuticals "
        "Telecommunications Telecom Worldwide International"
    )
)


def _short_form(short: str, full: str, kind: str) -> str | None:
    """How ``short`` abbreviates ``full`` (a longer value of the same kind), or None."""
    s, f = _words(short), _words(full)
    if not s or not f or len(s) >= len(f):
        return None
    if kind == "person":
        return "short form" if f[-len(s) :] == s and s[0][:1].isupper() else None
    if kind == "organisation" and f[: len(s)] == s and all(w in _COMPANY_TAIL for w in f[len(s) :]):
        return "short form"  # "Qwest" → "Qwest Communications", "Pfizer" → "Pfizer Inc"
    letters = short.replace(".", "").replace("-", "")
    if letters.isupper() and 3 <= len(letters) <= 6 and _initials(full) == letters:
        return "initials"
    return None


DOMINANCE = 5  # a short form of several names goes to one that has this many times the others' articles


def _dominant(top: int, total: int) -> bool:
    """Whether a name with ``top`` articles out of ``total`` (its rivals' included) is the one a short form
    means: at least 5 articles and 5 times as many as all its rivals together."""
    return top >= DOMINANCE and top >= DOMINANCE * (total - top)


def _spelling_key(name: str, kind: str) -> tuple[str, ...]:
    """Names that may be spellings of each other (see :func:`_variant`) share this key."""
    words = _words(name)
    if kind == "person":
        return (words[0], words[-1]) if words else ()
    return (name.rstrip("s"),)


def _abbreviated_by(full: str, kind: str) -> list[tuple[str, ...]]:
    """The keys of the short forms that may stand for ``full`` (see :func:`_short_form`)."""
    words = _words(full)
    if kind == "person":
        return [tuple(words[-k:]) for k in range(1, len(words))]
    initials = _initials(full)
    keys: list[tuple[str, ...]] = [(initials,)] if 3 <= len(initials) <= 6 else []
    if kind == "organisation":
        k = len(words)
        while k > 1 and words[k - 1] in _COMPANY_TAIL:
            k -= 1
            keys.append(("prefix", *words[:k]))
    return keys


def _abbreviation_keys(short: str, kind: str) -> list[tuple[str, ...]]:
    if kind == "person":
        return [tuple(_words(short))]
    return [(short.replace(".", "").replace("-", ""),), ("prefix", *_words(short))]


def suggest_merges(
    values: Iterable[tuple[str, str, int]], aliases: AliasTable | None = None
) -> list[MergeSuggestion]:
    """The values that merge into exactly one other value of the same kind, most frequent first.

    Spellings of one name merge into the most frequent ("Donald J. Trump" → "Donald Trump"); a short
    form merges when it names one full name, or one that has five times the articles of the others
    together: "Clinton" next to "Hillary Clinton" 12 and "Bill Clinton" 5 stays as it is. A value the
    alias table maps to another value present merges into it.
    """
    return _merges(values, aliases)[0]


def ambiguous_forms(
    values: Iterable[tuple[str, str, int]], aliases: AliasTable | None = None
) -> list[AmbiguousForm]:
    """The short forms that name several full names of their kind ("Clinton": "Hillary Clinton" and "Bill
    Clinton"), which no merge touches: for an analyst to decide. Most frequent first."""
    return _merges(values, aliases)[1]


@dataclass(frozen=True, slots=True)
class AmbiguousForm:
    """``short`` (``count`` articles) could be any of ``candidates`` (name and article count each)."""

    short: str
    kind: str
    count: int
    candidates: tuple[FacetValue, ...]


def _merges(
    values: Iterable[tuple[str, str, int]], aliases: AliasTable | None
) -> tuple[list[MergeSuggestion], list[AmbiguousForm]]:
    table = effective(aliases)
    counts: dict[tuple[str, str], int] = {}
    for value, kind, count in values:
        if value:
            counts[(value, kind)] = counts.get((value, kind), 0) + count
    by_kind: dict[str, list[str]] = {}
    for value, kind in counts:
        by_kind.setdefault(kind, []).append(value)
    merged: dict[tuple[str, str], tuple[str, str]] = {}  # (value, kind) → (target, reason)
    # 1. The alias table.
    for value, kind in counts:
        canonical = table.canonical(value)
        if canonical is not None and canonical != value and (canonical, kind) in counts:
            merged[(value, kind)] = (canonical, "alias")
    # 2. Spellings of one name: each into the most frequent spelling (then the longer). Only names of one
    # group can be spellings of each other (same first and last word; the same name without its plural s).
    for kind, names in by_kind.items():
        groups: dict[tuple[str, ...], list[str]] = {}
        for name in names:
            groups.setdefault(_spelling_key(name, kind), []).append(name)
        for value in names:
            if (value, kind) in merged:
                continue
            variants = [o for o in groups[_spelling_key(value, kind)] if _variant(value, o, kind)]
            if not variants:
                continue
            best = max([value, *variants], key=lambda n: (counts[(n, kind)], len(n), n))
            if best != value:
                merged[(value, kind)] = (best, _variant(value, best, kind) or "spelling")
    # 2b. A person's name with words in front of a name that is more frequent on its own: the words
    # describe ("Fly-half Jonny Wilkinson", "Blairite Alan Milburn" → the name), it merges into the name.
    persons = set(by_kind.get("person", ()))
    for value in by_kind.get("person", ()):
        words = _words(value)
        if (value, "person") in merged or len(words) < 3:
            continue
        names = [" ".join(words[k:]) for k in range(1, len(words) - 1)]
        inside = [n for n in names if n in persons and counts[(n, "person")] > counts[(value, "person")]]
        if inside:
            best = max(inside, key=lambda n: (counts[(n, "person")], len(n)))
            merged[(value, "person")] = (best, "descriptor")

    def final(name: str, kind: str) -> str:
        seen = {name}
        while (name, kind) in merged and merged[(name, kind)][0] not in seen:
            name = merged[(name, kind)][0]
            seen.add(name)
        return name

    # 3. Short forms and initials that name exactly one (merged) full name. The full names a value could
    # abbreviate are looked up by their trailing words (persons) or their initials (the others).
    unsure: list[AmbiguousForm] = []
    given = lexicon().male_names | lexicon().female_names
    for kind, names in by_kind.items():
        longer: dict[tuple[str, ...], list[str]] = {}
        for name in names:
            for key in _abbreviated_by(name, kind):
                longer.setdefault(key, []).append(name)
        for value in names:
            if (value, kind) in merged or (kind == "person" and value in given):
                continue  # a given name alone ("Harry") is nobody's short form
            targets: dict[str, str] = {}
            for other in (o for key in _abbreviation_keys(value, kind) for o in longer.get(key, ())):
                reason = _short_form(value, other, kind)
                if kind != "person" and counts[(value, kind)] > 3 * counts[(other, kind)]:
                    continue  # "United" far more often than "United Airlines": something else, mostly
                if reason is not None:
                    targets.setdefault(final(other, kind), reason)
            targets.pop(value, None)
            top = max(targets, key=lambda t: (counts[(t, kind)], t)) if len(targets) > 1 else None
            if len(targets) == 1:
                target, reason = next(iter(targets.items()))
                merged[(value, kind)] = (target, reason)
            elif top is not None and _dominant(counts[(top, kind)], sum(counts[(t, kind)] for t in targets)):
                merged[(value, kind)] = (top, "most frequent")  # "Trump": Donald 49, Melania 2, Ivanka 1
            elif targets:
                ranked = sorted(targets, key=lambda t: (-counts[(t, kind)], t))
                candidates = tuple(FacetValue(t, counts[(t, kind)]) for t in ranked)
                unsure.append(AmbiguousForm(value, kind, counts[(value, kind)], candidates))
    out = []
    for (value, kind), (_, reason) in merged.items():
        target = final(value, kind)
        if target != value:
            out.append(
                MergeSuggestion(value, kind, counts[(value, kind)], target, counts[(target, kind)], reason)
            )
    out.sort(key=lambda s: (-s.short_count, s.short))
    unsure.sort(key=lambda a: (-a.count, a.short))
    return out, unsure


def canonical_map(
    values: Iterable[tuple[str, str, int]], aliases: AliasTable | None = None
) -> dict[str, str]:
    """Value → the value it merges into, for facets and filters (only unambiguous merges)."""
    return {s.short: s.target for s in suggest_merges(values, aliases)}


def canonicalise(values: Iterable[str], mapping: dict[str, str]) -> tuple[str, ...]:
    """One article's values with ``mapping`` applied, each once, in their first order.

    >>> canonicalise(["Trump", "Donald Trump", "Hillary Clinton"], {"Trump": "Donald Trump"})
    ('Donald Trump', 'Hillary Clinton')
    """
    return tuple(dict.fromkeys(mapping.get(v, v) for v in values))


def alias_file(suggestions: Iterable[MergeSuggestion], ambiguous: Iterable[AmbiguousForm] = ()) -> str:
    """The suggestions as an alias file to review and pass to ``newsearch index --aliases``; ambiguous
    short forms follow as comments, each with the names it could stand for."""
    groups: dict[str, list[MergeSuggestion]] = {}
    for s in suggestions:
        groups.setdefault(s.target, []).append(s)
    lines = [
        "# Suggested merges (newsearch aliases suggest): review, delete what is wrong, then index with",
        "#   newsearch index CORPUS --aliases THIS-FILE",
        "# Each short form merges into the name on the left; counts are articles in the index.",
        "",
        "[aliases]",
    ]
    for target in sorted(groups, key=lambda t: -sum(s.short_count for s in groups[t])):
        members = groups[target]
        note = ", ".join(f"{s.short} {s.short_count} ({s.reason})" for s in members)
        lines.append(f"# {target} {members[0].target_count}: {note}")
        forms = ", ".join(json.dumps(s.short, ensure_ascii=False) for s in members)
        lines.append(f"{json.dumps(target, ensure_ascii=False)} = [{forms}]")
    unsure = list(ambiguous)
    if unsure:
        lines += [
            "",
            "# Short forms that name several people or organisations, not merged: to merge one, add it to",
            "# the list of the name it stands for.",
        ]
        for a in unsure:
            could = ", ".join(f"{json.dumps(c.value, ensure_ascii=False)} {c.count}" for c in a.candidates)
            lines.append(f"# {json.dumps(a.short, ensure_ascii=False)} {a.count} ({a.kind}): {could}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class AliasSuggestions:
    """What ``newsearch aliases suggest`` lists: the merges facets and filters apply, the short forms left
    ambiguous, and (``toml()``) an alias file of them to review."""

    merges: tuple[MergeSuggestion, ...] = ()
    ambiguous: tuple[AmbiguousForm, ...] = ()
    min_count: int = 1

    def toml(self) -> str:
        return alias_file(self.merges, self.ambiguous)

    @classmethod
    def of(
        cls, values: Iterable[tuple[str, str, int]], aliases: AliasTable | None = None, min_count: int = 1
    ) -> AliasSuggestions:
        """The suggestions for an index's ``(name, kind, articles)`` rows, short forms in at least
        ``min_count`` articles."""
        merges, unsure = _merges(values, aliases)
        return cls(
            tuple(s for s in merges if s.short_count >= min_count),
            tuple(a for a in unsure if a.count >= min_count),
            min_count,
        )


def index_values(
    party_keys: Iterable[Sequence[str]], speakers: Iterable[Sequence[str]] | None = None
) -> list[tuple[str, str, int]]:
    """``(name, kind, articles)`` rows of a whole index from its articles' ``"kind:name"`` party keys and
    speakers: each name once, with the kind most of its articles give it (a speaker is a party of the same
    article; a name that is only ever a speaker counts as a person), and the articles naming it.

    >>> index_values([("person:Trump", "person:Donald Trump"), ("person:Trump",)], [("Trump",), ()])
    [('Trump', 'person', 2), ('Donald Trump', 'person', 1)]
    """
    kinds: dict[str, Counter[str]] = {}
    articles: Counter[str] = Counter()
    pairs = zip(party_keys, speakers, strict=True) if speakers is not None else ((k, ()) for k in party_keys)
    for keys, said in pairs:
        names = set(said)
        for key in keys:
            kind, _, name = key.partition(":")
            kinds.setdefault(name, Counter())[kind] += 1
            names.add(name)
        articles.update(names)
    rows = []
    for name, count in articles.items():
        by_kind = kinds.get(name)
        kind = max(by_kind.items(), key=lambda kc: (kc[1], kc[0]))[0] if by_kind else "person"
        rows.append((name, kind, count))
    return sorted(rows, key=lambda row: (-row[2], row[0]))


@dataclass(frozen=True)
class Merges:
    """The merges of one index: what facets count and filters match instead of each stored value.

    ``mapping`` sends a value to the one it merges into; ``kinds`` is each merged value's kind (a party key
    ``"kind:name"`` of another kind keeps its name: "Jordan" the country is not "Michael Jordan").

    >>> m = Merges.of([("Donald Trump", "person", 17), ("Trump", "person", 9)])
    >>> m.values(["Trump", "Donald Trump", "Ohio"]), m.keys(["person:Trump", "organisation:Trump"])
    (('Donald Trump', 'Ohio'), ('person:Donald Trump', 'organisation:Trump'))
    >>> sorted(m.forms(["Donald Trump"]))
    ['Donald Trump', 'Trump']
    """

    suggestions: tuple[MergeSuggestion, ...] = ()
    mapping: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # target → the values merging into it

    @classmethod
    def of(cls, values: Iterable[tuple[str, str, int]], aliases: AliasTable | None = None) -> Merges:
        return cls.from_suggestions(suggest_merges(values, aliases))

    @classmethod
    def from_suggestions(cls, suggestions: Iterable[MergeSuggestion]) -> Merges:
        suggestions = tuple(suggestions)
        members: dict[str, list[str]] = {}
        for s in suggestions:
            members.setdefault(s.target, []).append(s.short)
        return cls(
            suggestions,
            {s.short: s.target for s in suggestions},
            {s.short: s.kind for s in suggestions},
            {t: tuple(shorts) for t, shorts in members.items()},
        )

    def __bool__(self) -> bool:
        return bool(self.mapping)

    def values(self, names: Sequence[str]) -> tuple[str, ...]:
        """One article's names with the merges applied, each once."""
        return canonicalise(names, self.mapping)

    def keys(self, keys: Sequence[str]) -> tuple[str, ...]:
        """One article's ``"kind:name"`` party keys with the merges of that kind applied, each once."""
        out = []
        for key in keys:
            kind, _, name = key.partition(":")
            target = self.mapping.get(name)
            out.append(f"{kind}:{target}" if target is not None and self.kinds[name] == kind else key)
        return tuple(dict.fromkeys(out))

    def forms(self, names: Iterable[str]) -> set[str]:
        """Every stored value that counts as one of ``names`` once merged (the names themselves too)."""
        out: set[str] = set()
        for name in names:
            target = self.mapping.get(name, name)
            out.add(name)
            out.add(target)
            out.update(self.members.get(target, ()))
        return out
