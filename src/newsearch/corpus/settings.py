"""How to read a corpus folder: field mapping and date format, from the caller and from ``newsearch.toml``.

A ``newsearch.toml`` in a corpus folder applies to the files under it (a deeper one overrides a shallower
one, key by key); what the caller passes (``--field``, ``--date-format``) overrides both::

    date_format = "%d/%m/%Y"          # day first: 05/03/2024 is 5 March
    [fields]
    body = "full_story"               # canonical field = the column (or JSON key) that holds it
    date = "pubdate"
    source = "outlet_name"
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import CorpusError
from .fields import FIELD_ALIASES

SETTINGS_FILE = "newsearch.toml"
FIELDS = tuple(FIELD_ALIASES)


@dataclass(frozen=True, slots=True)
class ReadSettings:
    """``fields``: (canonical field, column name) pairs; an empty column name for ``id`` means "never take
    ids from the records". ``date_format``: a strptime format tried before the built-in date formats."""

    fields: tuple[tuple[str, str], ...] = ()
    date_format: str | None = None

    def column_for(self, field: str) -> str | None:
        return dict(self.fields).get(field)

    def fingerprint(self) -> str:
        """A short key that changes when the settings do: files read with other settings are re-read."""
        if not self.fields and not self.date_format:
            return ""
        text = json.dumps([sorted(self.fields), self.date_format])
        return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()

    def over(self, base: ReadSettings) -> ReadSettings:
        """These settings laid over ``base``, field by field."""
        merged = dict(base.fields) | dict(self.fields)
        return ReadSettings(tuple(sorted(merged.items())), self.date_format or base.date_format)


DEFAULT = ReadSettings()


def make(fields: Mapping[str, str] | None = None, date_format: str | None = None) -> ReadSettings:
    """Validated settings from the caller; ValueError names what is wrong and what is allowed."""
    checked = []
    for field, column in (fields or {}).items():
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r} in a field mapping (fields: {', '.join(FIELDS)})")
        if not isinstance(column, str) or (not column.strip() and field != "id"):
            raise ValueError(f"field {field!r}: give the column name, e.g. {field}=COLUMN")
        checked.append((field, column.strip()))
    if date_format is not None:
        check_date_format(date_format)
    return ReadSettings(tuple(sorted(checked)), date_format or None)


def parse_field_options(options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["body=full_story", "date=pubdate"]`` as a mapping; ValueError for a malformed option."""
    out: dict[str, str] = {}
    for option in options:
        field, sep, column = option.partition("=")
        if not sep:
            raise ValueError(f"--field {option!r}: write FIELD=COLUMN, e.g. --field body=full_story")
        out[field.strip().lower()] = column
    return out


def check_date_format(fmt: str) -> None:
    if "%" not in fmt:
        raise ValueError(f"date format {fmt!r} has no % directives (e.g. %d/%m/%Y)")
    try:
        datetime(2024, 3, 5, 9, 30).strftime(fmt)
    except ValueError as exc:
        raise ValueError(f"date format {fmt!r}: {exc}") from None


def load_file(path: Path) -> ReadSettings:
    """The settings in one ``newsearch.toml``; CorpusError (naming the file) when it is not valid."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"fields", "date_format"}
    if unknown:
        raise CorpusError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))} (known: fields, date_format)"
        )
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise CorpusError(f'{path}: [fields] must be a table of FIELD = "COLUMN"')
    for field, column in fields.items():
        if not isinstance(column, str):
            raise CorpusError(f"{path}: fields.{field} must be a column name in quotes, not {column!r}")
    date_format = data.get("date_format")
    if date_format is not None and not isinstance(date_format, str):
        raise CorpusError(f'{path}: date_format must be a string such as "%d/%m/%Y"')
    try:
        return make(fields, date_format)
    except ValueError as exc:
        raise CorpusError(f"{path}: {exc}") from None
