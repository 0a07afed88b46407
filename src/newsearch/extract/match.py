"""Query-time matching of a user's speaker/party query against the canonical names in an index."""

from __future__ import annotations

from collections.abc import Iterable

from newsearch.extract.aliases import AliasTable, effective, norm_key
from newsearch.extract.lexicon import lexicon

__all__ = ["match_names"]


def _fold(text: str) -> str:
    key, _ = norm_key(text)
    return key.casefold()


def match_names(query: str, values: Iterable[str], aliases: AliasTable | None = None) -> list[str]:
    """The canonical values that ``query`` names: exactly, through an alias, or as a short form.

    Case-insensitive; a surname (or any whole word run at the end of a name) matches the full name.

    >>> match_names("gallant", ["Yoav Gallant", "Lloyd Austin"])
    ['Yoav Gallant']
    >>> match_names("UNSC", ["UN Security Council", "Hamas"])
    ['UN Security Council']
    """
    q = _fold(query)
    if not q:
        return []
    table = effective(aliases)
    targets = {q}
    canonical = table.canonical_folded(query)
    if canonical is not None:
        targets.add(_fold(canonical))
    country = lexicon().demonyms.get(query.strip().title())
    if country is not None:
        targets.add(_fold(country))
    values = list(dict.fromkeys(values))
    exact = [v for v in values if _fold(v) in targets]
    via_alias = [
        v for v in values if v not in exact and (c := table.canonical(v)) is not None and _fold(c) in targets
    ]
    if exact or via_alias:
        return exact + via_alias
    words = q.split()
    out = []
    for v in values:
        vw = _fold(v).split()
        if len(words) < len(vw) and (vw[-len(words) :] == words or vw[: len(words)] == words):
            out.append(v)
    return out
