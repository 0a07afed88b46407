"""One reader per input format. Each turns a file's text into articles and per-record problems."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from ..models import Article, Skipped
from .decode import MAX_FILE_BYTES
from .fields import build_article, canonical_fields, field_of, mapped_key, unused_keys
from .notes import Note
from .settings import DEFAULT, ReadSettings

Item = Article | Skipped | Note

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{1,20}):\s*(.*\S)\s*$")
_HEADER_FIELDS = {"id", "date", "source", "author", "url"}
# JSON nests articles under one of these keys in common exports ({"articles": [...]}).
_WRAPPER_KEYS = ("articles", "items", "data", "results", "docs", "documents", "records")


def read_text_article(text: str, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """The plain-text format: optional ``Key: value`` header block and a blank line; then the headline,
    an optional standfirst directly below it, and paragraphs (one per line or blank-line separated)."""
    lines = text.split("\n")
    fields, lines = _header_block(lines)
    while lines and not lines[0].strip():
        lines = lines[1:]
    if not lines:
        yield Skipped(rel_path, "empty file" if not text.strip() else "no text after the header block")
        return
    fields["headline"] = lines[0].strip()
    rest = lines[1:]
    # A standfirst is a sentence directly below the headline, with more text after it.
    if len(rest) > 1 and rest[0].strip() and any(line.strip() for line in rest[1:]):
        candidate = rest[0].strip()
        if not candidate.lower().startswith("read more") and candidate.endswith(tuple(".!?\"”'’")):
            fields["standfirst"] = candidate
            rest = rest[1:]
    try:
        article = build_article(
            fields,
            rel_path=rel_path,
            record=None,
            body_text="\n".join(rest),
            date_format=settings.date_format,
        )
    except ValueError as exc:
        yield Skipped(rel_path, str(exc))
        return
    yield article
    if "date" in fields and article.date is None:
        yield Note(rel_path, None, "dates-unparsed", str(fields["date"]))


def _header_block(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    fields: dict[str, Any] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            return (fields, lines[i + 1 :]) if fields else ({}, lines)
        m = _HEADER_LINE.match(line)
        field = field_of(m[1]) if m else None
        if m is None or field not in _HEADER_FIELDS:
            return {}, lines
        fields.setdefault(field, m[2])
    return {}, lines


def read_json(text: str, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """One object, a list of objects, or an object wrapping a list under "articles"/"items"/…"""
    try:
        data = json.loads(text)
    except RecursionError:
        yield Skipped(rel_path, "invalid JSON: nested too deeply")
        return
    except json.JSONDecodeError as exc:
        yield Skipped(rel_path, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(data, dict) and not _has_text_field(data):
        for key in _WRAPPER_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        yield from _record(data, rel_path, None, settings)
    elif isinstance(data, list):
        if not data:
            yield Skipped(rel_path, "empty JSON list")
        for n, item in enumerate(data, start=1):
            yield from _record(item, rel_path, n, settings)
    else:
        yield Skipped(
            rel_path, f"JSON holds a {type(data).__name__}, not an article object or a list of them"
        )


def read_jsonl(text: str, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """One object per line; a bad line skips that line only. Record numbers are line numbers."""
    seen_any = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen_any = True
        try:
            data = json.loads(line)
        except RecursionError:
            yield Skipped(rel_path, "invalid JSON: nested too deeply", n)
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(rel_path, f"invalid JSON: {exc.msg} at column {exc.colno}", n)
            continue
        yield from _record(data, rel_path, n, settings)
    if not seen_any:
        yield Skipped(rel_path, "empty file")


def read_csv(text: str, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """A header row, then one article per row; fields may hold newlines when quoted."""
    if not text.strip():
        yield Skipped(rel_path, "empty file")
        return
    # The csv module refuses fields over 128 KiB by default (a long article in one cell); files are
    # already capped at MAX_FILE_BYTES, so a cell may be as large as a file. Only ever raised, never lowered.
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        yield Skipped(rel_path, f"unreadable CSV header: {exc}")
        return
    mapping = dict(settings.fields)
    columns = {field_of(name) for name in header}
    mapped = {f for f, c in mapping.items() if c and mapped_key(dict.fromkeys(header), c) is not None}
    missing = [f"{f}={c}" for f, c in mapping.items() if c and f not in mapped]
    if missing:
        yield Skipped(
            rel_path,
            f"no column for --field {', '.join(missing)} (header: {', '.join(header)[:200]})",
        )
        return
    if not ({"body", "headline"} & (columns | mapped)):
        known = "body/text/content or headline/title"
        yield Skipped(
            rel_path,
            f"CSV has no text column (header: {', '.join(header)[:200]}; expected {known}, "
            "or map one with --field body=COLUMN)",
        )
        return
    unused = unused_keys(dict.fromkeys(header), mapping)
    if unused:
        yield Note(rel_path, None, "columns-unused", columns=tuple(unused))
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skipped(rel_path, f"unreadable CSV row: {exc} (the rest of the file is not read)", n + 1)
            break
        n += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problem = f"row has {len(row)} fields, header has {len(header)}"
            if len(row) < len(header):
                yield Skipped(rel_path, problem, n)
                continue
        record = {name: value for name, value in zip(header, row, strict=False)}
        yield from _record(record, rel_path, n, settings, columns_noted=True)
    if n == 0:
        yield Skipped(rel_path, "CSV has a header but no rows")


def _has_text_field(data: dict) -> bool:
    return any(field_of(k) in ("body", "headline") for k in data if isinstance(k, str))


def _record(
    data: Any, rel_path: str, record: int | None, settings: ReadSettings, *, columns_noted: bool = False
) -> Iterator[Item]:
    if not isinstance(data, dict):
        yield Skipped(rel_path, f"record is a {type(data).__name__}, not an object", record)
        return
    mapping = dict(settings.fields)
    fields = canonical_fields(data, mapping)
    try:
        article = build_article(fields, rel_path=rel_path, record=record, date_format=settings.date_format)
    except ValueError as exc:
        yield Skipped(rel_path, str(exc), record)
        return
    except RecursionError:
        yield Skipped(rel_path, "record nested too deeply", record)
        return
    yield article
    yield from record_notes(data, fields, article, settings, columns_noted=columns_noted)


def record_notes(
    data: dict, fields: dict, article: Article, settings: ReadSettings, *, columns_noted: bool = False
) -> Iterator[Note]:
    """Notes on one record read from keyed data: its date did not parse, it has no body, unused keys."""
    path, record = article.path, article.record
    if "date" in fields and article.date is None:
        yield Note(path, record, "dates-unparsed", _short(fields["date"]))
    unused = unused_keys(data, dict(settings.fields))
    if "body" not in fields and article.body == "":
        texts = [k for k in unused if isinstance(data[k], str) and data[k].strip()]
        guess = max(texts, key=lambda k: len(data[k]), default="")
        yield Note(path, record, "no-body", guess, tuple(k for k in data if isinstance(k, str)))
    if unused and not columns_noted:
        yield Note(path, record, "columns-unused", columns=tuple(unused))


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text[:60]


def read_stdin(text: str, rel_path: str, settings: ReadSettings = DEFAULT) -> Iterator[Item]:
    """Standard input: a JSON document, JSONL, or one article in the plain-text layout."""
    start = text.lstrip()[:1]
    if start == "[":
        yield from read_json(text, rel_path, settings)
    elif start == "{":
        try:
            json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            yield from read_jsonl(text, rel_path, settings)  # one object per line (or broken: said per line)
        else:
            yield from read_json(text, rel_path, settings)
    else:
        yield from read_text_article(text, rel_path, settings)


PROSE_WORDS = 6  # a line of at least this many words is taken as running text
MIN_LINES = 20


def not_prose(text: str) -> str | None:
    """Why a plain-text file is no article (a word list, a data dump), or None.

    News is mostly sentences: in every bbc_news article at least 65% of the characters stand in lines of
    six or more words; in Reuters-21578's category lists none, in its data dump 7%, in its notes on the
    categories 41%. Files under 20 lines are never judged.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_LINES:
        return None
    total = sum(len(line) for line in lines)
    prose = sum(len(line) for line in lines if len(line.split()) >= PROSE_WORDS)
    if prose >= total / 2:
        return None
    return f"mostly short lines, a list or data ({round(100 * prose / total)}% of the text in sentences)"
