"""Field names, dates, paragraphs and ids: turning one raw record into an Article."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from ..models import Article

# Canonical field -> accepted names, matched case-insensitively with spaces, hyphens and underscores ignored.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "articleid", "docid", "guid", "uuid", "newid"),
    "headline": ("headline", "title", "heading", "hed"),
    "standfirst": ("standfirst", "subtitle", "subheadline", "subhead", "dek", "description", "summary"),
    "body": ("body", "text", "content", "articlebody", "article", "story", "fulltext", "maintext"),
    "date": (
        "date",
        "published",
        "publishdate",
        "publisheddate",
        "publishedat",
        "pubdate",
        "datepublished",
        "publicationdate",
        "datetime",
        "timestamp",
        "created",
        "createdat",
    ),
    "source": ("source", "publication", "outlet", "publisher", "sourcename", "site", "newspaper"),
    "url": ("url", "link", "href", "permalink", "uri"),
    "author": ("author", "byline", "authors", "writer", "by", "creator"),
}
_NAME_TO_FIELD = {alias: field for field, aliases in FIELD_ALIASES.items() for alias in aliases}
_NAME_JUNK = re.compile(r"[\s_\-.]+")

MAX_HEADLINE_CHARS = 300
_DERIVED_HEADLINE_WORDS = 14


def field_of(name: str) -> str | None:
    """The canonical field a column/key name stands for, or None."""
    try:
        return _field_of[name]
    except KeyError:
        pass
    if len(_field_of) >= _FIELD_OF_LIMIT:  # records with ever new keys: stay bounded
        _field_of.clear()
    found = _field_of[name] = _NAME_TO_FIELD.get(_squash(name))
    return found


# name -> field_of(name): a corpus repeats the same few keys in every record (twice per record looked up)
_field_of: dict[str, str | None] = {}
_FIELD_OF_LIMIT = 4096


def _squash(name: str) -> str:
    return _NAME_JUNK.sub("", name.lower())


def canonical_fields(record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Map a raw record's keys to canonical fields; the first key for a field wins.

    ``mapping`` (canonical field -> column name, matched like the aliases) comes first; a mapped field
    takes nothing else, and an empty column name for ``id`` means "no ids from the records".
    """
    out: dict[str, Any] = {}
    used: set[str] = set()
    if mapping:
        for field, column in mapping.items():
            key = mapped_key(record, column) if column else None
            if key is not None:
                used.add(key)
                if record[key] not in (None, ""):
                    out[field] = record[key]
    for key, value in record.items():
        if not isinstance(key, str) or key in used:
            continue
        alias = field_of(key)
        if alias and alias not in out and value not in (None, "") and not (mapping and alias in mapping):
            out[alias] = value
    return out


def mapped_key(record: Mapping[str, Any], column: str) -> str | None:
    """The record's key for a column named in a field mapping: exact, else ignoring case and _ - spaces."""
    if column in record:
        return column
    wanted = _squash(column)
    return next((k for k in record if isinstance(k, str) and _squash(k) == wanted), None)


def unused_keys(record: Mapping[str, Any], mapping: Mapping[str, str] | None = None) -> list[str]:
    """The record's keys that no field takes (neither an alias nor a mapped column)."""
    mapped = {mapped_key(record, c) for c in (mapping or {}).values() if c}
    return [k for k in record if isinstance(k, str) and k not in mapped and field_of(k) is None and k.strip()]


# ---------------------------------------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_MDY = re.compile(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_REUTERS = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d\d):(\d\d):(\d\d))?")
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")


def parse_date(value: Any, fmt: str | None = None) -> datetime | None:
    """A datetime from ISO 8601, RFC 2822, "March 26, 2024", "26 March 2024", a Unix timestamp or
    "26-FEB-1987 15:01:01"; None when it does not parse.

    Always timezone-aware, with the UTC offset the text gives as a fixed offset ("2025-11-03T23:30:00-05:00"
    stays 23:30 on 3 November at -05:00: the article's own calendar day); a date or time without an offset,
    and a Unix timestamp, is UTC.

    ``fmt`` (a strptime format such as "%d/%m/%Y") is tried first. Without it, day/month-ambiguous forms
    such as "05/03/2024" are never guessed: they do not parse.
    """
    if fmt and isinstance(value, str):
        try:
            return _fixed_offset(datetime.strptime(value.strip(), fmt))
        except ValueError:
            pass
    if isinstance(value, datetime):
        return _fixed_offset(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _from_timestamp(float(text))
    for attempt in (_iso, _rfc2822, _month_names, _reuters, _slashed):
        try:
            parsed = attempt(text)
        except (ValueError, TypeError, OverflowError, IndexError):
            parsed = None
        if parsed is not None:
            return _fixed_offset(parsed)
    return None


def _from_timestamp(seconds: float) -> datetime | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _fixed_offset(dt: datetime) -> datetime:
    """``dt`` with its offset as a fixed ``timezone`` of whole minutes (as the index stores it); UTC when
    it has none."""
    offset = dt.utcoffset()
    if offset is None:
        return dt.replace(tzinfo=UTC)
    minutes = round(offset.total_seconds() / 60)
    return dt.replace(tzinfo=UTC if minutes == 0 else timezone(timedelta(minutes=minutes)))


def _iso(text: str) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)


def _rfc2822(text: str) -> datetime | None:
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    return parsedate_to_datetime(text)


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _month_names(text: str) -> datetime | None:
    if m := _MDY.match(text):
        return datetime(int(m[3]), _month(m[1]), int(m[2]))
    if m := _DMY.match(text):
        return datetime(int(m[3]), _month(m[2]), int(m[1]))
    return None


def _reuters(text: str) -> datetime | None:
    if m := _REUTERS.match(text):
        hour, minute, second = ([int(x) for x in m.groups()[3:] if x is not None] + [0, 0, 0])[:3]
        return datetime(int(m[3]), _month(m[2]), int(m[1]), hour, minute, second)
    return None


def _slashed(text: str) -> datetime | None:
    if m := _SLASHED.match(text):
        return datetime(int(m[1]), int(m[2]), int(m[3]))
    return None


# ----------------------------------------------------------------------------------------- paragraphs

_READ_MORE = re.compile(r"^\s*read more\s*[:\-–—]\s*(.*)$", re.IGNORECASE)
_TERMINAL = tuple(".!?:;,\"'”’)]…")
# Runs of spaces, tabs and no-break spaces become one space. A lone space is left alone (the pattern skips
# it): replacing each of a text's hundreds of single spaces by itself was most of the substitution's cost.
_SPACES = re.compile(r" [ \t\u00a0]+|[\t\u00a0][ \t\u00a0]*")


def is_subhead(line: str) -> bool:
    """A short line without final punctuation: a section subhead, not body prose."""
    words = line.split()
    return 0 < len(words) <= 9 and len(line) <= 70 and not line.endswith(_TERMINAL) and line[:1].isupper()


def split_paragraphs(text: str, *, find_subheads: bool = True) -> tuple[list[str], list[str], list[str]]:
    """(paragraphs, subheads, links) of a body: one paragraph per line or per blank-line block.

    "Read more: …" lines are related links, kept apart. A hard-wrapped line is joined to the next when it
    ends mid-sentence and the next one starts in lower case. ``find_subheads=False`` keeps short lines
    as paragraphs (formats that mark their subheads, or whose short lines are table rows).
    """
    paragraphs: list[str] = []
    subheads: list[str] = []
    links: list[str] = []
    open_paragraph = False  # the last paragraph may continue on the next line
    lines = clean_lines(text)
    for i, line in enumerate(lines):
        if not line:
            open_paragraph = False
            continue
        if m := _READ_MORE.match(line):
            if m[1]:
                links.append(m[1].strip())
            open_paragraph = False
            continue
        if open_paragraph and paragraphs and (line[:1].islower() or not paragraphs[-1].endswith(_TERMINAL)):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
            open_paragraph = not line.endswith(_TERMINAL)
            continue
        if find_subheads and is_subhead(line) and not _continues(lines, i):
            subheads.append(line)
            open_paragraph = False
            continue
        paragraphs.append(line)
        open_paragraph = not line.endswith(_TERMINAL)
    return paragraphs, subheads, links


def clean_lines(text: str) -> list[str]:
    """The lines of ``text``, each stripped, with runs of spaces, tabs and no-break spaces as one space.

    One substitution over the whole text (the pattern holds no newline, so each line comes out as if
    substituted alone), and none when there is nothing to substitute: a regex call per line was the
    readers' largest own cost."""
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return [raw.strip() for raw in text.split("\n")]


def _continues(lines: list[str], i: int) -> bool:
    """Whether the line after ``lines[i]`` (same block) carries on its sentence (starts in lower case)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return nxt[:1].islower()


# ----------------------------------------------------------------------------------------- articles


_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """Lone surrogates (JSON "\\ud800" escapes) cannot be stored as UTF-8: they become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def text_of(value: Any) -> str:
    """A field's value as one clean line of text (lists are joined; NewsAPI-style {"name": …} unwrapped)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or ""
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (text_of(v) for v in value) if t)
    if not isinstance(value, str):
        value = str(value)
    if value.isascii():  # no surrogates; tabs, newlines and runs of spaces are rare in a one-line field
        if "\n" in value or "\t" in value or "  " in value:
            value = _SPACES.sub(" ", value.replace("\n", " "))
        return value.strip()
    return no_surrogates(_SPACES.sub(" ", value.replace("\n", " ")).strip())


def derived_headline(body: str) -> str:
    words = body.split()
    head = " ".join(words[:_DERIVED_HEADLINE_WORDS])
    return head + (" …" if len(words) > _DERIVED_HEADLINE_WORDS else "")


def content_hash(article: Article) -> str:
    return _content_hash(
        article.headline,
        article.standfirst,
        article.body,
        article.date,
        article.source,
        article.url,
        article.author,
        article.subheads,
        article.links,
        article.meta,
    )


def _content_hash(
    headline: str,
    standfirst: str,
    body: str,
    date: datetime | None,
    source: str | None,
    url: str | None,
    author: str | None,
    subheads: tuple[str, ...],
    links: tuple[str, ...],
    meta: Mapping[str, Any],
) -> str:
    payload = json.dumps(
        [
            headline,
            standfirst,
            body,
            date and date.isoformat(),
            source,
            url,
            author,
            list(subheads),
            list(links),
            *([meta] if meta else []),
        ],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def article_id(rel_path: str, record: int | None) -> str:
    return rel_path if record is None else f"{rel_path}#{record}"


def build_article(
    fields: Mapping[str, Any],
    *,
    rel_path: str,
    record: int | None,
    body_text: str | None = None,
    date_format: str | None = None,
    meta: Mapping[str, Any] | None = None,
    find_subheads: bool = True,
    subheads: tuple[str, ...] = (),
) -> Article:
    """Assemble an Article from canonical fields; raises ValueError (the reason) when it has no text.

    ``subheads``: ones the format marks itself (NITF ``hl2``, HTML ``h2``), besides any found in the body.
    """
    body_raw = body_text if body_text is not None else _raw_text(fields.get("body"))
    paragraphs, found, links = split_paragraphs(body_raw, find_subheads=find_subheads)
    subheads = tuple(text_of(s) for s in subheads if text_of(s)) + tuple(found)
    body = "\n\n".join(paragraphs)
    headline = text_of(fields.get("headline"))[:MAX_HEADLINE_CHARS]
    if not headline and not body:
        raise ValueError("no text (no headline and an empty body)")
    if not headline:
        headline = derived_headline(body)
    own_id = text_of(fields.get("id"))
    standfirst = text_of(fields.get("standfirst"))
    date = parse_date(fields.get("date"), date_format)
    source = text_of(fields.get("source")) or None
    url = text_of(fields.get("url")) or None
    author = text_of(fields.get("author")) or None
    kept_links = tuple(links)
    kept_meta = dict(meta or {})
    # The hash from the values, not from a first Article copied with dataclasses.replace (~10 us a story).
    digest = _content_hash(
        headline, standfirst, body, date, source, url, author, subheads, kept_links, kept_meta
    )
    return Article(
        id=own_id or article_id(rel_path, record),
        headline=headline,
        body=body,
        standfirst=standfirst,
        date=date,
        source=source,
        url=url,
        author=author,
        path=rel_path,
        record=record,
        subheads=subheads,
        links=kept_links,
        content_hash=digest,
        meta=kept_meta,
    )


def _raw_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n\n".join(_raw_text(v) for v in value)
    if isinstance(value, dict):
        return ""
    return no_surrogates(value if isinstance(value, str) else str(value))
