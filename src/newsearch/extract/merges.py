"""Index-wide merging of facet values: a short form that names exactly one full name of the same kind.

Within one article the extractor already resolves "Trump" to "Donald Trump". Across an index, an article
that only ever says "Trump" keeps "Trump", and the speakers facet splits one person into two values
("Trump" 9, "Donald Trump" 17). These pure functions work on the facet values of a whole index — each a
``(value, kind, count)`` triple — and say which values merge into which, without touching an engine:

>>> values = [("Donald Trump", "person", 17), ("Trump", "person", 9), ("Ivanka Trump", "person", 2)]
>>> [(s.short, s.target) for s in suggest_merges(values)]
[]
>>> values = [("Donald Trump", "person", 17), ("Trump", "person", 9), ("Hillary Clinton", "person", 12)]
>>> canonical_map(values)
{'Trump': 'Donald Trump'}

``canonical_map`` is what facets and filters apply (per article, with ``canonicalise``, so an article with
both forms counts once); ``suggest_merges`` lists the merges with counts and ``alias_file`` writes them as
an alias file (the TOML format of :mod:`newsearch.extract.aliases`) for an analyst to review — the merge
workflow of Media Cloud's entity lists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsearch.extract.aliases import AliasTable, effective

__all__ = ["MergeSuggestion", "alias_file", "canonical_map", "canonicalise", "suggest_merges"]

_WORD = re.compile(r"[\w'’-]+")
_LOWER_PARTICLES = frozenset(("of", "the", "and", "for", "de", "van", "von", "al", "bin", "la", "le", "da"))


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """``short`` (``short_count`` articles) is another name for ``target`` (``target_count`` articles).

    ``reason`` says why: "short form" (the trailing words of one full name: "Trump" → "Donald Trump"),
    "middle name" ("Donald J. Trump" → "Donald Trump": spellings merge into the more frequent), "plural"
    ("Liberal Democrat" → "Liberal Democrats"), "initials" ("FBI" → "Federal Bureau of Investigation") or
    "alias" (the shipped or user alias table).
    """

    short: str
    kind: str
    short_count: int
    target: str
    target_count: int
    reason: str


def _words(name: str) -> list[str]:
    return _WORD.findall(name.replace(".", " "))


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


def _short_form(short: str, full: str, kind: str) -> str | None:
    """How ``short`` abbreviates ``full`` (a longer value of the same kind), or None."""
    s, f = _words(short), _words(full)
    if not s or not f or len(s) >= len(f):
        return None
    if kind == "person":
        return "short form" if f[-len(s) :] == s and s[0][:1].isupper() else None
    letters = short.replace(".", "").replace("-", "")
    if letters.isupper() and 2 <= len(letters) <= 6 and _initials(full) == letters:
        return "initials"
    return None


def suggest_merges(
    values: Iterable[tuple[str, str, int]], aliases: AliasTable | None = None
) -> list[MergeSuggestion]:
    """The values that merge into exactly one other value of the same kind, most frequent first.

    Spellings of one name merge into the most frequent ("Donald J. Trump" → "Donald Trump"); a short
    form merges only when it names one full name: "Clinton" next to "Hillary Clinton" and "Bill Clinton"
    stays as it is. A value the alias table maps to another value present merges into it.
    """
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
    # 2. Spellings of one name: each into the most frequent spelling (then the longer).
    for kind, names in by_kind.items():
        for value in names:
            if (value, kind) in merged:
                continue
            variants = [o for o in names if _variant(value, o, kind)]
            if not variants:
                continue
            best = max([value, *variants], key=lambda n: (counts[(n, kind)], len(n), n))
            if best != value:
                merged[(value, kind)] = (best, _variant(value, best, kind) or "spelling")

    def final(name: str, kind: str) -> str:
        seen = {name}
        while (name, kind) in merged and merged[(name, kind)][0] not in seen:
            name = merged[(name, kind)][0]
            seen.add(name)
        return name

    # 3. Short forms and initials that name exactly one (merged) full name.
    for kind, names in by_kind.items():
        for value in names:
            if (value, kind) in merged:
                continue
            targets: dict[str, str] = {}
            for other in names:
                reason = _short_form(value, other, kind)
                if reason is not None:
                    targets.setdefault(final(other, kind), reason)
            targets.pop(value, None)
            if len(targets) == 1:
                target, reason = next(iter(targets.items()))
                merged[(value, kind)] = (target, reason)
    out = []
    for (value, kind), (_, reason) in merged.items():
        target = final(value, kind)
        if target != value:
            out.append(
                MergeSuggestion(value, kind, counts[(value, kind)], target, counts[(target, kind)], reason)
            )
    return sorted(out, key=lambda s: (-s.short_count, s.short))


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


def alias_file(suggestions: Iterable[MergeSuggestion]) -> str:
    """The suggestions as an alias file to review and pass to ``newsearch index --aliases``."""
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
    return "\n".join(lines) + "\n"
