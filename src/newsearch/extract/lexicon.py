"""The shipped word lists (package data), loaded once: titles, saying verbs, non-names, org words, names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsearch.extract.aliases import countries

__all__ = ["Lexicon", "lexicon"]


def _lines(name: str) -> list[str]:
    text = resources.files("newsearch.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _inflect(verb: str) -> set[str]:
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head}
    if head.endswith("e"):
        forms |= {head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms |= {head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    else:
        forms |= {head + "s", head + "ed", head + "ing"}
    return {form + tail for form in forms}


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    function_words: frozenset[str]
    nonnames: frozenset[str]
    org_words: dict[str, str]
    verbs: tuple[str, ...]
    verb_bases: frozenset[str]
    demonyms: dict[str, str]
    plural_demonyms: frozenset[str]
    capitals: dict[str, str]
    events: frozenset[str]
    captions: frozenset[str]
    products: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]


# An office won or named but not yet taken: "President-elect", "Leader-elect", "State-designate" (of
# "Secretary of State-designate"), written with either case of the suffix.
_PENDING_SUFFIXES = ("-elect", "-Elect", "-designate", "-Designate")


def _pending_titles(titles: list[str]) -> frozenset[str]:
    """Every "-elect"/"-designate" form of the titles that are plain words."""
    plain = [t for t in titles if t.replace("-", "").isalpha()]
    return frozenset(t + suffix for t in plain for suffix in _PENDING_SUFFIXES)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Every shipped word list, parsed once per process."""
    function_words: set[str] = set()
    nouns: set[str] = set()
    target = function_words
    for line in _lines("nonnames.txt"):
        if line == "[nouns]":
            target = nouns
            continue
        target.add(line)
    org_words: dict[str, str] = {}
    for line in _lines("orgwords.txt"):
        word, _, kind = line.partition("=")
        org_words[word.strip()] = kind.strip() or "organisation"
    verbs: set[str] = set()
    bases: set[str] = set()
    for line in _lines("verbs.txt"):
        base, _, irregular = line.partition(":")
        forms = {form.strip() for form in irregular.split(",") if form.strip()}
        if base.startswith("="):  # only the forms listed ("=talk: talked": "talks" is mostly a noun)
            verbs |= forms
            continue
        base = base.strip()
        bases.add(base)
        verbs |= _inflect(base) | forms
    demonyms: dict[str, str] = {}
    plural: set[str] = set()
    capitals: dict[str, str] = {}
    for country in countries():
        for demonym in country.demonyms:
            demonyms.setdefault(demonym, country.name)
            if demonym.endswith("s") and not demonym.endswith("ss"):
                plural.add(demonym)
        for capital in country.capitals:
            capitals.setdefault(capital, country.name)
    sections: dict[str, set[str]] = {"events": set(), "captions": set(), "products": set()}
    section = sections["events"]
    for line in _lines("notparties.txt"):
        if line.startswith("["):
            section = sections[line.strip("[]")]
        else:
            section.add(line)
    given: dict[str, set[str]] = {"male": set(), "female": set()}
    current = given["male"]
    for line in _lines("firstnames.txt"):
        if line.startswith("["):
            current = given[line.strip("[]")]
        else:
            current.update(line.split())
    titles = _lines("titles.txt")
    return Lexicon(
        titles=frozenset(titles) | _pending_titles(titles),
        function_words=frozenset(function_words),
        nonnames=frozenset(function_words | nouns),
        org_words=org_words,
        verbs=tuple(sorted(verbs, key=len, reverse=True)),
        verb_bases=frozenset(bases),
        demonyms=demonyms,
        plural_demonyms=frozenset(plural),
        capitals=capitals,
        events=frozenset(sections["events"]),
        captions=frozenset(sections["captions"]),
        products=frozenset(sections["products"]),
        male_names=frozenset(given["male"]),
        female_names=frozenset(given["female"]),
    )
