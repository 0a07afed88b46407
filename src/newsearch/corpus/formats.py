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
from .fields import build_article, canonical_fields, field_of

Item = Article | Skipped

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{1,20}):\s*(.*\S)\s*$")
_HEADER_FIELDS = {"id", "date", "source", "author", "url"}
# JSON nests articles under one of these keys in common exports ({"articles": [...]}).
_WRAPPER_KEYS = ("articles", "items", "data", "results", "docs", "documents", "records")


def read_text_article(text: str, rel_path: str) -> Iterator[Item]:
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
        yield build_article(fields, rel_path=rel_path, record=None, body_text="\n".join(rest))
    except ValueError as exc:
        yield Skipped(rel_path, str(exc))


def _header_block(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    fields: dict[str, Any] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            return (fields, lines[i + 1 :]) if fields else ({}, lines)
        m = _HEADER_LINE.match(line)
        field = field_of(m[1]) if m else None
        if field not in _HEADER_FIELDS:
            return {}, lines
        fields.setdefault(field, m[2])
    return {}, lines


def read_json(text: str, rel_path: str) -> Iterator[Item]:
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
        yield from _record(data, rel_path, None)
    elif isinstance(data, list):
        if not data:
            yield Skipped(rel_path, "empty JSON list")
        for n, item in enumerate(data, start=1):
            yield from _record(item, rel_path, n)
    else:
        yield Skipped(
            rel_path, f"JSON holds a {type(data).__name__}, not an article object or a list of them"
        )


def read_jsonl(text: str, rel_path: str) -> Iterator[Item]:
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
        yield from _record(data, rel_path, n)
    if not seen_any:
        yield Skipped(rel_path, "empty file")


def read_csv(text: str, rel_path: str) -> Iterator[Item]:
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
    columns = [field_of(name) for name in header]
    if "body" not in columns and "headline" not in columns:
        known = "body/text/content or headline/title"
        yield Skipped(
            rel_path, f"CSV has no text column (header: {', '.join(header)[:200]}; expected {known})"
        )
        return
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
        yield from _record(record, rel_path, n)
    if n == 0:
        yield Skipped(rel_path, "CSV has a header but no rows")


def _has_text_field(data: dict) -> bool:
    return any(field_of(k) in ("body", "headline") for k in data if isinstance(k, str))


def _record(data: Any, rel_path: str, record: int | None) -> Iterator[Item]:
    if not isinstance(data, dict):
        yield Skipped(rel_path, f"record is a {type(data).__name__}, not an object", record)
        return
    try:
        yield build_article(canonical_fields(data), rel_path=rel_path, record=record)
    except ValueError as exc:
        yield Skipped(rel_path, str(exc), record)
    except RecursionError:
        yield Skipped(rel_path, "record nested too deeply", record)
