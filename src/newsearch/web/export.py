"""Every hit of a search as CSV or JSON Lines, produced lazily so the server streams it.

The hits come from ``Index.iter_hits``; the rows are the CLI's (``render.table_rows``, ``render.json_line``:
``newsearch query --all-hits --format csv|jsonl`` writes the same), except that a CSV cell that would start
like a spreadsheet formula is made text with a leading apostrophe: a browser download is opened in a
spreadsheet more often than not, and article text is untrusted (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from .. import render
from ..models import Hit

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _defused(hit: Hit) -> Hit:
    """The hit with every text a CSV cell starts with made inert for spreadsheets."""
    return dataclasses.replace(
        hit,
        id=_text(hit.id),
        headline=_text(hit.headline),
        source=_text(hit.source) if hit.source else hit.source,
        url=_text(hit.url) if hit.url else hit.url,
        path=_text(hit.path),
        snippet=_text(hit.snippet),
        speakers=tuple(_text(s) for s in hit.speakers),
        parties=tuple(dataclasses.replace(p, name=_text(p.name)) for p in hit.parties),
    )


def csv_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """A header line, then one CSV line per hit (the CLI's columns)."""
    rows = render.table_rows(_defused(h) for h in hits)
    header = ",".join(render.HIT_COLUMNS)
    first = True
    for row in rows:
        first = False
        yield row + "\n"
    if first:  # no hits: still a header, so a spreadsheet shows the columns
        yield header + "\n"


def jsonl_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """One JSON object per line, each ``{"shape_version", "kind": "hit", …the Hit's fields}``."""
    for hit in hits:
        yield render.json_line("hit", hit) + "\n"
