"""The stored record of an article: the one field list, and the one place that turns Article + extraction
into the record an engine stores, and a stored record back into an Article.

Every engine adapter builds its schema from :data:`FIELDS` and stores :func:`record`'s dict; nothing else
spells field names. A record is a plain dict (engine-neutral, JSON-friendly except the datetime):

==============  ==============  =========================================================================
field           kind            value in the record
==============  ==============  =========================================================================
id              key             the article id (unique; exact look-ups and deletes)
path, url       key             where it came from (exact match; queryable as ``path:``, ``url:``)
file            stored          the absolute source file (incremental bookkeeping; internal)
headline,       text            analysed with :mod:`newsearch.analysis`, positions kept (phrases), stored
standfirst,
body, subheads
speakers        value (multi)   tuple of names (facets, ``speaker:``)
parties         value (multi)   tuple of ``(name, kind)`` pairs; indexed by name (facets, ``party:``)
party_keys      value (multi)   derived: ``"kind:name"`` per party (facets of one kind; internal)
source, author  value           one string or None (facets, ``source:``, ``author:``)
date            date            naive datetime: the article's own clock (its calendar day), or None
                                (ranges, sort, histograms)
date_offset     stored          the date's UTC offset in minutes (0 when the source gave none)
record, links,  stored          record number, related links, quotes, a format's metadata, content
quotes, …                       hash, extraction key
evidence        stored          why each speaker, quote speaker and party was found: ``[facet letter (s, q,
                                p), name, rule, cue, position]`` per value (the cue "" when it is the name)
dup_keys        column          derived: 16 LSH band keys (ints) of the MinHash signature (folding)
dup_sig         column          derived: the 64-value MinHash signature (ints)
==============  ==============  =========================================================================

Kinds: ``text`` fields are analysed and scored; ``value`` fields hold exact values that filters match and
facets count (engines keep them as per-document columns too); ``key`` fields are exact, unscored,
single-valued; ``date`` is a point in time with a column; ``stored`` fields are only kept; ``column`` fields
are per-document values that are neither indexed nor stored.

>>> [f.name for f in FIELDS if f.kind == "text"]
['headline', 'standfirst', 'body', 'subheads']
>>> resolve_field("speaker"), resolve_field("title"), resolve_field("schema_version")
('speakers', 'headline', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from . import dedupe
from .models import Article, Evidence, Extraction, Party, Quote

# Bump on every change of what is stored or how (an older index is refused with a rebuild message).
# 2: ids and file keys start with the corpus root's name (issue 12); articles keep a format's metadata.
# 3: engine-neutral record (lists, parties as pairs), dedupe columns, the engine's name in the marker.
# 4: dates on the article's own clock (its calendar day) with their UTC offset kept (date_offset).
# 5: the extraction's evidence (rule and cue of each speaker, quote and party) is stored (issue 10).
SCHEMA_VERSION = 5

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str  # text | value | key | date | stored | column
    aliases: tuple[str, ...] = ()  # what users may type in queries; empty: not part of the query language
    multi: bool = False  # value fields: several values per article

    @property
    def public(self) -> bool:
        return bool(self.aliases)


FIELDS: tuple[Field, ...] = (
    Field("id", "key", ("id",)),
    Field("path", "key", ("path", "file")),
    Field("url", "key", ("url",)),
    Field("headline", "text", ("headline", "title")),
    Field("standfirst", "text", ("standfirst", "dek")),
    Field("body", "text", ("body", "text")),
    Field("subheads", "text", ("subheads", "subhead")),
    Field("speakers", "value", ("speakers", "speaker", "said", "by"), multi=True),
    Field("parties", "value", ("parties", "party", "who", "entity"), multi=True),
    Field("party_keys", "value", multi=True),
    Field("source", "value", ("source", "outlet", "publication")),
    Field("author", "value", ("author", "byline")),
    Field("date", "date", ("date", "published")),
    Field("date_offset", "stored"),
    Field("file", "stored"),
    Field("record", "stored"),
    Field("links", "stored"),
    Field("quotes", "stored"),
    Field("meta", "stored"),  # what a format carries beyond the fields (Reuters' places, a dateline …)
    Field("content_hash", "stored"),
    Field("extraction", "stored"),
    Field("evidence", "stored"),
    Field("dup_keys", "column"),
    Field("dup_sig", "column"),
)
BY_NAME = {f.name: f for f in FIELDS}
TEXT_FIELDS = tuple(f.name for f in FIELDS if f.kind == "text")
VALUE_FIELDS = tuple(f.name for f in FIELDS if f.kind == "value")
KEY_FIELDS = tuple(f.name for f in FIELDS if f.kind == "key")
MULTI_VALUED = tuple(f.name for f in FIELDS if f.multi)
COLUMN_FIELDS = ("dup_keys", "dup_sig")
# Fields in the record that are derived for the index and not handed back by ``reader.stored``.
DERIVED = ("party_keys", "dup_keys", "dup_sig")
_ALIASES = {alias: f.name for f in FIELDS for alias in f.aliases}
PUBLIC_FIELDS = tuple(f.name for f in FIELDS if f.public)


def resolve_field(name: str) -> str | None:
    """The field a name typed in a query means (case-insensitive), or None when it is not public."""
    return _ALIASES.get(name.lower())


def record(
    article: Article, file_key: str = "", extraction_key: str = "", extraction: Extraction | None = None
) -> dict[str, Any]:
    """The record an engine stores for one article (with ``extraction``'s speakers, parties and quotes)."""
    # The extraction's values in place of the article's (no dataclasses.replace copy of the article).
    found = extraction if extraction is not None else article
    parties = found.parties
    sig = dedupe.signature(article.body or article.headline)
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "file": file_key,
        "record": article.record,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "subheads": list(article.subheads),
        "links": list(article.links),
        "speakers": list(found.speakers),
        "parties": [[p.name, p.kind] for p in parties],
        "party_keys": [f"{p.kind}:{p.name}" for p in parties],
        "source": article.source,
        "author": article.author,
        "date": article.date.replace(tzinfo=None) if article.date else None,
        "date_offset": _offset_minutes(article.date),
        "quotes": [[q.text, q.speaker, q.speaker_label, q.position, q.direct] for q in found.quotes],
        "meta": dict(article.meta),
        "content_hash": article.content_hash,
        "extraction": extraction_key,
        "evidence": evidence_rows(found.evidence),
        "dup_keys": list(dedupe.band_keys(sig)),
        "dup_sig": list(sig),
    }


def values(rec: dict[str, Any], field: str) -> tuple[str, ...]:
    """A value or key field's values in a record: a tuple (empty when the article has none)."""
    value = rec.get(field)
    if value is None or value == "":
        return ()
    if field == "parties":
        return tuple(name for name, _kind in value)
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)


def text(rec: dict[str, Any], field: str) -> str:
    """A text field's text in a record (subheads one per line)."""
    value = rec.get(field) or ""
    return "\n".join(value) if isinstance(value, list | tuple) else value


def _offset_minutes(when: datetime | None) -> int | None:
    """The UTC offset of an article's date in minutes (None: no date; a naive date counts as UTC)."""
    if when is None:
        return None
    offset = when.utcoffset()
    return 0 if offset is None else round(offset.total_seconds() / 60)


def date(rec: dict[str, Any]) -> datetime | None:
    """A record's date as the article gave it: timezone-aware, with the article's own UTC offset (UTC when
    its source stated none).

    >>> date({"date": datetime(2025, 11, 3, 23, 30), "date_offset": -300}).isoformat()
    '2025-11-03T23:30:00-05:00'
    """
    when = rec.get("date")
    if not isinstance(when, datetime):
        return None
    offset = rec.get("date_offset") or 0
    return when.replace(tzinfo=UTC if offset == 0 else timezone(timedelta(minutes=offset)))


def quotes(rec: dict[str, Any]) -> tuple[Quote, ...]:
    """The quotes a stored record holds."""
    return tuple(
        Quote(text=t, speaker=s, speaker_label=label, position=pos, direct=d)
        for t, s, label, pos, d in rec.get("quotes") or ()
    )


def article(rec: dict[str, Any]) -> Article:
    """The Article a stored record holds."""
    return Article(
        id=rec["id"],
        headline=rec.get("headline") or "",
        body=rec.get("body") or "",
        standfirst=rec.get("standfirst") or "",
        date=date(rec),
        source=rec.get("source"),
        url=rec.get("url"),
        author=rec.get("author"),
        path=rec.get("path") or "",
        record=rec.get("record"),
        subheads=tuple(s for s in rec.get("subheads") or () if s),
        links=tuple(rec.get("links") or ()),
        content_hash=rec.get("content_hash") or "",
        speakers=tuple(rec.get("speakers") or ()),
        parties=parties(rec),
        quotes=quotes(rec),
        meta=dict(rec.get("meta") or {}),
        evidence=evidence(rec),
    )


def parties(rec: dict[str, Any]) -> tuple[Party, ...]:
    return tuple(Party(name, kind) for name, kind in rec.get("parties") or ())


_FACET_LETTERS = {"speakers": "s", "quotes": "q", "parties": "p"}
_LETTER_FACETS = {v: k for k, v in _FACET_LETTERS.items()}


def evidence_rows(items: tuple[Evidence, ...]) -> list[list]:
    """Evidence as compact rows: one per speaker and rule (the first place it fired), per quote, per party.

    >>> evidence_rows((Evidence("speakers", "Amara Okonjo", "name-verb", "said", 12),
    ...                Evidence("speakers", "Amara Okonjo", "name-verb", "told", 80),
    ...                Evidence("parties", "Qatar", "gazetteer", "Qatar", 3)))
    [['s', 'Amara Okonjo', 'name-verb', 'said', 12], ['p', 'Qatar', 'gazetteer', '', 3]]
    """
    rows: list[list] = []
    seen: set[tuple[str, str, str]] = set()
    for ev in items:
        letter = _FACET_LETTERS.get(ev.facet)
        if letter is None:
            continue
        if letter == "s":
            if (letter, ev.name, ev.rule) in seen:
                continue
            seen.add((letter, ev.name, ev.rule))
        rows.append([letter, ev.name, ev.rule, "" if ev.cue == ev.name else ev.cue, ev.position])
    return rows


def evidence(rec: dict[str, Any]) -> tuple[Evidence, ...]:
    """The Evidence a stored record holds."""
    return tuple(
        Evidence(_LETTER_FACETS[letter], name, rule, cue or (name if letter == "p" else ""), position)
        for letter, name, rule, cue, position in rec.get("evidence") or ()
        if letter in _LETTER_FACETS
    )
