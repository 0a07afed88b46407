"""What readers notice in records they index anyway, summed up per file into one line each.

>>> notes = [Note("c/feed.csv", n, "dates-unparsed", "05/03/2024") for n in (1, 2)]
>>> print(summarize(notes)[0])     # doctest: +NORMALIZE_WHITESPACE
c/feed.csv: 2 dates not parsed (records 1, 2: '05/03/2024'): indexed without a date;
say how to read them with --date-format '%d/%m/%Y' (day first) or '%m/%d/%Y' (month first)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import FileNotice
from .fields import FIELD_ALIASES

SHOWN = 10  # record numbers and values named in one line


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader noticed in a record it read and indexed: a date that did not parse
    (``value``), a headline with no body (``columns``: the record's columns, ``value``: the likeliest body
    column), columns no field takes (``columns``)."""

    path: str
    record: int | None
    kind: str  # "dates-unparsed", "no-body", "columns-unused"
    value: str = ""
    columns: tuple[str, ...] = ()


def summarize(notes: Iterable[Note]) -> list[FileNotice]:
    """One FileNotice per file and kind, naming the records (the first few) and the fix."""
    groups: dict[tuple[str, str], list[Note]] = defaultdict(list)
    for note in notes:
        groups[(note.path, note.kind)].append(note)
    out = []
    for (path, kind), group in groups.items():
        records = tuple(n.record for n in group if n.record is not None)[:SHOWN]
        count = len(group) if kind != "columns-unused" else 1
        out.append(FileNotice(kind, path, _MESSAGES[kind](group), count, records))
    return out


def _records(group: list[Note]) -> str:
    numbers = [str(n.record) for n in group if n.record is not None]
    if not numbers:
        return ""
    shown = ", ".join(numbers[:SHOWN]) + (f", … ({len(numbers)} in all)" if len(numbers) > SHOWN else "")
    return f"record{'s' if len(numbers) > 1 else ''} {shown}"


def _dates(group: list[Note]) -> str:
    values = list(dict.fromkeys(n.value for n in group))
    shown = ", ".join(repr(v[:40]) for v in values[:3]) + (", …" if len(values) > 3 else "")
    where = _records(group)
    plural = "s" if len(group) > 1 else ""
    return (
        f"{len(group)} date{plural} not parsed ({where + ': ' if where else ''}{shown}): indexed without a "
        f"date; say how to read them with {_format_hint(values)}"
    )


_NUMERIC = re.compile(r"^\s*(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})\b")


def _format_hint(values: list[str]) -> str:
    """A --date-format to suggest: day or month first, from numeric dates such as 05/03/2024."""
    parsed = [m for v in values if (m := _NUMERIC.match(v))]
    if not parsed:
        return "--date-format FORMAT (strptime codes, e.g. '%d %b %Y')"
    sep = parsed[0][2]
    year = "%Y" if len(parsed[0][4]) == 4 else "%y"
    day_first = f"%d{sep}%m{sep}{year}"
    month_first = f"%m{sep}%d{sep}{year}"
    if any(int(m[1]) > 12 for m in parsed):
        return f"--date-format '{day_first}' (day first)"
    if any(int(m[3]) > 12 for m in parsed):
        return f"--date-format '{month_first}' (month first)"
    return f"--date-format '{day_first}' (day first) or '{month_first}' (month first)"


def _no_body(group: list[Note]) -> str:
    columns = group[0].columns
    guess = next((n.value for n in group if n.value), "")
    fix = f"--field body={guess}" if guess else "--field body=COLUMN"
    has = "have" if len(group) > 1 else "has"
    return (
        f"{_records(group) or 'the article'} {has} a headline but no body (no body column among: "
        f"{', '.join(columns)[:300]}); if one holds the text, map it with {fix}"
    )


def _unused(group: list[Note]) -> str:
    columns = list(dict.fromkeys(c for n in group for c in n.columns))
    shown = ", ".join(columns[:20]) + (f", … ({len(columns)} in all)" if len(columns) > 20 else "")
    return (
        f"columns no field takes, not indexed: {shown} (map one with --field FIELD=COLUMN; fields: "
        f"{', '.join(FIELD_ALIASES)})"
    )


_MESSAGES = {"dates-unparsed": _dates, "no-body": _no_body, "columns-unused": _unused}
